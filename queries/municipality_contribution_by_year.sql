-- One row per year for municipality $cbs_code: inhabitants (CBS), the rate per inhabitant, its
-- contribution (both instalments) and its share of that year's fund.
-- Parameters: $cbs_code (required).
-- Caveat: in the demo data the years before 2023 use the municipal division of 2023.
with by_year as (
    select
        year,
        cbs_code,
        max(rate_per_inhabitant_eur) as rate_per_inhabitant_eur,
        sum(amount_eur) as contribution_eur
    from v_contribution
    group by year, cbs_code
),

shares as (
    select
        *,
        share_pct(contribution_eur, sum(contribution_eur) over (partition by year))
            as fund_share_pct
    from by_year
),

final as (
    select
        s.year,
        m.inhabitants,
        s.rate_per_inhabitant_eur,
        s.contribution_eur,
        s.fund_share_pct
    from shares as s
    left join v_municipality as m on s.year = m.year and s.cbs_code = m.cbs_code
    where s.cbs_code = $cbs_code
)

select * from final
order by year
