-- One row per item in the portfolio of a year (items with a budget or spending in it, and items
-- still active): its attributes, budget, spending to date, % realised, the year-end forecast and
-- its deviation from the budget, the exception rules it breaks, whether it should already have
-- finished (is_overdue, as the rule einde_verstreken sees it), and the change of budget and
-- year-end spending against a comparison year.
-- Parameters: $year (required); $compare_year (optional); filters, each optional (null = all):
-- $categories, $themes, $goals, $statuses, $kinds (lists of codes), $search (text in the name,
-- id, theme or owner), $only_exceptions (true = only items that break a rule).
-- Caveat: in the as-of year spending runs to the as-of date and forecast_eur is the forecast
-- (see v_item_forecast); in a closed year forecast_eur is the actual spending. Status, its
-- explanation (status_reason) and phase are the item's at the end of the year (the as-of date for
-- the running year: v_portfolio_status, the set every count by status reads).
with forecast as (
    select
        item_id,
        budget_eur,
        spent_eur,
        forecast_eur,
        forecast_method,
        pattern_years
    from v_item_forecast
    where year = $year
),

compare as (
    select
        item_id,
        budget_eur,
        forecast_eur
    from v_item_forecast
    where year = $compare_year
),

status as (
    select
        item_id,
        status,
        explanation,
        phase
    from v_portfolio_status
    where year = $year
),

rules as (
    select
        item_id,
        rules
    from v_item_exception_list
    where year = $year
),

joined as (
    select
        i.item_id,
        i.name,
        i.kind,
        i.category,
        i.theme,
        i.goal_id,
        i.goal_name,
        i.owner,
        s.status,
        s.explanation as status_reason,
        s.phase,
        i.start_year,
        i.end_year,
        f.budget_eur,
        f.spent_eur,
        f.forecast_eur,
        f.forecast_method,
        f.pattern_years,
        c.budget_eur as compare_budget_eur,
        c.forecast_eur as compare_forecast_eur,
        coalesce(r.rules, []) as rules
    from forecast as f
    inner join v_item as i on f.item_id = i.item_id
    inner join status as s on f.item_id = s.item_id
    left join compare as c on f.item_id = c.item_id
    left join rules as r on f.item_id = r.item_id
),

final as (
    select
        item_id,
        name,
        kind,
        category,
        theme,
        goal_id,
        goal_name,
        owner,
        status,
        status_reason,
        phase,
        start_year,
        end_year,
        coalesce(is_overdue(phase, end_year, $year), false) as is_overdue,
        budget_eur,
        spent_eur,
        realised_pct(spent_eur, budget_eur) as realised_pct,
        forecast_eur,
        forecast_eur - budget_eur as forecast_deviation_eur,
        change_pct(forecast_eur, budget_eur) as forecast_deviation_pct,
        forecast_method,
        pattern_years,
        rules,
        len(rules) > 0 as is_exception,
        compare_budget_eur,
        change_pct(budget_eur, compare_budget_eur)
            as budget_change_pct,
        compare_forecast_eur,
        change_pct(forecast_eur, compare_forecast_eur)
            as forecast_change_pct
    from joined
    where
        ($categories is null or list_contains($categories, category))
        and ($themes is null or list_contains($themes, theme))
        and ($goals is null or list_contains($goals, goal_id))
        and ($statuses is null or list_contains($statuses, status))
        and ($kinds is null or list_contains($kinds, kind))
        and (
            $search is null
            or contains(
                lower(name || ' ' || item_id || ' ' || theme || ' ' || owner),
                lower($search)
            )
        )
        and ($only_exceptions is null or not $only_exceptions or len(rules) > 0)
)

select * from final
order by is_exception desc, abs(forecast_deviation_eur) desc, name
