-- One row per item (every year): its attributes, goal and status; the list the item detail and
-- the shareable link (?item=) are checked against.
-- Parameters: $item_id (optional; null = every item).
-- Caveat: status, its explanation (status_reason) and phase are the item's on the as-of date
-- (its latest status report; without one, the status on sheet Projecten).
with latest as (
    select * from status_at((select as_of_date from v_as_of))
),

final as (
    select
        i.item_id,
        i.name,
        i.kind,
        i.category,
        i.theme,
        i.goal_id,
        i.goal_name,
        i.owner,
        i.start_year,
        i.end_year,
        i.end_year is null as is_open_ended,
        s.status,
        s.explanation as status_reason,
        s.phase
    from v_item as i
    inner join latest as s on i.item_id = s.item_id
    where ($item_id is null or i.item_id = $item_id)
)

select * from final
order by name
