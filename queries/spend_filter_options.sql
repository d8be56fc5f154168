-- One row per value a spending filter can take: kind ('theme', 'goal', 'item', 'cost_type'),
-- the value put in the URL and its label, in display order.
-- Parameters: none.
-- Caveat: every item and cost type ever booked is listed, whatever the other filters.
with themes as (
    select distinct
        'theme' as kind,
        theme as option_value,
        theme as option_label
    from v_item
),

goals as (
    select distinct
        'goal' as kind,
        goal_id as option_value,
        goal_id || ' ' || goal_name as option_label
    from v_item
),

items as (
    select
        'item' as kind,
        item_id as option_value,
        name as option_label
    from v_item
),

cost_types as (
    select distinct
        'cost_type' as kind,
        cost_type as option_value,
        cost_type as option_label
    from v_spend_month
),

final as (
    select * from themes
    union all
    select * from goals
    union all
    select * from items
    union all
    select * from cost_types
)

select * from final
order by kind, option_label
