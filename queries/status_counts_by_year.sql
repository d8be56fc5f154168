-- One row per year and status: the number of items in the year's portfolio (an item with a
-- budget or spending in the year, or still running; € 0 budget included) by their status at the
-- end of the year (the as-of date for the running year); a status no item has counts 0. The
-- set and count are v_status_count_by_year's, the one definition Portfolio, the points of
-- attention and `summary --json` share.
-- Parameters: $year (optional; null = every monitoring year: a year with a budget, up to the
-- base year, as years.sql).
-- Caveat: years of the multi-year budget after the base year are not monitoring years and have
-- no row.
with final as (
    select
        year,
        status,
        item_count,
        is_partial_year(year) as is_partial_year
    from v_status_count_by_year
    where $year is null or year = $year
)

select * from final
order by year, status_rank(status)
