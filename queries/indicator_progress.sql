-- One row per indicator: baseline, target and the latest measurement; progress_pct = how far the
-- latest value has come from the baseline to the target (100 = target reached); expected_pct =
-- the time elapsed at that measurement from 1 January of the baseline year to 31 December of the
-- target year; the verdict compares them: 'op_koers' when progress >= 90% of expected,
-- 'aandacht' when >= 70%, else 'achter' (null without a measurement). is_stale: no measurement
-- in the 12 months up to the as-of date; is_goal_stale: none for any indicator of the goal.
-- goal_verdict: the worst verdict of the goal's indicators.
-- Parameters: $goal_id (optional; null = every goal).
-- Caveat: the verdict assumes steady progress from baseline to target.
with latest as (
    select
        indicator_id,
        max(measured_date) as last_measured_date,
        arg_max(value, measured_date) as latest_value
    from measurement
    group by indicator_id
),

progress as (
    select
        i.indicator_id,
        i.goal_id,
        i.name,
        i.unit,
        i.direction,
        i.baseline_value,
        i.baseline_year,
        i.target_value,
        i.target_year,
        l.latest_value,
        l.last_measured_date,
        progress_pct(l.latest_value, i.baseline_value, i.target_value) as progress_pct,
        elapsed_pct(
            make_date(i.baseline_year, 1, 1), make_date(i.target_year, 12, 31),
            l.last_measured_date
        ) as expected_pct,
        l.last_measured_date is null
        or l.last_measured_date <= a.as_of_date - interval 12 month as is_stale
    from indicator as i
    cross join v_as_of as a
    left join latest as l on i.indicator_id = l.indicator_id
    where ($goal_id is null or i.goal_id = $goal_id)
),

verdicts as (
    select
        *,
        case
            when progress_pct is null then null
            when progress_pct >= 0.9 * expected_pct then 'op_koers'
            when progress_pct >= 0.7 * expected_pct then 'aandacht'
            else 'achter'
        end as verdict
    from progress
),

final as (
    select
        indicator_id,
        goal_id,
        name,
        unit,
        direction,
        baseline_value,
        baseline_year,
        target_value,
        target_year,
        latest_value,
        last_measured_date,
        progress_pct,
        expected_pct,
        verdict,
        is_stale,
        bool_and(is_stale) over (partition by goal_id) as is_goal_stale,
        max(array_position(verdicts(), verdict))
            over (partition by goal_id) as goal_verdict_rank,
        verdicts()[goal_verdict_rank] as goal_verdict
    from verdicts
)

select * exclude (goal_verdict_rank) from final
order by goal_id, indicator_id
