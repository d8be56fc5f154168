-- One row per year for municipality $cbs_code: inhabitants (CBS), the rate per inhabitant, its
-- contribution (both instalments) and its share of that year's fund.
-- Parameters: $cbs_code (required).
-- Caveat: in the demo data the years before 2023 use the municipal division of 2023. A year
-- that lists the municipality without Bijdragen rows has contribution 0 and no rate or share.
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
        m.year,
        m.inhabitants,
        s.rate_per_inhabitant_eur,
        coalesce(s.contribution_eur, 0) as contribution_eur,
        s.fund_share_pct
    from v_municipality as m
    left join shares as s on m.year = s.year and m.cbs_code = s.cbs_code
    where m.cbs_code = $cbs_code
)

select * from final
order by year
