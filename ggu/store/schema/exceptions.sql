-- Exceptions: per item and year every active rule of exception_rule it breaks, with the value of
-- the metric. Metrics are null (and break no rule) when they cannot be computed (no budget, no
-- end year). Status and phase are the item's at the end of the year (v_portfolio_status: the
-- as-of date for the running year); is_worse: that status is worse than the report before it.
create or replace view v_item_exception as
with wide as (
    select
        f.item_id,
        f.year,
        cast(change_pct(f.forecast_eur, f.budget_eur) as double)
            as forecast_overspend_pct,
        cast(f.forecast_eur - f.budget_eur as double) as forecast_overspend_eur,
        cast(-change_pct(f.forecast_eur, f.budget_eur) as double)
            as forecast_underspend_pct,
        cast(s.status = 'rood' as double) as is_red,
        cast(is_overdue(s.phase, i.end_year, f.year) as double) as is_overdue,
        cast(s.is_worse as double) as is_worse
    from v_item_forecast as f
    inner join item as i on f.item_id = i.item_id
    inner join v_portfolio_status as s on f.item_id = s.item_id and f.year = s.year
),
metrics as (
    unpivot wide
    on forecast_overspend_pct, forecast_overspend_eur, forecast_underspend_pct, is_red, is_overdue,
    is_worse
    into name metric value metric_value
)
select
    m.item_id,
    m.year,
    r.rule_id,
    r.metric,
    r.operator,
    cast(r.threshold as double) as threshold,
    m.metric_value
from metrics as m
inner join exception_rule as r on m.metric = r.metric and r.is_active
where case r.operator
    when '>' then m.metric_value > r.threshold
    when '>=' then m.metric_value >= r.threshold
    when '<' then m.metric_value < r.threshold
    when '<=' then m.metric_value <= r.threshold
    when '=' then m.metric_value = r.threshold
end;

-- The rules each item breaks in a year, as one list (for the tables that show them).
create or replace view v_item_exception_list as
select
    item_id,
    year,
    list(
        {
            'rule_id': rule_id,
            'metric': metric,
            'operator': operator,
            'threshold': threshold,
            'metric_value': metric_value
        }
        order by rule_id
    ) as rules
from v_item_exception
group by item_id, year;
