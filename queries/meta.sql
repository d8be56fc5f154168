-- One row: what the current snapshot is (id, created, demo or real, schema version, realised up
-- to which date, and in demo data which sheets and years hold loaded figures: loaded_json, a
-- JSON object table -> years, see ggu/ingest/provenance.py).
-- Parameters: none.
-- Caveat: reads the raw meta table (not the views), so that it answers on a snapshot written by
-- an older version too; as_of_date falls back to the last booking date when none is stated,
-- and without any booking to the day the snapshot was written (as v_as_of does).
with kv as (
    select
        max(case when key = 'snapshot_id' then value end) as snapshot_id,
        max(case when key = 'created_at' then value end) as created_at,
        coalesce(max(case when key = 'is_demo' then value end), 'false') = 'true' as is_demo,
        max(case when key = 'source' then value end) as data_source,
        max(case when key = 'schema_version' then value end) as schema_version,
        max(case when key = 'loaded_json' then value end) as loaded_json,
        try_cast(max(case when key = 'as_of_date' then value end) as date) as stated_as_of
    from meta
),

final as (
    select
        snapshot_id,
        created_at,
        is_demo,
        data_source,
        schema_version,
        loaded_json,
        coalesce(
            stated_as_of,
            (select max(s.booking_date) from spend as s),
            try_cast(try_cast(created_at as timestamp) as date)
        ) as as_of_date
    from kv
)

select * from final
