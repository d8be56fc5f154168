-- One row: what the current snapshot is (id, created, demo or real, realised up to which date).
-- Parameters: none.
-- Caveat: as_of_date falls back to the last booking date when the snapshot does not state one.
with final as (
    select
        m.snapshot_id,
        m.created_at,
        m.is_demo,
        m.source,
        a.as_of_date
    from v_meta as m
    cross join v_as_of as a
)

select * from final
