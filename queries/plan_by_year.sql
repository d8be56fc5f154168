-- One row per plan year x category of a scenario, in the shape of split_by_category_by_year.sql
-- for the category columns: the year's rate, fund, budget (year_budget_eur, every funding
-- source), budget from the fund and room (fund - budget from the fund; negative: a shortfall),
-- and per category the budget, its share of the year's budget, the norm in force, the
-- deviation in percentage points and whether it lies within the tolerance; what the norm asks
-- of the category in euros (norm_asks_eur: its share of budget + room) and how far the
-- category's budget is from it (norm_gap_eur = norm_eur - budget_eur; positive: the
-- norm asks more).
-- Parameters: $scenario (the scenario as JSON text, see ggu/plan/scenario.py).
-- Caveat: the year columns repeat on each category row; the category budgets add up to the
-- year's budget to the cent.
with lines as (
    select
        year,
        category,
        funding_source,
        amount_eur
    from plan_lines($scenario)
),

by_year as (
    select
        f.base_year,
        f.year,
        f.rate_per_inhabitant_eur,
        f.fund_eur,
        coalesce(sum(l.amount_eur), 0) as year_budget_eur,
        coalesce(sum(l.amount_eur) filter (where l.funding_source = 'fonds_ggu'), 0)
            as fonds_budget_eur
    from plan_fund($scenario) as f
    left join lines as l on f.year = l.year
    group by f.base_year, f.year, f.rate_per_inhabitant_eur, f.fund_eur
),

by_category as (
    select
        year,
        category,
        sum(amount_eur) as category_budget_eur
    from lines
    group by year, category
),

measured as (
    select
        y.base_year,
        y.year,
        y.rate_per_inhabitant_eur,
        y.fund_eur,
        y.year_budget_eur,
        y.fonds_budget_eur,
        y.fund_eur - y.fonds_budget_eur as room_eur,
        n.category,
        coalesce(c.category_budget_eur, 0) as budget_eur,
        share_pct(coalesce(c.category_budget_eur, 0), y.year_budget_eur) as budget_share_pct,
        cast(n.norm_pct as double) as norm_pct,
        deviation_pp(share_pct(coalesce(c.category_budget_eur, 0), y.year_budget_eur), n.norm_pct)
            as deviation_pp,
        cast(n.tolerance_pp as double) as tolerance_pp,
        is_within_tolerance(
            share_pct(coalesce(c.category_budget_eur, 0), y.year_budget_eur),
            n.norm_pct,
            n.tolerance_pp
        ) as is_within_tolerance,
        norm_asks_eur(n.norm_pct, y.year_budget_eur, y.fund_eur - y.fonds_budget_eur) as norm_eur
    from by_year as y
    inner join v_norm_by_year as n on y.year = n.year
    left join by_category as c on y.year = c.year and n.category = c.category
),

final as (
    select
        *,
        norm_eur - budget_eur as norm_gap_eur
    from measured
)

select * from final
order by year, category_rank(category)
