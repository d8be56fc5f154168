-- One row per province in $year: municipalities, inhabitants (CBS), the contributions due and
-- the contribution per inhabitant.
-- Parameters: $year (required).
-- Caveat: per inhabitant differs between provinces only by rounding, as long as every
-- municipality pays the same rate.
with by_municipality as (
    select
        c.cbs_code,
        c.province,
        sum(c.amount_eur) as contribution_eur
    from v_contribution as c
    where c.year = $year
    group by c.cbs_code, c.province
),

final as (
    select
        b.province,
        count(*) as municipalities,
        sum(m.inhabitants) as inhabitants,
        sum(b.contribution_eur) as contribution_eur,
        per_inhabitant(sum(b.contribution_eur), sum(m.inhabitants)) as per_inhabitant_eur
    from by_municipality as b
    inner join v_municipality as m on b.cbs_code = m.cbs_code and m.year = $year
    group by b.province
)

select * from final
order by contribution_eur desc
