-- One row per year and status: the number of items with a budget row in that year by their
-- status at the end of the year (the as-of date for the running year); a status no item has
-- counts 0.
-- Parameters: $year (optional; null = every year).
-- Caveat: items with spending but no budget in a year are not counted (as summary --json).
with budgeted as (
    select distinct
        item_id,
        year
    from budget
    where ($year is null or year = $year)
),

years as (
    select distinct year from budgeted
),

codes as (
    select unnest(statuses()) as status
),

counted as (
    select
        b.year,
        s.status,
        count(*) as item_count
    from budgeted as b
    inner join v_item_status_by_year as s on b.item_id = s.item_id and b.year = s.year
    group by b.year, s.status
),

final as (
    select
        y.year,
        st.status,
        coalesce(c.item_count, 0) as item_count,
        is_partial_year(y.year) as is_partial_year
    from years as y
    cross join codes as st
    left join counted as c on y.year = c.year and st.status = c.status
)

select * from final
order by year, status_rank(status)
