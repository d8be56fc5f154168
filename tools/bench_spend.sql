-- Synthetic spending for the benchmark, deterministic through hash(i, $seed): each
-- transaction falls in an item-year with a probability proportional to its budget, in a month
-- (up to the as-of month in the current year), with an amount around the item-year's average.
insert into spend
with item_year as (
    select item_id, year, sum(budget_eur) as budget_eur
    from budget
    group by item_id, year
),
weighted as (
    select
        item_id,
        year,
        budget_eur,
        sum(budget_eur) over (order by year, item_id) - budget_eur as cum_start,
        sum(budget_eur) over () as total
    from item_year
),
slots as (
    select item_id, year, budget_eur, cast(cum_start / total as double) as p_start,
        cast(budget_eur / total as double) as p
    from weighted
),
tx as (
    select
        i,
        (hash(i, $seed) % 1000000000) / 1e9 as u_slot,
        (hash(i, $seed + 1) % 1000000000) / 1e9 as u_month,
        (hash(i, $seed + 2) % 1000000000) / 1e9 as u_amount,
        cast(hash(i, $seed + 3) % 7 as integer) as k_cost
    from range($rows) as r (i)
),
placed as (
    select tx.*, s.item_id, s.year, s.budget_eur, s.p
    from tx
    asof join slots as s on tx.u_slot >= s.p_start
)
select
    i + 1 as tx_id,
    item_id,
    make_date(year, 1 + cast(floor(u_month * (case when year = $as_of_year then $as_of_month else 12 end)) as integer),
              1 + cast(hash(i, $seed + 4) % 28 as integer)) as booking_date,
    cast(
        budget_eur / ($rows * p) * (0.2 + 1.6 * u_amount)
        * (case when year = $as_of_year then $as_of_month / 12.0 else 1 end) as decimal(18, 2)
    ) as amount_eur,
    (['personeel', 'inhuur', 'licenties', 'hosting en beheer', 'advies',
      'bijdragen en subsidies', 'overig'])[k_cost + 1] as cost_type,
    'Synthetische boeking ' || (i + 1) as description
from placed
