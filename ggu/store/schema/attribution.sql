-- What a municipality gets: each item's spending borne by the Fonds GGU in a year, shared among
-- the municipalities that use the item that year (table item_use) in proportion to their
-- inhabitants; an item nobody uses that year (a standard, a programme for all) is shared by
-- every municipality of the year. An attribution, not an invoice.
-- The shares add up to the item's spending to the cent: each is floored to the cent, and the
-- cents left over go one each to the largest remainders (ties: the lower CBS code).

-- The spending of an item-year borne by the Fonds GGU: its spending times the fund's part of
-- its budget (v_funding_share), rounded to the cent per item-year.
create or replace view v_item_fund_spent as
with spent as (
    select item_id, year, sum(spent_eur) as spent_eur
    from agg_spend_month
    group by item_id, year
)
select
    s.item_id,
    s.year,
    cast(round(cast(s.spent_eur as double) * f.budget_fraction, 2) as decimal(18, 2))
        as fund_spent_eur
from spent as s
inner join v_funding_share as f
    on s.item_id = f.item_id and s.year = f.year and f.funding_source = 'fonds_ggu';

-- Who uses what in a year: one row per item x year x municipality of that year.
create or replace view v_item_use_by_year as
select distinct u.item_id, m.year, m.cbs_code, m.inhabitants
from item_use as u
inner join municipality as m
    on u.cbs_code = m.cbs_code and m.year >= u.from_year
    and (u.to_year is null or m.year <= u.to_year);

-- One row per item-year with Fonds GGU spending x municipality sharing in it.
create or replace view v_attribution as
with used as (
    select distinct item_id, year from v_item_use_by_year
),
sharers as (
    select s.item_id, s.year, s.fund_spent_eur, u.cbs_code, u.inhabitants, true as is_used
    from v_item_fund_spent as s
    inner join v_item_use_by_year as u on s.item_id = u.item_id and s.year = u.year
    union all
    select s.item_id, s.year, s.fund_spent_eur, m.cbs_code, m.inhabitants, false as is_used
    from v_item_fund_spent as s
    inner join municipality as m on s.year = m.year
    where not exists (select 1 from used as x where x.item_id = s.item_id and x.year = s.year)
),
exact as (
    select
        *,
        cast(round(abs(fund_spent_eur) * 100) as hugeint) * inhabitants as numerator,
        sum(inhabitants) over (partition by item_id, year) as sharing_inhabitants,
        count(*) over (partition by item_id, year) as sharing_municipalities
    from sharers
),
floored as (
    select
        *,
        numerator // sharing_inhabitants as floor_cents,
        numerator % sharing_inhabitants as remainder
    from exact
),
ranked as (
    select
        *,
        cast(round(abs(fund_spent_eur) * 100) as hugeint)
            - sum(floor_cents) over (partition by item_id, year) as cents_left,
        row_number() over (
            partition by item_id, year order by remainder desc, cbs_code
        ) as remainder_rank
    from floored
)
select
    item_id,
    year,
    cbs_code,
    is_used,
    inhabitants,
    sharing_municipalities,
    sharing_inhabitants,
    fund_spent_eur,
    cast(cast(sign(fund_spent_eur) * (floor_cents + (remainder_rank <= cents_left)::integer)
        as decimal(18, 0)) * 0.01 as decimal(18, 2)) as attributed_eur
from ranked;
