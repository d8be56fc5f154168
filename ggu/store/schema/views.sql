-- The views queries/ read: the tables renamed and joined, the norm and budget per year, the
-- as-of date.
create or replace view v_meta as
select
    coalesce(max(case when key = 'is_demo' then value end), 'false') = 'true' as is_demo,
    max(case when key = 'snapshot_id' then value end) as snapshot_id,
    max(case when key = 'created_at' then value end) as created_at,
    try_cast(max(case when key = 'as_of_date' then value end) as date) as as_of_date,
    max(case when key = 'source' then value end) as source
from meta;

create or replace view v_item as
select
    i.*,
    g.name as goal_name
from item as i
left join goal as g on i.goal_id = g.goal_id;

-- The date the figures run to: stated in meta, else the last booking date, else (no spending
-- booked at all, e.g. a first import of only a budget) the day the snapshot was written.
create or replace view v_as_of as
select coalesce(
    (select as_of_date from v_meta),
    (select max(booking_date) from spend),
    (select try_cast(try_cast(created_at as timestamp) as date) from v_meta)
) as as_of_date;

-- The base year: the latest year with budget rows not after the year of the as-of date. The
-- monitoring pages show the years up to it; budget rows for later years are the multi-year
-- budget (meerjarenbegroting) that the planning reads (v_budget_all).
create or replace view v_base_year as
select coalesce(
    (select max(year) from budget where year <= (select year(as_of_date) from v_as_of)),
    (select max(year) from budget)
) as base_year;

-- Every budget row with its item's category, theme and goal, later years included.
create or replace view v_budget_all as
select
    b.item_id,
    b.year,
    b.funding_source,
    b.budget_eur,
    i.category,
    i.theme,
    i.goal_id
from budget as b
inner join item as i on b.item_id = i.item_id;

-- The budget rows of the monitored years (up to the base year).
create or replace view v_budget as
select * from v_budget_all
where year <= (select base_year from v_base_year);

create or replace view v_spend_month as
select
    a.item_id,
    a.year,
    a.month,
    a.cost_type,
    a.spent_eur,
    a.tx_count,
    i.category,
    i.theme,
    i.goal_id
from agg_spend_month as a
inner join item as i on a.item_id = i.item_id;

create or replace view v_spend as
select
    s.tx_id,
    s.item_id,
    s.booking_date,
    year(s.booking_date) as year,
    month(s.booking_date) as month,
    s.amount_eur,
    s.cost_type,
    s.description
from spend as s;

-- The norm in force per year and category: the latest valid_from_year not after the year.
create or replace view v_norm_by_year as
with years as (
    select distinct year from budget
    union
    select base_year + unnest(range(1, 5)) from v_base_year
),
ranked as (
    select
        y.year,
        n.category,
        n.norm_pct,
        n.tolerance_pp,
        row_number() over (partition by y.year, n.category order by n.valid_from_year desc) as rn
    from years as y
    inner join split_norm as n on n.valid_from_year <= y.year
)
select year, category, norm_pct, tolerance_pp from ranked where rn = 1;

-- Budget per year, in total and per funding source.
create or replace view v_budget_by_year as
select
    year,
    sum(budget_eur) as budget_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'fonds_ggu'), 0) as budget_fonds_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'rijk'), 0) as budget_rijk_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'overig'), 0) as budget_overig_eur
from v_budget
group by year;

create or replace view v_municipality as
select year, cbs_code, name, province, inhabitants from municipality;

create or replace view v_contribution as
select
    c.year,
    c.cbs_code,
    c.instalment,
    c.rate_per_inhabitant_eur,
    c.amount_eur,
    c.paid_date,
    m.name as municipality_name,
    m.province
from contribution as c
left join municipality as m on c.year = m.year and c.cbs_code = m.cbs_code;
