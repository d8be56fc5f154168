-- One row per municipality x item of $year that a municipality can use or that serves all: the
-- item, whether the municipality uses it (an item for all counts as used by every one), the
-- item's Fonds GGU spending, how many municipalities share it, and what is attributed to the
-- municipality (v_attribution: by inhabitants among the users, to the cent).
-- Parameters: $year (required), $cbs_code (optional; null = every municipality).
-- Caveats: an attribution, not an invoice. An item in use without spending in the year has an
-- attributed amount of 0. Per item the attributed amounts of all municipalities add up to its
-- Fonds GGU spending to the cent.
with spent as (
    select
        item_id,
        fund_spent_eur
    from v_item_fund_spent
    where year = $year
),

uses as (
    select
        item_id,
        cbs_code
    from v_item_use_by_year
    where year = $year
),

users as (
    select
        item_id,
        count(*) as user_municipalities
    from uses
    group by item_id
),

municipalities as (
    select
        cbs_code,
        count(*) over () as all_municipalities
    from v_municipality
    where year = $year
),

items as (
    select
        coalesce(s.item_id, u.item_id) as item_id,
        coalesce(s.fund_spent_eur, 0) as item_fund_spent_eur,
        u.item_id is null as is_for_all,
        u.user_municipalities
    from spent as s
    full outer join users as u on s.item_id = u.item_id
),

attributed as (
    select
        item_id,
        cbs_code,
        attributed_eur
    from v_attribution
    where year = $year
),

final as (
    select
        m.cbs_code,
        i.item_id,
        it.name as item_name,
        it.kind,
        it.category,
        i.is_for_all,
        i.is_for_all or us.item_id is not null as is_used,
        i.item_fund_spent_eur,
        coalesce(i.user_municipalities, m.all_municipalities) as user_municipalities,
        coalesce(a.attributed_eur, 0) as attributed_eur
    from municipalities as m
    cross join items as i
    inner join v_item as it on i.item_id = it.item_id
    left join uses as us on i.item_id = us.item_id and m.cbs_code = us.cbs_code
    left join attributed as a on i.item_id = a.item_id and m.cbs_code = a.cbs_code
    where ($cbs_code is null or m.cbs_code = $cbs_code)
)

select * from final
order by cbs_code asc, is_for_all asc, is_used desc, attributed_eur desc, item_name asc
