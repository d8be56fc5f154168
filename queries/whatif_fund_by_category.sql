-- One row per category for $year under a what-if rate: the fund size when every municipality
-- pays $rate per inhabitant raised by $indexation_pct (two instalments, each rounded half up to
-- the cent, as the contributions are), the envelope per category at the norm (split_norm), the
-- year's actual budget paid from the Fonds GGU per category, and the gap (envelope - budget).
-- whatif_fund_eur is the fund at the what-if rate; fund_eur the year's fund (its contributions
-- due), for comparison.
-- Parameters: $year, $rate (euro per inhabitant per year), $indexation_pct (0 = none).
-- Caveats: the inhabitants are the year's (CBS); Rijk and other funding are left out: the
-- envelope is what the municipalities' money buys at the norm. At the year's own rate and 0%
-- the fund equals the contributions due to the cent.
with rate as (
    select cast($rate as decimal(8, 4)) * (100 + cast($indexation_pct as decimal(6, 2)))
        as rate_x100
),

fund as (
    select
        2 * sum(instalment_eur(m.inhabitants, r.rate_x100 * 0.01)) as whatif_fund_eur,
        sum(m.inhabitants) as inhabitants
    from v_municipality as m
    cross join rate as r
    where m.year = $year
),

today as (
    select sum(amount_eur) as fund_eur
    from v_contribution
    where year = $year
),

budget as (
    select
        category,
        sum(budget_eur) as budget_fonds_eur
    from v_budget
    where year = $year and funding_source = 'fonds_ggu'
    group by category
),

final as (
    select
        n.category,
        cast(n.norm_pct as double) as norm_pct,
        f.inhabitants,
        f.whatif_fund_eur,
        t.fund_eur,
        f.whatif_fund_eur - t.fund_eur as fund_change_eur,
        round(f.whatif_fund_eur * n.norm_pct / 100, 2) as envelope_eur,
        coalesce(b.budget_fonds_eur, 0) as budget_fonds_eur,
        round(f.whatif_fund_eur * n.norm_pct / 100, 2) - coalesce(b.budget_fonds_eur, 0) as gap_eur
    from v_norm_by_year as n
    cross join fund as f
    cross join today as t
    left join budget as b on n.category = b.category
    where n.year = $year
)

select * from final
order by category_rank(category)
