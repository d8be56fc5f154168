-- One row per item that needs attention in a year: status red, or spending to date already
-- above the year's budget. difference_eur = spent - budget. Largest overspend first.
-- Parameters: $year (required).
-- Caveat: in the current year this looks at spending to date only; a forecast comes later.
with budget as (
    select
        item_id,
        sum(budget_eur) as budget_eur
    from v_budget
    where year = $year
    group by item_id
),

spent as (
    select
        item_id,
        sum(spent_eur) as spent_eur
    from v_spend_month
    where year = $year
    group by item_id
),

items as (
    select
        i.item_id,
        i.name,
        i.category,
        i.status,
        i.status_reason,
        coalesce(b.budget_eur, 0) as budget_eur,
        coalesce(s.spent_eur, 0) as spent_eur
    from v_item as i
    inner join budget as b on i.item_id = b.item_id
    left join spent as s on i.item_id = s.item_id
),

final as (
    select
        item_id,
        name,
        category,
        status,
        status_reason,
        budget_eur,
        spent_eur,
        spent_eur - budget_eur as difference_eur,
        100 * spent_eur / nullif(budget_eur, 0) as realised_pct,
        status = 'rood' as is_red,
        spent_eur > budget_eur as is_over_budget
    from items
    where status = 'rood' or spent_eur > budget_eur
)

select * from final
order by difference_eur desc
