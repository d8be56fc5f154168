-- One row per municipality and category: the part of municipality $cbs_code's contribution in
-- $year that goes to the category, by the year's actual split of the budget (all funding
-- sources).
-- Parameters: $year (required), $cbs_code (optional; null = every municipality, for the briefs).
-- Caveat: an attribution by the actual split, not a booking: contributions are not earmarked.
with contribution as (
    select
        cbs_code,
        sum(amount_eur) as contribution_eur
    from v_contribution
    where year = $year and ($cbs_code is null or cbs_code = $cbs_code)
    group by cbs_code
),

split as (
    select
        category,
        sum(budget_eur) as budget_eur
    from v_budget
    where year = $year
    group by category
),

final as (
    select
        c.cbs_code,
        s.category,
        share_pct(s.budget_eur, sum(s.budget_eur) over by_municipality) as budget_share_pct,
        c.contribution_eur * s.budget_eur / nullif(sum(s.budget_eur) over by_municipality, 0)
            as contribution_eur
    from split as s
    cross join contribution as c
    window by_municipality as (partition by c.cbs_code)
)

select * from final
order by cbs_code, category_rank(category)
