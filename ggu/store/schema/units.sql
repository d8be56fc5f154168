-- Price index per year, chained from the CPI yearly change (CBS). A year without a CPI figure
-- (e.g. the running year) carries the last known change forward: is_assumed says so.
create or replace view v_price_index as
with years as (
    select year from cpi
    union
    select distinct year from v_budget
    union
    select distinct year from municipality
),
changes as (
    select
        y.year,
        c.change_pct,
        c.change_pct is null as is_assumed,
        coalesce(c.change_pct, last_value(c.change_pct ignore nulls) over (order by y.year), 0)
            as used_change_pct,
        coalesce(c.source, last_value(c.source ignore nulls) over (order by y.year)) as source
    from years as y
    left join cpi as c on y.year = c.year
)
select
    year,
    change_pct,
    used_change_pct,
    is_assumed,
    source,
    exp(sum(ln(1 + cast(used_change_pct as double) / 100)) over (order by year)) as price_index
from changes;

-- Per year x unit x base year the factor that turns euro into the unit shown:
-- 'eur' 1; 'per_inhabitant' 1 / the year's inhabitants (all municipalities, CBS);
-- 'constant' euro in prices of base_year (price index of base_year / that of the year).
create or replace view v_amount_factor as
with inhabitants as (
    select year, sum(inhabitants) as inhabitants from municipality group by year
)
select
    p.year,
    u.unit,
    b.year as base_year,
    case u.unit
        when 'eur' then 1.0
        when 'per_inhabitant' then 1.0 / i.inhabitants
        when 'constant' then b.price_index / p.price_index
    end as factor
from v_price_index as p
cross join v_price_index as b
cross join (values ('eur'), ('per_inhabitant'), ('constant')) as u (unit)
left join inhabitants as i on p.year = i.year;

-- Spending has no funding source: it is attributed to the sources pro rata of the item-year's
-- budget by source. Spending of an item-year without a (positive) budget counts as Fonds GGU.
create or replace view v_funding_share as
with budgeted as (
    select
        item_id,
        year,
        funding_source,
        cast(budget_eur as double)
            / nullif(sum(budget_eur) over (partition by item_id, year), 0) as budget_fraction
    from v_budget
)
select item_id, year, funding_source, budget_fraction from budgeted where budget_fraction is not null
union all
select distinct a.item_id, a.year, 'fonds_ggu', 1.0
from agg_spend_month as a
where not exists (
    select 1 from budgeted as b
    where b.item_id = a.item_id and b.year = a.year and b.budget_fraction is not null
);

-- The explorer's filters as table macros, one definition for every query that filters:
-- a list argument that is null means "all".
create or replace macro selected_items(categories, themes, goals, items) as table
select item_id, name, category, theme, goal_id, goal_name
from v_item
where
    (categories is null or list_contains(categories, category))
    and (themes is null or list_contains(themes, theme))
    and (goals is null or list_contains(goals, goal_id))
    and (items is null or list_contains(items, item_id));

-- The part of each item-year's spending attributed to the chosen funding sources.
create or replace macro funding_fraction(year_from, year_to, funding_sources) as table
select item_id, year, sum(budget_fraction) as budget_fraction
from v_funding_share
where
    year between year_from and year_to
    and (funding_sources is null or list_contains(funding_sources, funding_source))
group by item_id, year;
