-- One row per status report of an item, newest first: its status, the status before it, whether
-- it got worse or better, the explanation and the phase.
-- Parameters: $item_id (optional; null = the reports of every item).
-- Caveat: an item without reports has no rows; its status is the one on sheet Projecten.
with final as (
    select
        item_id,
        report_date,
        status,
        previous_status,
        coalesce(status_rank(status) > status_rank(previous_status), false) as is_worse,
        coalesce(status_rank(status) < status_rank(previous_status), false) as is_better,
        explanation,
        phase
    from v_status_report
    where ($item_id is null or item_id = $item_id)
)

select * from final
order by item_id asc, report_date desc
