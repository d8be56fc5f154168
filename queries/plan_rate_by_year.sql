-- One row per year: the base year at its rate ($base_rate, as plan_base.sql gives it) and each
-- plan year of a scenario at the scenario's rate, with the change of the rate against the year
-- before (null for the base year) and what a municipality of 10,000 inhabitants pays at that
-- rate (two instalments, each rounded half up to the cent, as every municipality pays).
-- Parameters: $scenario (JSON text, see ggu/plan/scenario.py), $base_rate.
-- Caveat: the change is year on year (the first plan year against the base year, each later
-- year against the one before), not against the base year: at 0% indexation it is 0.
with base_year (year, is_plan, rate_per_inhabitant_eur) as (
    select
        base_year,
        false,
        cast($base_rate as decimal(8, 4))
    from v_base_year
),

planned as (
    select
        year,
        true as is_plan,
        rate_per_inhabitant_eur
    from plan_fund($scenario)
),

years as (
    select * from base_year
    union all
    select * from planned
),

final as (
    select
        year,
        is_plan,
        cast(rate_per_inhabitant_eur as double) as rate_per_inhabitant_eur,
        cast(change_pct(
            rate_per_inhabitant_eur,
            lag(rate_per_inhabitant_eur) over (order by year)
        ) as double) as change_pct,
        cast(2 * instalment_eur(10000, rate_per_inhabitant_eur) as double) as per_10000_eur
    from years
)

select * from final
order by year
