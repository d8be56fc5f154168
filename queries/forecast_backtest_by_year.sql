-- One row per closed year that has an earlier year of spending, plus one overall row (year null):
-- how well the year-end forecast method would have done had it been run at the cut-off month of
-- that year (the month of the as-of date), with the pattern from the earlier years only.
-- mae_eur: mean absolute error per item; mae_pct: the sum of absolute errors as % of the actual
-- spending; total_error_pct: the portfolio forecast against the actual total.
-- Parameters: none.
-- Caveat: items with neither budget nor spending in a year are left out.
with first_year as (
    select min(year) as first_year from v_spend_month
),

items as (
    select
        f.year,
        f.item_id,
        f.spent_eur as actual_eur,
        f.model_forecast_eur as forecast_eur,
        abs(f.model_forecast_eur - f.spent_eur) as abs_error_eur
    from v_item_forecast as f
    cross join first_year as y
    where f.is_closed_year and f.year > y.first_year and (f.budget_eur > 0 or f.spent_eur > 0)
),

rolled as (
    select
        year,
        grouping(year) = 1 as is_overall,
        count(*) as item_count,
        sum(actual_eur) as actual_eur,
        sum(forecast_eur) as forecast_eur,
        avg(abs_error_eur) as mae_eur,
        share_pct(sum(abs_error_eur), sum(actual_eur)) as mae_pct
    from items
    group by grouping sets ((year), ())
),

final as (
    select
        year,
        is_overall,
        item_count,
        actual_eur,
        forecast_eur,
        cast(mae_eur as double) as mae_eur,
        cast(mae_pct as double) as mae_pct,
        cast(change_pct(forecast_eur, actual_eur) as double)
            as total_error_pct
    from rolled
)

select * from final
order by is_overall, year
