-- One row per month of a year: the cumulative spending (up to the cut-off month in the as-of
-- year), the forecast continued from the cut-off month to December, and the year's budget, for
-- one item or (item null) the whole portfolio. month_end_date is the last day of the month.
-- Parameters: $year (required), $item_id (optional; null = every item).
-- Caveat: the forecast spreads the remaining spending over the months after the cut-off month by
-- the item's weights (v_item_month_weight); it is null in a closed year.
with forecast as (
    select
        item_id,
        year,
        budget_eur,
        spent_to_cut_eur,
        forecast_eur,
        cut_month,
        share_after,
        is_closed_year
    from v_item_forecast
    where year = $year and ($item_id is null or item_id = $item_id)
),

months as (
    select
        f.item_id,
        f.budget_eur,
        f.spent_to_cut_eur,
        f.forecast_eur,
        f.cut_month,
        f.share_after,
        f.is_closed_year,
        m.month,
        coalesce(w.weight, 1.0 / 12) as weight,
        coalesce((
            select sum(s.spent_eur)
            from v_spend_month as s
            where s.item_id = f.item_id and s.year = f.year and s.month = m.month
        ), 0) as spent_eur
    from forecast as f
    cross join range(1, 13) as m (month)
    left join v_item_month_weight as w
        on f.item_id = w.item_id and f.year = w.year and m.month = w.month
),

cumulative as (
    select
        month,
        item_id,
        budget_eur,
        is_closed_year,
        cut_month,
        sum(spent_eur) over (partition by item_id order by month) as spent_cum_eur,
        spent_to_cut_eur
        + (forecast_eur - spent_to_cut_eur)
        * coalesce(
            sum(case when month > cut_month then weight else 0 end)
                over (partition by item_id order by month)
            / nullif(share_after, 0),
            0
        ) as forecast_cum_eur
    from months
),

final as (
    select
        month,
        last_day(make_date(cast($year as integer), cast(month as integer), 1)) as month_end_date,
        sum(budget_eur) as budget_eur,
        case
            when bool_and(is_closed_year) or month <= any_value(cut_month)
                then sum(spent_cum_eur)
        end as spent_cum_eur,
        case
            when not bool_or(is_closed_year) and month >= any_value(cut_month)
                then cast(round(sum(forecast_cum_eur), 2) as decimal(18, 2))
        end as forecast_cum_eur
    from cumulative
    group by month
)

select * from final
order by month
