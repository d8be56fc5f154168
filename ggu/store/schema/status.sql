-- Status through time: an item's status on a date is its latest status report on or before
-- that date (table status_report); an item without one keeps its status in item (sheet
-- Projecten). Every query that shows a status for a year reads it at status_date(year) (the end
-- of the year, the as-of date for the running year) through status_at or v_item_status_by_year.

-- Each report with the report before it (previous_status) and the date the next one takes over
-- (next_report_date; null: still in force).
create or replace view v_status_report as
select
    item_id,
    report_date,
    status,
    explanation,
    phase,
    lag(status) over w as previous_status,
    lag(report_date) over w as previous_report_date,
    lead(report_date) over w as next_report_date
from status_report
window w as (partition by item_id order by report_date);

-- One row per item: its status on day d, the explanation and phase that go with it, the report
-- it comes from (report_date null: no report yet, the status in item stands) and whether it is
-- worse than the report before (is_worse; false for a first report).
create or replace macro status_at(d) as table
select
    i.item_id,
    coalesce(r.status, i.status) as status,
    case when r.item_id is null then i.status_reason else r.explanation end as explanation,
    coalesce(r.phase, i.phase) as phase,
    r.report_date,
    r.previous_status,
    r.previous_report_date,
    coalesce(status_rank(r.status) > status_rank(r.previous_status), false) as is_worse
from item as i
left join v_status_report as r
    on
        i.item_id = r.item_id
        and r.report_date <= d
        and (r.next_report_date is null or r.next_report_date > d);

-- One row per item and year of the figures (budget or spending): the item's status at the end
-- of that year (the as-of date for the running year), as status_at gives it.
create or replace view v_item_status_by_year_live as
select
    y.year,
    s.*
from (select distinct year from agg_item_forecast) as y,
    status_at(status_date(y.year)) as s;

-- A function of the snapshot's data only, so stored once when a snapshot is written (as the
-- forecast: ggu/store/snapshots.py rebuilds agg_item_status_year); queries read the stored rows.
create table if not exists agg_item_status_year as select * from v_item_status_by_year_live;
create or replace view v_item_status_by_year as select * from agg_item_status_year;

-- The portfolio of a year with each item's status in it: one row per item with figures in that
-- year (a budget or spending in it, or still running: the rows of v_item_forecast; an item with
-- a € 0 budget is in it) and its status at the end of the year. The one set every count of
-- items by status reads ("2026: 8 items red"): the Overzicht, Portfolio, the points of
-- attention, the goals, the ALV report and `summary --json` give one answer.
create or replace view v_portfolio_status as
select
    f.year,
    s.item_id,
    s.status,
    s.explanation,
    s.phase,
    s.report_date,
    s.previous_status,
    s.previous_report_date,
    s.is_worse
from v_item_forecast as f
inner join v_item_status_by_year as s on f.item_id = s.item_id and f.year = s.year;

-- One row per monitoring year (a year with a budget, up to the base year: the years a user can
-- choose) and status (every status, 0 where no item has it): the number of items of the year's
-- portfolio (v_portfolio_status) with that status.
create or replace view v_status_count_by_year as
select
    y.year,
    c.status,
    count(p.item_id) as item_count
from (select distinct year from v_budget) as y
cross join (select unnest(statuses()) as status) as c
left join v_portfolio_status as p on y.year = p.year and c.status = p.status
group by y.year, c.status;
