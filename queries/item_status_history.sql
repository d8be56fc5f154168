-- One row per status report of an item, newest first: its status, the status before it, whether
-- it got worse or better, the explanation and the phase.
-- Parameters: $item_id (optional; null = the reports of every item); $only_changes (optional;
-- true = only an item's latest report and the reports that changed its status).
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
    where
        ($item_id is null or item_id = $item_id)
        and (
            $only_changes is null or not $only_changes
            or previous_status is null
            or status <> previous_status
            or next_report_date is null
        )
)

select * from final
order by item_id asc, report_date desc
