-- One row per year x month of $year_from..$year_to (up to the as-of month in the running
-- year): spending in the month, cumulative within the year, the year's budget, the part of it
-- spent so far (cumulative_realised_pct) and the
-- cumulative spending of the year before at the same month, for the selection and in the unit
-- asked for. is_same_months marks the months that every year has (up to the last month of
-- $year_to), for a comparison of years over the same months.
-- Parameters: as spend_by_level.sql ($year_from, $year_to, $categories, $themes, $goals,
-- $items, $cost_types, $funding_sources, $unit, $base_year).
-- Caveats: as spend_by_level.sql (pro rata attribution to funding sources; a cost-type filter
-- narrows the spending, not the budget).
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

months as (
    select
        y.year,
        m.month,
        case when y.year = year(a.as_of_date) then month(a.as_of_date) else 12 end
            as last_month,
        case when $year_to = year(a.as_of_date) then month(a.as_of_date) else 12 end
            as comparable_month
    from range($year_from, $year_to + 1) as y (year)
    cross join range(1, 13) as m (month)
    cross join v_as_of as a
),

budget as (
    select
        b.year,
        sum(cast(b.budget_eur as double) * f.factor) as budget_eur
    from v_budget as b
    inner join items as i on b.item_id = i.item_id
    inner join factor as f on b.year = f.year
    where
        b.year between $year_from and $year_to
        and ($funding_sources is null or list_contains($funding_sources, b.funding_source))
    group by b.year
),

spent as (
    select
        s.year,
        s.month,
        sum(cast(s.spent_eur as double) * ss.budget_fraction * f.factor) as spent_eur
    from v_spend_month as s
    inner join items as i on s.item_id = i.item_id
    inner join source_share as ss on s.item_id = ss.item_id and s.year = ss.year
    inner join factor as f on s.year = f.year
    where
        s.year between $year_from and $year_to
        and ($cost_types is null or list_contains($cost_types, s.cost_type))
    group by s.year, s.month
),

joined as (
    select
        m.year,
        m.month,
        m.month <= m.comparable_month as is_same_months,
        coalesce(s.spent_eur, 0) as spent_eur,
        sum(coalesce(s.spent_eur, 0)) over (
            partition by m.year order by m.month
        ) as cumulative_spent_eur,
        coalesce(b.budget_eur, 0) as budget_eur
    from months as m
    left join spent as s on m.year = s.year and m.month = s.month
    left join budget as b on m.year = b.year
    where m.month <= m.last_month
),

rounded as (
    select
        year,
        month,
        is_same_months,
        round(spent_eur, case when $unit = 'per_inhabitant' then 4 else 2 end) as spent_eur,
        round(cumulative_spent_eur, case when $unit = 'per_inhabitant' then 4 else 2 end)
            as cumulative_spent_eur,
        round(budget_eur, case when $unit = 'per_inhabitant' then 4 else 2 end) as budget_eur,
        realised_pct(cumulative_spent_eur, budget_eur) as cumulative_realised_pct
    from joined
),

final as (
    select
        *,
        lag(cumulative_spent_eur) over (partition by month order by year)
            as prev_year_cumulative_spent_eur,
        change_pct(
            cumulative_spent_eur,
            lag(cumulative_spent_eur) over (partition by month order by year)
        ) as change_pct
    from rounded
)

select * from final
order by year, month
