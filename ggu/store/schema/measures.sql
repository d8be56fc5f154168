-- Every measure and every order defined once, as macros: the views and queries/ use these,
-- and Python reads the orders from here (ggu/store/codes.py), so no list or formula is typed
-- out twice. Ratios are null-safe: null where the denominator is zero or null.

-- The categories of the 50/20/30 norm, in the order every table, chart and report shows them.
create or replace macro categories() as ['structureel', 'meerjarig', 'kortcyclisch'];
create or replace macro category_rank(category) as array_position(categories(), category);

-- The verdicts of an indicator, from best to worst (a goal takes its worst indicator's).
create or replace macro verdicts() as ['op_koers', 'aandacht', 'achter'];

-- % of the budget realised: spending / budget.
create or replace macro realised_pct(spent, budget) as 100 * spent / nullif(budget, 0);

-- A part as % of its whole (a category's share of the year, a municipality's of the fund).
create or replace macro share_pct(part, whole) as 100 * part / nullif(whole, 0);

-- The change from `old` to `new` in % of `old` (a year against a comparison year, a forecast
-- against its budget).
create or replace macro change_pct(new, old) as 100 * (new - old) / nullif(old, 0);

-- How far an indicator's value has come from its baseline to its target (0 at the baseline,
-- 100 at the target; for a "lower is better" indicator too).
create or replace macro progress_pct(value, baseline, target) as
    100 * (value - baseline) / nullif(target - baseline, 0);

-- The time elapsed on `day` from `start` to `stop`, in % (0 to 100): the progress an indicator
-- should have made by then at a steady pace.
create or replace macro elapsed_pct(start, stop, day) as
    100 * greatest(0, least(
        1, date_diff('day', start, day) / nullif(date_diff('day', start, stop), 0)));

-- The year the figures run in (the year of the as-of date): its spending and receipts run to
-- the as-of date, not to 31 December.
create or replace macro is_partial_year(y) as y = (select year(as_of_date) from v_as_of);

-- An item should already have finished in year y: its end year lies before y and its phase is
-- not 'afgerond' (null for an item without an end year).
create or replace macro is_overdue(phase, end_year, y) as phase <> 'afgerond' and end_year < y;

-- One instalment of a municipality's contribution: half the yearly rate x inhabitants, rounded
-- half up to the cent (two instalments a year, January and July).
create or replace macro instalment_eur(inhabitants, rate) as round(inhabitants * rate * 0.5, 2);

-- (1 + pct / 100) ^ n, exactly (a decimal product, n >= 0): indexation by pct % a year over
-- n years.
create or replace macro growth_factor(pct, n) as list_reduce(
    list_transform(range(n), lambda i: cast((100 + pct) * 0.01 as decimal(38, 16))),
    lambda a, b: cast(a * b as decimal(38, 16)),
    cast(1 as decimal(38, 16)));

-- A rate per inhabitant indexed by pct % a year over n years, rounded to 4 decimals (the
-- precision of a rate).
create or replace macro indexed_rate(rate, pct, n) as
    round(cast(rate as decimal(8, 4)) * growth_factor(pct, n), 4);

-- What the 50/20/30 norm asks of a category in a plan year, in euros: its norm share of the
-- budget that spends the fund exactly (the year's budget plus its room: other sources as
-- planned, the fund in full), rounded to the cent. A negative room (a shortfall) lowers it.
create or replace macro norm_asks_eur(norm_pct, budget, room) as
    round(cast(norm_pct as decimal(9, 4)) * (budget + room) / 100, 2);

-- The statuses of an item, from best to worst; a status's rank in that order (1 = groen).
create or replace macro statuses() as ['groen', 'oranje', 'rood'];
create or replace macro status_rank(status) as array_position(statuses(), status);

-- The date a year's status is read at (status_at, status.sql): 31 December, for the running
-- year (and a later one) the as-of date.
create or replace macro status_date(y) as least(make_date(y, 12, 31),
                                                 (select as_of_date from v_as_of));

-- The CBS size class of a municipality by its inhabitants (gemeentegrootteklasse): 1 under
-- 5,000, 2 from 5,000, 3 from 10,000, 4 from 20,000, 5 from 50,000, 6 from 100,000, 7 from
-- 150,000 and 8 from 250,000 inhabitants.
create or replace macro size_class_bounds() as [5000, 10000, 20000, 50000, 100000, 150000, 250000];
create or replace macro size_class(inhabitants) as
    1 + len(list_filter(size_class_bounds(), lambda b: b <= inhabitants));

-- What is attributed to a municipality in % of what it paid (100: it gets as much as it pays).
create or replace macro attributed_vs_paid_pct(attributed, paid) as 100 * attributed / nullif(paid, 0);

-- An amount per inhabitant (what a municipality pays or gets per inhabitant).
create or replace macro per_inhabitant(amount, inhabitants) as amount / nullif(inhabitants, 0);
