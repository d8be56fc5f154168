-- Every measure and every order defined once, as macros: the views and queries/ use these,
-- and Python reads the orders from here (ggu/store/codes.py), so no list or formula is typed
-- out twice. Ratios are null-safe: null where the denominator is zero or null.
-- Each macro has one line `-- measure: name | unit | meaning` right above it: the measure
-- table of docs/data-model.md is generated from those lines (python -m tools.measures).

-- The categories of the 50/20/30 norm, in the order every table, chart and report shows them.
-- measure: categories() | order | The categories of the 50/20/30 norm in the order every table,
--   chart and report shows them.
create or replace macro categories() as ['structureel', 'meerjarig', 'kortcyclisch'];
-- measure: category_rank(category) | rank | A category's place in that order (1 = structureel).
create or replace macro category_rank(category) as array_position(categories(), category);

-- measure: verdicts() | order | The verdicts of an indicator from best to worst (a goal takes its
--   worst indicator's).
create or replace macro verdicts() as ['op_koers', 'aandacht', 'achter'];

-- measure: realised_pct(spent, budget) | % | The spending in % of its budget.
create or replace macro realised_pct(spent, budget) as 100 * spent / nullif(budget, 0);

-- measure: share_pct(part, whole) | % | A part as % of its whole (a category's share of the year, a
--   municipality's of the fund).
create or replace macro share_pct(part, whole) as 100 * part / nullif(whole, 0);

-- measure: deviation_pp(share_pct, norm_pct) | pp | How far a category's share lies from its norm
--   share, in percentage points (positive: above the norm).
create or replace macro deviation_pp(share_pct, norm_pct) as share_pct - norm_pct;

-- The deviation is rounded to 9 decimals first so that a share exactly on the edge of the
-- tolerance (computed in floating point) counts as within it.
-- measure: is_within_tolerance(share_pct, norm_pct, tolerance_pp) | true/false | A category's share
--   lies within the tolerance of its norm share (its deviation at most the tolerance, either way).
create or replace macro is_within_tolerance(share_pct, norm_pct, tolerance_pp) as
    round(abs(share_pct - norm_pct), 9) <= tolerance_pp;

-- measure: change_pct(new, old) | % | The change from old to new in % of old (a year against a
--   comparison year, a forecast against its budget).
create or replace macro change_pct(new, old) as 100 * (new - old) / nullif(old, 0);

-- measure: progress_pct(value, baseline, target) | % | How far an indicator's value has come from
--   its baseline to its target (0 at the baseline, 100 at the target, also when lower is better).
create or replace macro progress_pct(value, baseline, target) as
    100 * (value - baseline) / nullif(target - baseline, 0);

-- measure: elapsed_pct(start, stop, day) | % | The time elapsed on day from start to stop (0 to
--   100): the progress an indicator should have made by then at a steady pace.
create or replace macro elapsed_pct(start, stop, day) as
    100 * greatest(0, least(
        1, date_diff('day', start, day) / nullif(date_diff('day', start, stop), 0)));

-- measure: is_partial_year(y) | true/false | y is the year of the as-of date: its spending and
--   receipts run to that date, not to 31 December.
create or replace macro is_partial_year(y) as y = (select year(as_of_date) from v_as_of);

-- measure: is_received(paid_date, as_of_date) | true/false | A contribution has been received by
--   the as-of date (paid on or before it; not yet paid: false).
create or replace macro is_received(paid_date, as_of_date) as paid_date <= as_of_date;

-- measure: is_overdue(phase, end_year, y) | true/false | An item should already have finished in
--   year y: its end year lies before y and its phase is not afgerond (null without an end year).
create or replace macro is_overdue(phase, end_year, y) as phase <> 'afgerond' and end_year < y;

-- measure: instalment_eur(inhabitants, rate) | € | One instalment of a municipality's contribution:
--   half the yearly rate times inhabitants, rounded half up to the cent (January and July).
create or replace macro instalment_eur(inhabitants, rate) as round(inhabitants * rate * 0.5, 2);

-- measure: growth_factor(pct, n) | factor | (1 + pct / 100) to the power n, exactly as a decimal
--   product (n >= 0): indexation by pct % a year over n years.
create or replace macro growth_factor(pct, n) as list_reduce(
    list_transform(range(n), lambda i: cast((100 + pct) * 0.01 as decimal(38, 16))),
    lambda a, b: cast(a * b as decimal(38, 16)),
    cast(1 as decimal(38, 16)));

-- measure: indexed_rate(rate, pct, n) | € per inhabitant | A rate per inhabitant indexed by pct % a
--   year over n years, rounded to 4 decimals (the precision of a rate).
create or replace macro indexed_rate(rate, pct, n) as
    round(cast(rate as decimal(8, 4)) * growth_factor(pct, n), 4);

-- The budget that spends the fund exactly is the year's budget plus its room (other sources
-- as planned, the fund in full); a negative room (a shortfall) lowers what the norm asks.
-- measure: norm_asks_eur(norm_pct, budget, room) | € | What the 50/20/30 norm asks of a category in
--   a plan year: its norm share of the budget plus the room, to the cent.
create or replace macro norm_asks_eur(norm_pct, budget, room) as
    round(cast(norm_pct as decimal(9, 4)) * (budget + room) / 100, 2);

-- measure: statuses() | order | The statuses of an item from best (groen) to worst (rood).
create or replace macro statuses() as ['groen', 'oranje', 'rood'];
-- measure: status_rank(status) | rank | A status's place in that order (1 = groen).
create or replace macro status_rank(status) as array_position(statuses(), status);

-- measure: status_changes() | order | The changes of an item's status between two report rounds,
--   in the order they are listed: went red, worse, recovered, new (a first report).
create or replace macro status_changes() as ['rood', 'slechter', 'hersteld', 'nieuw'];

-- measure: year_end_before(y) | date | 31 December of the year before y: what "changed since the
--   end of last year" (the ALV report) compares with, unlike "since the previous report" (the
--   report round before the latest, status_changes.sql).
create or replace macro year_end_before(y) as make_date(y - 1, 12, 31);

-- measure: status_date(y) | date | The date a year's status is read at (status_at, status.sql): 31
--   December, for the running year and later the as-of date.
create or replace macro status_date(y) as least(make_date(y, 12, 31),
                                                 (select as_of_date from v_as_of));

-- measure: size_class_bounds() | inhabitants | The lower bounds of the CBS size classes 2 to 8
--   (gemeentegrootteklasse).
create or replace macro size_class_bounds() as [5000, 10000, 20000, 50000, 100000, 150000, 250000];
-- measure: size_class(inhabitants) | class 1-8 | The CBS size class of a municipality: 1 under
--   5,000 inhabitants, then from 5,000, 10,000, 20,000, 50,000, 100,000, 150,000 and 8 from
--   250,000.
create or replace macro size_class(inhabitants) as
    1 + len(list_filter(size_class_bounds(), lambda b: b <= inhabitants));

-- measure: attributed_vs_paid_pct(attributed, paid) | % | What is attributed to a municipality in %
--   of what it paid (100: it gets as much as it pays).
create or replace macro attributed_vs_paid_pct(attributed, paid) as 100 * attributed / nullif(paid, 0);

-- measure: per_inhabitant(amount, inhabitants) | € per inhabitant | An amount per inhabitant (what
--   a municipality or province pays or gets per inhabitant).
create or replace macro per_inhabitant(amount, inhabitants) as amount / nullif(inhabitants, 0);
