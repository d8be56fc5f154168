-- One row per item that breaks at least one active exception rule (table exception_rule) in a
-- year, with the rules it breaks (rule_id, metric, operator, threshold, metric value), its budget,
-- spending, year-end forecast and forecast deviation. Red items first, then the largest deviation.
-- Parameters: $year (required).
-- Caveat: in the as-of year the over- and underspend rules look at the forecast (see
-- v_item_forecast), in a closed year at the actual spending. Status and its explanation are the
-- item's at the end of the year (the as-of date for the running year).
with broken as (
    select
        item_id,
        rules
    from v_item_exception_list
    where year = $year
),

final as (
    select
        i.item_id,
        i.name,
        i.category,
        s.status,
        s.explanation as status_reason,
        f.budget_eur,
        f.spent_eur,
        f.forecast_eur,
        f.forecast_eur - f.budget_eur as forecast_deviation_eur,
        realised_pct(f.spent_eur, f.budget_eur) as realised_pct,
        s.status = 'rood' as is_red,
        b.rules
    from broken as b
    inner join v_item as i on b.item_id = i.item_id
    inner join v_item_forecast as f on b.item_id = f.item_id and f.year = $year
    inner join v_portfolio_status as s on b.item_id = s.item_id and s.year = $year
)

select * from final
order by is_red desc, abs(forecast_deviation_eur) desc, name
