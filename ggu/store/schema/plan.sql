-- The planning of the coming years (the begroting the ALV votes on): table macros that take a
-- scenario as JSON text and return its lines and its fund. queries/plan_*.sql read these, so
-- the rules below are written once. See docs/planning.md for the rules in plain words.
--
-- A scenario (ggu/plan/scenario.py writes it):
--   {"rate_per_inhabitant_eur": "3.2500", "indexation_pct": "2.00",
--    "proposals": ["V2027-01"],
--    "drops": [{"line_id": "IBD", "from_year": 2028}],
--    "amounts": [{"line_id": "IBD", "year": 2027, "funding_source": "fonds_ggu",
--                 "amount_eur": "1000.00"}],
--    "end_years": [{"line_id": "IBD", "end_year": 2028}]}

-- The plan years: the four years after the base year, with their distance from it.
create or replace view v_plan_year as
select
    base_year,
    base_year + n as year,
    n as years_after_base
from v_base_year
cross join (select unnest(range(1, 5)) as n);

-- The scenario's parameters, typed.
create or replace macro plan_parameters(scenario) as table
select
    cast(json_extract_string(scenario, '$.rate_per_inhabitant_eur') as decimal(8, 4))
        as rate_per_inhabitant_eur,
    cast(coalesce(json_extract_string(scenario, '$.indexation_pct'), '0') as decimal(6, 2))
        as indexation_pct,
    coalesce(from_json(json_extract(scenario, '$.proposals'), '["VARCHAR"]'), [])
        as proposal_ids;

-- One row per line (an item or a proposal) x funding source x plan year:
--   origin 'begroting'      a budget row the data holds for that year (a multi-year budget);
--   origin 'doorgetrokken'  carried forward from the base year: structureel x (1 + indexation)
--                           ^ (year - B), meerjarig as in year B until its end year,
--                           kortcyclisch at 0; for an active item (start <= year <= end, no end
--                           = open, phase not 'afgerond'); each line rounded half up to the cent;
--   origin 'voorstel'       a proposal's amount for that year (0 when not included).
-- Then the scenario's changes: an end year (no line after it), a drop (0 from that year on)
-- and an amount (this amount instead). amount_eur is what the plan counts.
create or replace macro plan_lines(scenario) as table
with parameters as (
    select * from plan_parameters(scenario)
),

end_years as (
    select unnest(from_json(json_extract(scenario, '$.end_years'),
                            '[{"line_id": "VARCHAR", "end_year": "INTEGER"}]'), recursive := true)
),

drops as (
    select unnest(from_json(json_extract(scenario, '$.drops'),
                            '[{"line_id": "VARCHAR", "from_year": "INTEGER"}]'), recursive := true)
),

amounts as (
    select unnest(from_json(json_extract(scenario, '$.amounts'),
                            '[{"line_id": "VARCHAR", "year": "INTEGER", "funding_source": "VARCHAR",
                               "amount_eur": "DECIMAL(18,2)"}]'), recursive := true)
),

items as (
    select
        i.item_id,
        i.name,
        i.category,
        i.theme,
        i.goal_id,
        i.phase,
        i.start_year,
        coalesce(e.end_year, i.end_year) as end_year,
        e.end_year is not null as is_end_year_changed
    from item as i
    left join end_years as e on i.item_id = e.line_id
),

held as (
    select
        b.item_id,
        b.year,
        b.funding_source,
        b.budget_eur as amount_eur,
        'begroting' as origin
    from budget as b
    inner join v_plan_year as y on b.year = y.year
),

carried as (
    select
        i.item_id,
        y.year,
        b.funding_source,
        case i.category
            when 'structureel' then round(
                b.budget_eur * growth_factor(p.indexation_pct, y.years_after_base), 2)
            when 'meerjarig' then b.budget_eur
            else cast(0 as decimal(18, 2))
        end as amount_eur,
        'doorgetrokken' as origin
    from items as i
    cross join v_plan_year as y
    cross join parameters as p
    inner join budget as b on i.item_id = b.item_id and b.year = y.base_year
    where i.phase <> 'afgerond'
        and i.start_year <= y.year
        and (i.end_year is null or y.year <= i.end_year)
        and not exists (
            select 1 from held as h
            where h.item_id = i.item_id and h.year = y.year
                and h.funding_source = b.funding_source
        )
),

item_lines as (
    select
        'project' as line_kind,
        l.item_id as line_id,
        i.name,
        i.category,
        i.theme,
        i.goal_id,
        l.funding_source,
        l.year,
        l.origin,
        l.amount_eur as planned_eur,
        true as is_included,
        i.end_year,
        i.is_end_year_changed
    from (select * from held union all select * from carried) as l
    inner join items as i on l.item_id = i.item_id
    where i.end_year is null or l.year <= i.end_year or not i.is_end_year_changed
),

proposal_lines as (
    select
        'voorstel' as line_kind,
        v.proposal_id as line_id,
        v.name,
        v.category,
        v.theme,
        v.goal_id,
        v.funding_source,
        v.year,
        'voorstel' as origin,
        v.amount_eur as planned_eur,
        list_contains(p.proposal_ids, v.proposal_id) as is_included,
        cast(null as integer) as end_year,
        false as is_end_year_changed
    from proposal as v
    inner join v_plan_year as y on v.year = y.year
    cross join parameters as p
    -- a proposal adopted and imported as an item counts through that item's budget rows
    where not exists (select 1 from item as i where i.item_id = v.proposal_id)
),

lines as (
    select * from item_lines
    union all
    select * from proposal_lines
),

final as (
    select
        l.*,
        d.from_year as dropped_from_year,
        a.amount_eur is not null as is_amount_changed,
        case
            when not l.is_included then cast(0 as decimal(18, 2))
            when d.from_year <= l.year then cast(0 as decimal(18, 2))
            else coalesce(a.amount_eur, l.planned_eur)
        end as amount_eur
    from lines as l
    left join drops as d on l.line_id = d.line_id
    left join amounts as a
        on l.line_id = a.line_id and l.year = a.year and l.funding_source = a.funding_source
)

select * from final;

-- The fund of each plan year: every municipality (inhabitants of the latest year in the data)
-- pays the year's rate in two instalments, each rounded half up to the cent. The rate of B + 1
-- is the scenario's; later years index it: rate x (1 + indexation) ^ (year - B - 1), rounded to
-- 4 decimals.
create or replace macro plan_fund(scenario) as table
with parameters as (
    select * from plan_parameters(scenario)
),

rates as (
    select
        y.base_year,
        y.year,
        indexed_rate(p.rate_per_inhabitant_eur, p.indexation_pct, y.years_after_base - 1)
            as rate_per_inhabitant_eur
    from v_plan_year as y
    cross join parameters as p
),

inhabitants as (
    select cbs_code, inhabitants
    from municipality
    where year = (select max(year) from municipality)
)

select
    r.base_year,
    r.year,
    r.rate_per_inhabitant_eur,
    2 * sum(instalment_eur(m.inhabitants, r.rate_per_inhabitant_eur)) as fund_eur,
    count(*) as paying_municipalities,
    sum(m.inhabitants) as inhabitants
from rates as r
cross join inhabitants as m
group by r.base_year, r.year, r.rate_per_inhabitant_eur;
