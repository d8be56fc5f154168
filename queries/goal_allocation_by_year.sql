-- One row per strategic goal: the budget, spending to date and year-end forecast of the items
-- that serve it in a year, their share of the year's total (the fund and co-funding), the number
-- of items and of red items, and the change of budget and year-end spending against a
-- comparison year.
-- Parameters: $year (required), $compare_year (optional).
-- Caveat: an item serves one goal; in the as-of year forecast_eur is the forecast. An item is red
-- by its status at the end of the year (the as-of date for the running year).
with per_goal as (
    select
        i.goal_id,
        f.year,
        sum(f.budget_eur) as budget_eur,
        sum(f.spent_eur) as spent_eur,
        sum(f.forecast_eur) as forecast_eur,
        count(*) as item_count,
        count(*) filter (where s.status = 'rood') as red_item_count
    from v_item_forecast as f
    inner join item as i on f.item_id = i.item_id
    inner join v_portfolio_status as s on f.item_id = s.item_id and f.year = s.year
    where f.year = $year or f.year = $compare_year
    group by i.goal_id, f.year
),

this_year as (
    select
        *,
        share_pct(budget_eur, sum(budget_eur) over ()) as budget_share_pct,
        share_pct(spent_eur, sum(spent_eur) over ()) as spent_share_pct
    from per_goal
    where year = $year
),

compare as (
    select * from per_goal
    where year = $compare_year
),

final as (
    select
        g.goal_id,
        g.name,
        g.description,
        coalesce(t.budget_eur, 0) as budget_eur,
        coalesce(t.spent_eur, 0) as spent_eur,
        realised_pct(t.spent_eur, t.budget_eur) as realised_pct,
        coalesce(t.forecast_eur, 0) as forecast_eur,
        coalesce(t.budget_share_pct, 0) as budget_share_pct,
        coalesce(t.spent_share_pct, 0) as spent_share_pct,
        coalesce(t.item_count, 0) as item_count,
        coalesce(t.red_item_count, 0) as red_item_count,
        c.budget_eur as compare_budget_eur,
        change_pct(t.budget_eur, c.budget_eur) as budget_change_pct,
        c.forecast_eur as compare_forecast_eur,
        change_pct(t.forecast_eur, c.forecast_eur)
            as forecast_change_pct
    from goal as g
    left join this_year as t on g.goal_id = t.goal_id
    left join compare as c on g.goal_id = c.goal_id
)

select * from final
order by goal_id
