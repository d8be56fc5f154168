-- One row per municipality in $year: province, inhabitants (CBS), the contribution due (both
-- instalments), received by the as-of date, per inhabitant, and its share of the fund (all
-- contributions of the year).
-- Parameters: $year (required).
-- Caveat: the sum over municipalities equals the year's contributions to the cent. A
-- municipality of the year without Bijdragen rows has a row with contribution 0.
with by_municipality as (
    select
        c.cbs_code,
        sum(c.amount_eur) as contribution_eur,
        coalesce(sum(c.amount_eur) filter (where is_received(c.paid_date, a.as_of_date)), 0)
            as received_eur
    from v_contribution as c
    cross join v_as_of as a
    where c.year = $year
    group by c.cbs_code
),

final as (
    select
        m.cbs_code,
        m.name,
        m.province,
        m.inhabitants,
        coalesce(b.contribution_eur, 0) as contribution_eur,
        coalesce(b.received_eur, 0) as received_eur,
        per_inhabitant(coalesce(b.contribution_eur, 0), m.inhabitants) as per_inhabitant_eur,
        share_pct(
            coalesce(b.contribution_eur, 0), sum(b.contribution_eur) over ()
        ) as fund_share_pct
    from v_municipality as m
    left join by_municipality as b on m.cbs_code = b.cbs_code
    where m.year = $year
)

select * from final
order by name
