-- One row per category: the part of municipality $cbs_code's contribution in $year that goes
-- to the category, by the year's actual split of the budget (all funding sources).
-- Parameters: $year, $cbs_code (required).
-- Caveat: an attribution by the actual split, not a booking: contributions are not earmarked.
with contribution as (
    select sum(amount_eur) as contribution_eur
    from v_contribution
    where year = $year and cbs_code = $cbs_code
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
        s.category,
        share_pct(s.budget_eur, sum(s.budget_eur) over ()) as budget_share_pct,
        c.contribution_eur * s.budget_eur / nullif(sum(s.budget_eur) over (), 0)
            as contribution_eur
    from split as s
    cross join contribution as c
)

select * from final
order by category_rank(category)
