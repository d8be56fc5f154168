-- The year-end forecast of every item-year (see docs/forecast.md).

-- Year-end forecast, step 1: per item x year x month the weight of the month in the item's year.
-- 'pattern': the average share of the annual spending that fell in that month over the item's
-- earlier complete years; 'run_rate' (1/12 per month) for an item without earlier years, or
-- whose pattern puts nothing up to the cut-off month (the month of the as-of date).
create or replace view v_item_month_weight as
with cut as (
    select
        year(as_of_date) as as_of_year,
        month(as_of_date) as cut_month
    from v_as_of
),
item_years as (
    select distinct item_id, year from v_budget
    union
    select distinct item_id, year from agg_spend_month
),
annual as (
    select a.item_id, a.year, sum(a.spent_eur) as total_eur
    from agg_spend_month as a
    cross join cut as c
    where a.year < c.as_of_year
    group by a.item_id, a.year
    having sum(a.spent_eur) > 0
),
history as (
    select iy.item_id, iy.year, h.year as history_year, h.total_eur
    from item_years as iy
    inner join annual as h on iy.item_id = h.item_id and h.year < iy.year
),
history_count as (
    select item_id, year, count(*) as pattern_years from history group by item_id, year
),
month_share as (
    select
        h.item_id,
        h.year,
        a.month,
        sum(cast(a.spent_eur as double) / cast(h.total_eur as double)) as share_sum
    from history as h
    inner join agg_spend_month as a on h.item_id = a.item_id and h.history_year = a.year
    group by h.item_id, h.year, a.month
),
pattern as (
    select
        iy.item_id,
        iy.year,
        m.month,
        hc.pattern_years,
        coalesce(ms.share_sum, 0) / hc.pattern_years as share
    from item_years as iy
    cross join range(1, 13) as m(month)
    left join history_count as hc on iy.item_id = hc.item_id and iy.year = hc.year
    left join month_share as ms
        on iy.item_id = ms.item_id and iy.year = ms.year and m.month = ms.month
),
usable as (
    select p.item_id, p.year, sum(p.share) filter (where p.month <= c.cut_month) > 1e-9 as is_usable
    from pattern as p
    cross join cut as c
    where p.pattern_years is not null
    group by p.item_id, p.year
)
select
    p.item_id,
    p.year,
    p.month,
    case when coalesce(u.is_usable, false) then p.share else 1.0 / 12 end as weight,
    case when coalesce(u.is_usable, false) then 'pattern' else 'run_rate' end as method,
    case when coalesce(u.is_usable, false) then p.pattern_years else 0 end as pattern_years
from pattern as p
left join usable as u on p.item_id = u.item_id and p.year = u.year;

-- Year-end forecast, step 2: the portfolio of each year (items with a budget or spending in it,
-- and items still active after their start: phase not 'afgerond') with budget, spending and the
-- forecast. model_forecast_eur = spending up to the cut-off month / (1 - the weight of the months
-- after it), rounded to the cent (so parts sum to the whole). forecast_eur is the actual spending
-- for a closed year, the model for the as-of year and the budget for a later year.
-- model_forecast_eur in a closed year is the backtest: the year forecast from its cut-off month.
create or replace view v_item_forecast_live as
with cut as (
    select
        year(as_of_date) as as_of_year,
        month(as_of_date) as cut_month
    from v_as_of
),
budget_item as (
    select item_id, year, sum(budget_eur) as budget_eur from v_budget group by item_id, year
),
spend_item as (
    select
        a.item_id,
        a.year,
        sum(a.spent_eur) as spent_eur,
        coalesce(sum(a.spent_eur) filter (where a.month <= c.cut_month), 0) as spent_to_cut_eur
    from agg_spend_month as a
    cross join cut as c
    group by a.item_id, a.year
),
portfolio as (
    select item_id, year from budget_item
    union
    select item_id, year from spend_item
    union
    select i.item_id, y.year
    from item as i
    inner join (select distinct year from v_budget) as y on i.start_year <= y.year
    where i.phase <> 'afgerond'
),
weights as (
    select
        w.item_id,
        w.year,
        any_value(w.method) as method,
        any_value(w.pattern_years) as pattern_years,
        coalesce(sum(w.weight) filter (where w.month > c.cut_month), 0) as share_after
    from v_item_month_weight as w
    cross join cut as c
    group by w.item_id, w.year
),
model as (
    select
        p.item_id,
        p.year,
        c.as_of_year,
        c.cut_month,
        coalesce(b.budget_eur, 0) as budget_eur,
        coalesce(s.spent_eur, 0) as spent_eur,
        coalesce(s.spent_to_cut_eur, 0) as spent_to_cut_eur,
        coalesce(w.method, 'run_rate') as method,
        coalesce(w.pattern_years, 0) as pattern_years,
        coalesce(w.share_after, (12 - c.cut_month) / 12.0) as share_after
    from portfolio as p
    cross join cut as c
    left join budget_item as b on p.item_id = b.item_id and p.year = b.year
    left join spend_item as s on p.item_id = s.item_id and p.year = s.year
    left join weights as w on p.item_id = w.item_id and p.year = w.year
)
select
    item_id,
    year,
    budget_eur,
    spent_eur,
    spent_to_cut_eur,
    cut_month,
    year < as_of_year as is_closed_year,
    method,
    pattern_years,
    share_after,
    cast(round(cast(spent_to_cut_eur as double) / (1 - share_after), 2) as decimal(18, 2))
        as model_forecast_eur,
    case
        when year < as_of_year then spent_eur
        when year = as_of_year
            then cast(round(cast(spent_to_cut_eur as double) / (1 - share_after), 2)
                as decimal(18, 2))
        else budget_eur
    end as forecast_eur,
    case
        when year < as_of_year then 'actual'
        when year = as_of_year then method
        else 'budget'
    end as forecast_method
from model;

-- The forecast is a function of the snapshot's data only: it is stored once when a snapshot is
-- written (ggu/store/snapshots.py rebuilds agg_item_forecast), and every query reads the stored rows.
create table if not exists agg_item_forecast as select * from v_item_forecast_live;
create or replace view v_item_forecast as select * from agg_item_forecast;
