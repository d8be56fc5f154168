-- One row per category plus one total row (category null, is_total): budget, spending to date,
-- % realised, year-end forecast, its deviation from the budget (in euro and %), and the forecast
-- as % of the budget. The categories sum to the total to the cent (item forecasts are rounded
-- first).
-- Parameters: $year (required).
-- Caveat: in a closed year the forecast is the actual spending; see v_item_forecast for the method.
with items as (
    select
        f.budget_eur,
        f.spent_eur,
        f.forecast_eur,
        i.category
    from v_item_forecast as f
    inner join item as i on f.item_id = i.item_id
    where f.year = $year
),

rolled as (
    select
        category,
        grouping(category) = 1 as is_total,
        sum(budget_eur) as budget_eur,
        sum(spent_eur) as spent_eur,
        sum(forecast_eur) as forecast_eur
    from items
    group by grouping sets ((category), ())
),

final as (
    select
        category,
        is_total,
        budget_eur,
        spent_eur,
        realised_pct(spent_eur, budget_eur) as realised_pct,
        forecast_eur,
        forecast_eur - budget_eur as forecast_deviation_eur,
        change_pct(forecast_eur, budget_eur) as forecast_deviation_pct,
        realised_pct(forecast_eur, budget_eur) as forecast_realised_pct
    from rolled
)

select * from final
order by is_total, category_rank(category)
