-- One row per year x category: budget, spending and % realised; budget and spending each as a
-- share of the year's total, the norm in force (split_norm), the deviation from the norm in
-- percentage points and whether it lies within the tolerance.
-- Parameters: $year (optional; null = every year).
-- Caveat: the norm is checked on the budget share (the plan the ALV agreed to); the spending
-- share and its deviation are given too. In the current year spending runs to the as-of date.
with norm as (
    select
        year,
        category,
        norm_pct,
        tolerance_pp
    from v_norm_by_year
    where
        ($year is null or year = $year)
        and year <= (select b.base_year from v_base_year as b)
),

budget as (
    select
        year,
        category,
        sum(budget_eur) as budget_eur
    from v_budget
    where ($year is null or year = $year)
    group by year, category
),

spent as (
    select
        year,
        category,
        sum(spent_eur) as spent_eur
    from v_spend_month
    where ($year is null or year = $year)
    group by year, category
),

joined as (
    select
        n.year,
        n.category,
        n.norm_pct,
        n.tolerance_pp,
        coalesce(b.budget_eur, 0) as budget_eur,
        coalesce(s.spent_eur, 0) as spent_eur
    from norm as n
    left join budget as b on n.year = b.year and n.category = b.category
    left join spent as s on n.year = s.year and n.category = s.category
),

shares as (
    select
        *,
        share_pct(budget_eur, sum(budget_eur) over (partition by year)) as budget_share_pct,
        share_pct(spent_eur, sum(spent_eur) over (partition by year)) as spent_share_pct
    from joined
),

final as (
    select
        year,
        category,
        budget_eur,
        spent_eur,
        realised_pct(spent_eur, budget_eur) as realised_pct,
        budget_share_pct,
        spent_share_pct,
        cast(norm_pct as double) as norm_pct,
        deviation_pp(budget_share_pct, norm_pct) as deviation_pp,
        deviation_pp(spent_share_pct, norm_pct) as spent_deviation_pp,
        cast(tolerance_pp as double) as tolerance_pp,
        is_within_tolerance(budget_share_pct, norm_pct, tolerance_pp) as is_within_tolerance,
        is_within_tolerance(spent_share_pct, norm_pct, tolerance_pp)
            as is_spent_within_tolerance
    from shares
)

select * from final
order by year, category_rank(category)
