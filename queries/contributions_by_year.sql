-- One row per year with contributions: the rate per inhabitant, inhabitants and paying
-- municipalities, the contributions due in total and per instalment (January, July) with what
-- was received by the as-of date, the other funding of the budget (Rijk, overig), the year's
-- funding in total (funding_eur: contributions due + Rijk + overig), the spending
-- attributed to the Fonds GGU and the balance of contributions against that spending.
-- Parameters: $year (optional; null = every year).
-- Caveats: spending has no funding source; the Fonds GGU part is attributed pro rata of each
-- item-year's budget by source (v_funding_share), as on the Uitgaven page. In the running year
-- spending and receipts run to the as-of date. rate_per_inhabitant_eur is the highest rate
-- charged that year (one rate for all municipalities in practice).
with contributions as (
    select
        c.year,
        max(c.rate_per_inhabitant_eur) as rate_per_inhabitant_eur,
        count(distinct c.cbs_code) as paying_municipalities,
        sum(c.amount_eur) as fund_eur,
        sum(c.amount_eur) filter (where c.instalment = 'januari') as january_due_eur,
        coalesce(sum(c.amount_eur) filter (
            where c.instalment = 'januari' and is_received(c.paid_date, a.as_of_date)
        ), 0) as january_received_eur,
        sum(c.amount_eur) filter (where c.instalment = 'juli') as july_due_eur,
        coalesce(sum(c.amount_eur) filter (
            where c.instalment = 'juli' and is_received(c.paid_date, a.as_of_date)
        ), 0) as july_received_eur
    from v_contribution as c
    cross join v_as_of as a
    where ($year is null or c.year = $year)
    group by c.year
),

inhabitants as (
    select
        year,
        sum(inhabitants) as inhabitants
    from v_municipality
    where ($year is null or year = $year)
    group by year
),

budget as (
    select
        year,
        budget_rijk_eur,
        budget_overig_eur
    from v_budget_by_year
    where ($year is null or year = $year)
),

fund_spent as (
    select
        s.year,
        round(sum(cast(s.spent_eur as double) * f.budget_fraction), 2) as fund_spent_eur
    from v_spend_month as s
    inner join v_funding_share as f on s.item_id = f.item_id and s.year = f.year
    where ($year is null or s.year = $year) and f.funding_source = 'fonds_ggu'
    group by s.year
),

final as (
    select
        c.year,
        c.rate_per_inhabitant_eur,
        i.inhabitants,
        c.paying_municipalities,
        c.fund_eur,
        c.january_due_eur,
        c.january_received_eur,
        c.july_due_eur,
        c.july_received_eur,
        c.january_received_eur + c.july_received_eur as contributions_received_eur,
        coalesce(b.budget_rijk_eur, 0) as budget_rijk_eur,
        coalesce(b.budget_overig_eur, 0) as budget_overig_eur,
        c.fund_eur + coalesce(b.budget_rijk_eur, 0)
        + coalesce(b.budget_overig_eur, 0) as funding_eur,
        coalesce(s.fund_spent_eur, 0) as fund_spent_eur,
        c.fund_eur - coalesce(s.fund_spent_eur, 0) as balance_eur,
        is_partial_year(c.year) as is_partial_year
    from contributions as c
    left join inhabitants as i on c.year = i.year
    left join budget as b on c.year = b.year
    left join fund_spent as s on c.year = s.year
)

select * from final
order by year
