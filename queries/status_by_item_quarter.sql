-- One row per item in the portfolio of a year and per quarter of that year and the year before:
-- the item's status at the quarter's end (for the running year the last point is the as-of
-- date, no later quarter end), its explanation and the report it comes from.
-- Parameters: $year (required); $items (optional list of item ids; null = every item of the year).
-- Caveat: an item without a report by then shows its status on sheet Projecten (report_date
-- null), as status_at does.
with portfolio as (
    select item_id
    from v_portfolio_status
    where year = $year and ($items is null or list_contains($items, item_id))
),

points as (
    select distinct least(q.quarter_end_date, status_date($year)) as point_date
    from (
        select cast(last_day(make_date(y.y, m.m, 1)) as date) as quarter_end_date
        from range($year - 1, $year + 1) as y (y)
        cross join (values (3), (6), (9), (12)) as m (m)
    ) as q
    where q.quarter_end_date <= status_date($year) + interval 3 month
),

statuses as (
    select
        p.point_date,
        s.item_id,
        s.status,
        s.explanation,
        s.report_date
    from points as p,
        status_at(p.point_date) as s
),

final as (
    select
        s.item_id,
        i.name,
        s.point_date,
        year(s.point_date) as point_year,
        quarter(s.point_date) as point_quarter,
        s.point_date = status_date($year) as is_year_end,
        s.status,
        s.explanation,
        s.report_date
    from statuses as s
    inner join portfolio as f on s.item_id = f.item_id
    inner join item as i on s.item_id = i.item_id
)

select * from final
order by name, point_date
