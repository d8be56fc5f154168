-- One row per decision (of the College, the ALV, the Taskforce or the VNG board), newest first,
-- with the item and goal it is about.
-- Parameters, each optional (null = all): $bodies (list of codes), $year_from, $year_to,
-- $item_id (only decisions about that item), $goal_id (decisions about that goal or about an
-- item that serves it).
with final as (
    select
        d.decision_id,
        d.decision_date,
        year(d.decision_date) as decision_year,
        d.body,
        d.item_id,
        i.name as item_name,
        coalesce(d.goal_id, i.goal_id) as goal_id,
        g.name as goal_name,
        d.decision,
        d.reference
    from decision as d
    left join item as i on d.item_id = i.item_id
    left join goal as g on coalesce(d.goal_id, i.goal_id) = g.goal_id
    where
        ($bodies is null or list_contains($bodies, d.body))
        and ($year_from is null or year(d.decision_date) >= $year_from)
        and ($year_to is null or year(d.decision_date) <= $year_to)
        and ($item_id is null or d.item_id = $item_id)
        and ($goal_id is null or coalesce(d.goal_id, i.goal_id) = $goal_id)
)

select * from final
order by decision_date desc, decision_id desc
