-- One row per node of the drill-down category -> theme -> item of the selection, plus one
-- 'total' row: budget, spending, the difference (spent - budget) and % realised over the years
-- $year_from..$year_to, in the unit asked for. Item rows carry goal and their rank by spending,
-- by overspend and by underspend (null where it does not apply).
-- Parameters: $year_from, $year_to (required); $categories, $themes, $goals, $items,
-- $cost_types, $funding_sources (lists; null = all); $unit ('eur', 'per_inhabitant',
-- 'constant'); $base_year (price year for 'constant').
-- Caveats: spending has no funding source; under a funding-source filter it is attributed pro
-- rata of the item-year's budget by source (v_funding_share). The budget has no cost type: a
-- cost-type filter narrows the spending only. In the running year spending runs to the as-of
-- date, so an underspend there is partly time still to come.
with factor as (
    select
        year,
        factor
    from v_amount_factor
    where unit = $unit and base_year = $base_year
),

items as (
    select * from selected_items($categories, $themes, $goals, $items)
),

source_share as (
    select * from funding_fraction($year_from, $year_to, $funding_sources)
),

budget as (
    select
        b.item_id,
        sum(cast(b.budget_eur as double) * f.factor) as budget_eur
    from v_budget as b
    inner join factor as f on b.year = f.year
    where
        b.year between $year_from and $year_to
        and ($funding_sources is null or list_contains($funding_sources, b.funding_source))
    group by b.item_id
),

spent as (
    select
        s.item_id,
        sum(cast(s.spent_eur as double) * ss.budget_fraction * f.factor) as spent_eur
    from v_spend_month as s
    inner join source_share as ss on s.item_id = ss.item_id and s.year = ss.year
    inner join factor as f on s.year = f.year
    where
        s.year between $year_from and $year_to
        and ($cost_types is null or list_contains($cost_types, s.cost_type))
    group by s.item_id
),

amounts as (
    select
        coalesce(b.item_id, s.item_id) as item_id,
        coalesce(b.budget_eur, 0) as budget_eur,
        coalesce(s.spent_eur, 0) as spent_eur
    from budget as b
    full outer join spent as s on b.item_id = s.item_id
),

by_item as (
    select
        i.category,
        i.theme,
        i.goal_id,
        i.goal_name,
        i.item_id,
        i.name,
        a.budget_eur,
        a.spent_eur
    from items as i
    inner join amounts as a on i.item_id = a.item_id
),

levels as (
    select
        category,
        theme,
        item_id,
        case
            when grouping(item_id) = 0 then 'item'
            when grouping(theme) = 0 then 'theme'
            when grouping(category) = 0 then 'category'
            else 'total'
        end as node_level,
        case when grouping(item_id) = 0 then any_value(name) end as item_name,
        case when grouping(item_id) = 0 then any_value(goal_id) end as goal_id,
        case when grouping(item_id) = 0 then any_value(goal_name) end as goal_name,
        count(*) as item_count,
        sum(budget_eur) as budget_eur,
        sum(spent_eur) as spent_eur
    from by_item
    group by grouping sets ((), (category), (category, theme), (category, theme, item_id))
),

rounded as (
    select
        node_level,
        category,
        theme,
        goal_id,
        goal_name,
        item_id,
        item_name,
        item_count,
        round(budget_eur, case when $unit = 'per_inhabitant' then 4 else 2 end) as budget_eur,
        round(spent_eur, case when $unit = 'per_inhabitant' then 4 else 2 end) as spent_eur
    from levels
),

final as (
    select
        *,
        spent_eur - budget_eur as difference_eur,
        realised_pct(spent_eur, budget_eur) as realised_pct,
        case
            when node_level = 'item'
                then row_number() over (
                    partition by node_level = 'item' order by spent_eur desc, item_name asc
                )
        end as rank_spent,
        case
            when node_level = 'item' and spent_eur > budget_eur
                then row_number() over (
                    partition by node_level = 'item' and spent_eur > budget_eur
                    order by spent_eur - budget_eur desc, item_name
                )
        end as rank_over,
        case
            when node_level = 'item' and spent_eur < budget_eur
                then row_number() over (
                    partition by node_level = 'item' and spent_eur < budget_eur
                    order by spent_eur - budget_eur, item_name
                )
        end as rank_under
    from rounded
)

select * from final
order by
    array_position(['total', 'category', 'theme', 'item'], node_level),
    category_rank(category),
    theme,
    item_name
