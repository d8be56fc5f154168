-- One row per active exception rule (table exception_rule): the metric, the comparison and the
-- threshold, for the texts that explain which items are points of attention.
-- Parameters: none.
with final as (
    select
        rule_id,
        metric,
        operator,
        cast(threshold as double) as threshold
    from exception_rule
    where is_active
)

select * from final
order by rule_id
