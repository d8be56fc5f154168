-- One row per year: budget (in total and per funding source), spending, % realised and the
-- municipalities' contributions (due, received by the as-of date, paying municipalities).
-- Parameters: $year (optional; null = every year).
-- Caveat: in the current year spending and receipts run to the as-of date (see meta.sql), so
-- realised_pct is "realised to date", not a year-end figure.
with budget as (
    select * from v_budget_by_year
    where ($year is null or year = $year)
),

spent as (
    select
        year,
        sum(spent_eur) as spent_eur
    from v_spend_month
    where ($year is null or year = $year)
    group by year
),

contributions as (
    select
        c.year,
        sum(c.amount_eur) as fund_eur,
        coalesce(sum(c.amount_eur) filter (where is_received(c.paid_date, a.as_of_date)), 0)
            as contributions_received_eur,
        count(distinct c.cbs_code) as paying_municipalities
    from v_contribution as c
    cross join v_as_of as a
    where ($year is null or c.year = $year)
    group by c.year
),

final as (
    select
        b.year,
        b.budget_eur,
        b.budget_fonds_eur,
        b.budget_rijk_eur,
        b.budget_overig_eur,
        coalesce(s.spent_eur, 0) as spent_eur,
        realised_pct(coalesce(s.spent_eur, 0), b.budget_eur) as realised_pct,
        coalesce(c.fund_eur, 0) as fund_eur,
        coalesce(c.contributions_received_eur, 0) as contributions_received_eur,
        coalesce(c.paying_municipalities, 0) as paying_municipalities,
        is_partial_year(b.year) as is_partial_year
    from budget as b
    left join spent as s on b.year = s.year
    left join contributions as c on b.year = c.year
)

select * from final
order by year
