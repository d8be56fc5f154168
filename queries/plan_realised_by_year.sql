-- One row per year x category for the four years up to the planning's base year (B - 3 ... B):
-- the budget per category (every funding source) and the year's fund (the contributions due),
-- to stand beside the plan years in one chart.
-- Parameters: none.
-- Caveat: the fund is 0 for a year without contributions.
with years as (
    select y.year
    from (select distinct year from v_budget) as y
    cross join v_base_year as b
    where y.year between b.base_year - 3 and b.base_year
),

categories as (
    select unnest(categories()) as category
),

budget as (
    select
        year,
        category,
        sum(budget_eur) as budget_eur
    from v_budget
    group by year, category
),

fund as (
    select
        year,
        sum(amount_eur) as fund_eur
    from v_contribution
    group by year
),

final as (
    select
        y.year,
        c.category,
        coalesce(b.budget_eur, 0) as budget_eur,
        coalesce(f.fund_eur, 0) as fund_eur
    from years as y
    cross join categories as c
    left join budget as b on y.year = b.year and c.category = b.category
    left join fund as f on y.year = f.year
)

select * from final
order by year, category_rank(category)
