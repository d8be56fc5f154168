-- One row per item (every year): its attributes, goal and status; the list the item detail and
-- the shareable link (?item=) are checked against.
-- Parameters: $item_id (optional; null = every item).
with final as (
    select
        item_id,
        name,
        kind,
        category,
        theme,
        goal_id,
        goal_name,
        owner,
        start_year,
        end_year,
        end_year is null as is_open_ended,
        status,
        status_reason,
        phase
    from v_item
    where ($item_id is null or item_id = $item_id)
)

select * from final
order by name
