-- One row per year: the CPI yearly change (CBS), the change used for constant euro (the last
-- known change carried forward where a year has none: is_assumed) and the chained price index.
-- Parameters: none.
-- Caveat: the index is relative; only ratios between years (constant euro) are meaningful.
with final as (
    select
        year,
        cast(change_pct as double) as change_pct,
        cast(used_change_pct as double) as used_change_pct,
        is_assumed,
        source,
        price_index
    from v_price_index
)

select * from final
order by year
