-- One row per item x year with Fonds GGU spending: how many municipalities share in it (its
-- users, or every municipality of the year for an item nobody chose: is_for_all), their
-- inhabitants, its Fonds GGU spending and that spending per inhabitant of those municipalities
-- (the public site's product page).
-- Parameters: $item_id (optional; null = every item).
-- Caveats: an attribution, not an invoice (see ggu/store/schema/attribution.sql); in the as-of
-- year the spending runs to the as-of date.
with sharers as (
    select
        item_id,
        year,
        count(*) as user_municipalities,
        sum(inhabitants) as user_inhabitants,
        bool_and(not is_used) as is_for_all
    from v_attribution
    group by item_id, year
),

final as (
    select
        s.item_id,
        s.year,
        sh.is_for_all,
        sh.user_municipalities,
        sh.user_inhabitants,
        s.fund_spent_eur as item_fund_spent_eur,
        per_inhabitant(s.fund_spent_eur, sh.user_inhabitants) as per_user_inhabitant_eur
    from v_item_fund_spent as s
    inner join sharers as sh on s.item_id = sh.item_id and s.year = sh.year
    where ($item_id is null or s.item_id = $item_id)
    order by s.item_id, s.year
)

select * from final
