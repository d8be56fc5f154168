-- One row per measurement of an indicator, oldest first, with the progress it shows from the
-- baseline to the target (progress_pct, 100 = target reached) so indicators in different units
-- can share one axis.
-- Parameters: $goal_id (optional; null = every goal).
with final as (
    select
        m.indicator_id,
        i.goal_id,
        i.name,
        i.unit,
        m.measured_date,
        m.value,
        progress_pct(m.value, i.baseline_value, i.target_value) as progress_pct
    from measurement as m
    inner join indicator as i on m.indicator_id = i.indicator_id
    where ($goal_id is null or i.goal_id = $goal_id)
)

select * from final
order by indicator_id, measured_date
