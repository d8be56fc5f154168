-- One row per plan line x funding source x plan year of a scenario: the current portfolio
-- carried forward (or its multi-year budget rows), and every proposal (included or not), with
-- the scenario's changes applied. The rules are the table macro plan_lines (schema plan.sql).
-- Parameters: $scenario (the scenario as JSON text, see ggu/plan/scenario.py).
-- Caveat: planned_eur is the line before the scenario's changes, amount_eur what the plan counts
-- (0 for a dropped line or a proposal that is not included).
with final as (
    select
        line_kind,
        line_id,
        name,
        category,
        theme,
        goal_id,
        funding_source,
        year,
        origin,
        planned_eur,
        is_included,
        end_year,
        is_end_year_changed,
        dropped_from_year,
        is_amount_changed,
        amount_eur
    from plan_lines($scenario)
)

select * from final
order by
    line_kind, category_rank(category), name, line_id, funding_source, year
