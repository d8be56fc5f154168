-- One row per year for one municipality: its contribution in the base year (as due) and in each
-- plan year of a scenario (inhabitants of the latest year x the year's rate, two instalments
-- each rounded half up to the cent), and the change against the base year.
-- Parameters: $scenario (JSON text, see ggu/plan/scenario.py), $cbs_code.
-- Caveat: the plan years count the latest year's inhabitants; the base year its own.
with latest as (
    select
        cbs_code,
        name,
        inhabitants
    from v_municipality
    where year = (select max(m.year) from v_municipality as m) and cbs_code = $cbs_code
),

base as (
    select
        c.year,
        max(c.rate_per_inhabitant_eur) as rate_per_inhabitant_eur,
        sum(c.amount_eur) as contribution_eur
    from contribution as c
    where c.cbs_code = $cbs_code and c.year = (select b.base_year from v_base_year as b)
    group by c.year
),

planned as (
    select
        f.year,
        f.rate_per_inhabitant_eur,
        2 * instalment_eur(l.inhabitants, f.rate_per_inhabitant_eur) as contribution_eur
    from plan_fund($scenario) as f
    cross join latest as l
),

years as (
    select
        year,
        rate_per_inhabitant_eur,
        contribution_eur,
        false as is_plan
    from base
    union all
    select
        year,
        rate_per_inhabitant_eur,
        contribution_eur,
        true as is_plan
    from planned
),

final as (
    select
        y.year,
        y.is_plan,
        y.rate_per_inhabitant_eur,
        y.contribution_eur,
        y.contribution_eur - b.contribution_eur as change_eur,
        change_pct(y.contribution_eur, b.contribution_eur) as change_pct
    from years as y
    left join base as b on true
)

select * from final
order by year
