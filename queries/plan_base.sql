-- One row: the base year of the planning (the latest year with budget rows up to the as-of
-- year), its rate per inhabitant (the rate of its contributions; else the latest year's), the
-- first and last plan year, and the year whose inhabitants the plan's fund counts.
-- Parameters: none.
-- Caveat: the rate is null when no contributions were ever loaded.
with rates as (
    select
        year,
        max(rate_per_inhabitant_eur) as rate_per_inhabitant_eur
    from contribution
    group by year
),

final as (
    select
        b.base_year,
        b.base_year + 1 as first_plan_year,
        b.base_year + 4 as last_plan_year,
        coalesce(
            (
                select r.rate_per_inhabitant_eur from rates as r
                where r.year = b.base_year
            ),
            (
                select r.rate_per_inhabitant_eur from rates as r
                order by r.year desc limit 1
            )
        ) as rate_per_inhabitant_eur,
        (select max(m.year) from municipality as m) as inhabitants_year
    from v_base_year as b
)

select * from final
