-- One row per year: budget, spending, % realised and the year-end forecast of one item or (item
-- null) the whole portfolio; is_partial_year marks the as-of year.
-- Parameters: $item_id (optional; null = every item).
-- Caveat: in the as-of year spending runs to the as-of date; forecast_eur is the actual spending
-- in a closed year (see v_item_forecast).
with per_year as (
    select
        year,
        sum(budget_eur) as budget_eur,
        sum(spent_eur) as spent_eur,
        sum(forecast_eur) as forecast_eur,
        bool_and(is_closed_year) as is_closed_year
    from v_item_forecast
    where ($item_id is null or item_id = $item_id)
    group by year
),

final as (
    select
        p.year,
        p.budget_eur,
        p.spent_eur,
        realised_pct(p.spent_eur, p.budget_eur) as realised_pct,
        p.forecast_eur,
        is_partial_year(p.year) as is_partial_year
    from per_year as p
    where p.budget_eur > 0 or p.spent_eur > 0
)

select * from final
order by year
