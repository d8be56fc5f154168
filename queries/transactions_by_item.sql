-- One row per spending transaction of an item in a year, newest first.
-- Parameters: $item_id (optional; null = every item), $year (optional; null = every year).
-- Caveat: transactions as imported; amounts may be negative (corrections). The year is a date
-- range, so that DuckDB can skip row groups (snapshots keep spend ordered by item and date).
with final as (
    select
        tx_id,
        item_id,
        booking_date,
        amount_eur,
        cost_type,
        description
    from v_spend
    where
        ($item_id is null or item_id = $item_id)
        and (
            $year is null
            or (
                booking_date >= make_date($year, 1, 1)
                and booking_date < make_date($year + 1, 1, 1)
            )
        )
)

select * from final
order by booking_date desc, tx_id desc
