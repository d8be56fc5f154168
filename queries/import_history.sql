-- One row per logged change of the data (demo build, import, rollback) in the current
-- snapshot's import_log, newest first: when, who, what, which file, the snapshot it made.
-- Parameters: none.
-- Caveat: refused and unchanged import attempts make no snapshot and are not in this log; they
-- are in data/import_attempts.jsonl (ggu.history merges both for the Beheer page).
with final as (
    select
        log_id,
        logged_at,
        user_name,
        action,
        file_name,
        sha256,
        snapshot_id,
        rows_json,
        result,
        message
    from import_log
)

select * from final
order by logged_at desc, log_id desc
