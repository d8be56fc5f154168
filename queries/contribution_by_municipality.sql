-- One row per municipality in $year: province, inhabitants (CBS), the contribution due (both
-- instalments), received by the as-of date, per inhabitant, and its share of the fund (all
-- contributions of the year).
-- Parameters: $year (required).
-- Caveat: the sum over municipalities equals the year's contributions to the cent.
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
        b.cbs_code,
        m.name,
        m.province,
        m.inhabitants,
        b.contribution_eur,
        b.received_eur,
        per_inhabitant(b.contribution_eur, m.inhabitants) as per_inhabitant_eur,
        share_pct(b.contribution_eur, sum(b.contribution_eur) over ()) as fund_share_pct
    from by_municipality as b
    left join v_municipality as m on b.cbs_code = m.cbs_code and m.year = $year
)

select * from final
order by name
