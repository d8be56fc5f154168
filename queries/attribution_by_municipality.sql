-- One row per municipality and year: what it paid into the Fonds GGU (both instalments, with
-- their paid dates) and what is attributed to it (v_attribution: the Fonds GGU spending of the
-- items it uses, shared by inhabitants among their users, plus its share of the items for
-- all), the products it uses, and the same figures for its CBS size class and its province.
-- Parameters: $year (optional; null = every year), $cbs_code (optional; null = every one).
-- Caveats: an attribution, not an invoice. The attributed amounts of all municipalities add up
-- to the year's Fonds GGU spending to the cent (largest remainder per item). In the running
-- year spending runs to the as-of date. Class and province figures: totals of the group
-- (attributed per inhabitant = the group's attributed / its inhabitants), the average count.
with contributions as (
    select
        c.year,
        c.cbs_code,
        sum(c.amount_eur) as contribution_eur,
        max(c.rate_per_inhabitant_eur) as rate_per_inhabitant_eur,
        sum(c.amount_eur) filter (where c.instalment = 'januari') as january_eur,
        max(c.paid_date) filter (where c.instalment = 'januari') as january_paid_date,
        sum(c.amount_eur) filter (where c.instalment = 'juli') as july_eur,
        max(c.paid_date) filter (where c.instalment = 'juli') as july_paid_date,
        coalesce(sum(c.amount_eur) filter (where is_received(c.paid_date, a.as_of_date)), 0)
            as received_eur
    from v_contribution as c
    cross join v_as_of as a
    where ($year is null or c.year = $year)
    group by c.year, c.cbs_code
),

attributed as (
    select
        year,
        cbs_code,
        sum(attributed_eur) as attributed_eur,
        coalesce(sum(attributed_eur) filter (where is_used), 0) as attributed_used_eur,
        coalesce(sum(attributed_eur) filter (where not is_used), 0) as attributed_for_all_eur
    from v_attribution
    where ($year is null or year = $year)
    group by year, cbs_code
),

uses as (
    select
        year,
        cbs_code,
        count(distinct item_id) as used_products
    from v_item_use_by_year
    where ($year is null or year = $year)
    group by year, cbs_code
),

offered as (
    select
        year,
        count(distinct item_id) as offered_products
    from v_item_use_by_year
    where ($year is null or year = $year)
    group by year
),

base as (
    select
        m.year,
        m.cbs_code,
        m.name,
        m.province,
        m.inhabitants,
        size_class(m.inhabitants) as size_class,
        c.rate_per_inhabitant_eur,
        c.january_eur,
        c.january_paid_date,
        c.july_eur,
        c.july_paid_date,
        coalesce(c.contribution_eur, 0) as contribution_eur,
        coalesce(c.received_eur, 0) as received_eur,
        coalesce(a.attributed_eur, 0) as attributed_eur,
        coalesce(a.attributed_used_eur, 0) as attributed_used_eur,
        coalesce(a.attributed_for_all_eur, 0) as attributed_for_all_eur,
        coalesce(u.used_products, 0) as used_products,
        coalesce(o.offered_products, 0) as offered_products
    from v_municipality as m
    left join contributions as c on m.year = c.year and m.cbs_code = c.cbs_code
    left join attributed as a on m.year = a.year and m.cbs_code = a.cbs_code
    left join uses as u on m.year = u.year and m.cbs_code = u.cbs_code
    left join offered as o on m.year = o.year
    where ($year is null or m.year = $year)
),

compared as (
    select
        *,
        attributed_vs_paid_pct(attributed_eur, contribution_eur) as attributed_vs_paid_pct,
        per_inhabitant(contribution_eur, inhabitants) as contribution_per_inhabitant_eur,
        per_inhabitant(attributed_eur, inhabitants) as attributed_per_inhabitant_eur,
        count(*) over by_class as class_municipalities,
        avg(used_products) over by_class as class_used_products,
        per_inhabitant(sum(attributed_eur) over by_class, sum(inhabitants) over by_class)
            as class_attributed_per_inhabitant_eur,
        attributed_vs_paid_pct(
            sum(attributed_eur) over by_class, sum(contribution_eur) over by_class
        ) as class_attributed_vs_paid_pct,
        count(*) over by_province as province_municipalities,
        avg(used_products) over by_province as province_used_products,
        per_inhabitant(sum(attributed_eur) over by_province, sum(inhabitants) over by_province)
            as province_attributed_per_inhabitant_eur,
        attributed_vs_paid_pct(
            sum(attributed_eur) over by_province, sum(contribution_eur) over by_province
        ) as province_attributed_vs_paid_pct
    from base
    window
        by_class as (partition by year, size_class),
        by_province as (partition by year, province)
),

final as (
    select * from compared
    where ($cbs_code is null or cbs_code = $cbs_code)
)

select * from final
order by year, name
