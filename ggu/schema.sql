-- GGU Portfoliodashboard data model (DuckDB).
-- Tables hold the rows as imported; views (v_*) rename, cast and derive; queries/ read the views.
-- Money is DECIMAL(18, 2) in euro, never float. Column names carry their unit (_eur, _pct, _date).
-- No foreign keys: DuckDB cannot delete a parent row in the transaction that deleted its
-- children, and a load replaces rows in one transaction. References are validated on import.

create table if not exists meta (
    key varchar primary key,
    value varchar
);

create table if not exists goal (
    goal_id varchar primary key,          -- e.g. 'D1'
    name varchar not null,
    description varchar,
    sort_order integer not null
);

create table if not exists item (
    item_id varchar primary key,          -- e.g. 'IBD'
    name varchar not null,
    kind varchar not null check (kind in ('product', 'dienst', 'standaard', 'programma')),
    category varchar not null check (category in ('structureel', 'meerjarig', 'kortcyclisch')),
    theme varchar not null,
    goal_id varchar not null,
    owner varchar not null,
    start_year integer not null,
    end_year integer,                     -- null: no planned end
    status varchar not null check (status in ('groen', 'oranje', 'rood')),
    status_reason varchar,
    phase varchar not null check (phase in ('voorbereiding', 'ontwikkeling', 'implementatie', 'beheer', 'afgerond')),
    check (end_year is null or end_year >= start_year)
);

create table if not exists budget (
    item_id varchar not null,
    year integer not null,
    funding_source varchar not null check (funding_source in ('fonds_ggu', 'rijk', 'overig')),
    budget_eur decimal(18, 2) not null,
    primary key (item_id, year, funding_source)
);

-- No key constraint on the (large) transaction table: the import validates ids.
create table if not exists spend (
    tx_id bigint not null,
    item_id varchar not null,
    booking_date date not null,
    amount_eur decimal(18, 2) not null,
    cost_type varchar not null,
    description varchar
);

create table if not exists indicator (
    indicator_id varchar primary key,
    goal_id varchar not null,
    name varchar not null,
    unit varchar not null,
    baseline_value double not null,
    baseline_year integer not null,
    target_value double not null,
    target_year integer not null,
    direction varchar not null check (direction in ('hoger', 'lager'))
);

create table if not exists measurement (
    indicator_id varchar not null,
    measured_date date not null,
    value double not null,
    primary key (indicator_id, measured_date)
);

create table if not exists municipality (
    year integer not null,
    cbs_code varchar not null,
    name varchar not null,
    province varchar not null,
    inhabitants integer not null check (inhabitants > 0),
    primary key (year, cbs_code)
);

create table if not exists contribution (
    year integer not null,
    cbs_code varchar not null,
    instalment varchar not null check (instalment in ('januari', 'juli')),
    rate_per_inhabitant_eur decimal(8, 4) not null,
    amount_eur decimal(18, 2) not null,
    paid_date date,                       -- null: not (yet) received
    primary key (year, cbs_code, instalment)
);

-- The split norm agreed by the ALV, valid from a year on (editable as data, not code).
create table if not exists split_norm (
    valid_from_year integer not null,
    category varchar not null check (category in ('structureel', 'meerjarig', 'kortcyclisch')),
    norm_pct decimal(5, 2) not null,
    tolerance_pp decimal(5, 2) not null,
    primary key (valid_from_year, category)
);

-- Consumer price index, yearly change (for constant-euro figures).
create table if not exists cpi (
    year integer primary key,
    change_pct decimal(6, 2) not null,
    source varchar not null
);

-- Exception rules (data, not code): an item needs the College's attention in a year when one of
-- its metrics compares true with an active rule's threshold. The metrics (see v_item_exception):
-- forecast_overspend_pct, forecast_overspend_eur, forecast_underspend_pct, is_red, is_overdue.
create table if not exists exception_rule (
    rule_id varchar primary key,
    metric varchar not null,
    operator varchar not null check (operator in ('>', '>=', '<', '<=', '=')),
    threshold decimal(18, 2) not null,
    is_active boolean not null
);

-- Every attempt to change the data; travels with the snapshots.
create table if not exists import_log (
    log_id integer primary key,
    logged_at timestamp not null,
    user_name varchar not null,
    action varchar not null,              -- demo | import | rollback
    file_name varchar,
    sha256 varchar,
    snapshot_id varchar,                  -- the snapshot this action produced (null when refused)
    rows_json varchar,                    -- rows per table, as JSON
    result varchar not null,              -- ok | geweigerd | fout
    message varchar
);

-- Derived when a snapshot is written: spending per item x month x cost type.
create table if not exists agg_spend_month (
    item_id varchar not null,
    year integer not null,
    month integer not null,
    cost_type varchar not null,
    spent_eur decimal(18, 2) not null,
    tx_count bigint not null
);

-- Views: what queries/ read.
create or replace view v_meta as
select
    coalesce(max(case when key = 'is_demo' then value end), 'false') = 'true' as is_demo,
    max(case when key = 'snapshot_id' then value end) as snapshot_id,
    max(case when key = 'created_at' then value end) as created_at,
    try_cast(max(case when key = 'as_of_date' then value end) as date) as as_of_date,
    max(case when key = 'source' then value end) as source
from meta;

create or replace view v_item as
select
    i.*,
    g.name as goal_name
from item as i
left join goal as g on i.goal_id = g.goal_id;

create or replace view v_budget as
select
    b.item_id,
    b.year,
    b.funding_source,
    b.budget_eur,
    i.category,
    i.theme,
    i.goal_id
from budget as b
inner join item as i on b.item_id = i.item_id;

create or replace view v_spend_month as
select
    a.item_id,
    a.year,
    a.month,
    a.cost_type,
    a.spent_eur,
    a.tx_count,
    i.category,
    i.theme,
    i.goal_id
from agg_spend_month as a
inner join item as i on a.item_id = i.item_id;

create or replace view v_spend as
select
    s.tx_id,
    s.item_id,
    s.booking_date,
    year(s.booking_date) as year,
    month(s.booking_date) as month,
    s.amount_eur,
    s.cost_type,
    s.description
from spend as s;

-- The norm in force per year and category: the latest valid_from_year not after the year.
create or replace view v_norm_by_year as
with years as (
    select distinct year from budget
),
ranked as (
    select
        y.year,
        n.category,
        n.norm_pct,
        n.tolerance_pp,
        row_number() over (partition by y.year, n.category order by n.valid_from_year desc) as rn
    from years as y
    inner join split_norm as n on n.valid_from_year <= y.year
)
select year, category, norm_pct, tolerance_pp from ranked where rn = 1;

-- Budget per year, in total and per funding source.
create or replace view v_budget_by_year as
select
    year,
    sum(budget_eur) as budget_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'fonds_ggu'), 0) as budget_fonds_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'rijk'), 0) as budget_rijk_eur,
    coalesce(sum(budget_eur) filter (where funding_source = 'overig'), 0) as budget_overig_eur
from budget
group by year;

-- The date the figures run to: stated in meta, else the last booking date.
create or replace view v_as_of as
select coalesce(
    (select as_of_date from v_meta),
    (select max(booking_date) from spend)
) as as_of_date;

create or replace view v_municipality as
select year, cbs_code, name, province, inhabitants from municipality;

create or replace view v_contribution as
select
    c.year,
    c.cbs_code,
    c.instalment,
    c.rate_per_inhabitant_eur,
    c.amount_eur,
    c.paid_date,
    m.name as municipality_name,
    m.province
from contribution as c
left join municipality as m on c.year = m.year and c.cbs_code = m.cbs_code;

-- Year-end forecast, step 1: per item x year x month the weight of the month in the item's year.
-- 'patroon': the average share of the annual spending that fell in that month over the item's
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
    select distinct item_id, year from budget
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
    case when coalesce(u.is_usable, false) then 'patroon' else 'run_rate' end as method,
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
    select item_id, year, sum(budget_eur) as budget_eur from budget group by item_id, year
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
    inner join (select distinct year from budget) as y on i.start_year <= y.year
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
-- written (ggu/snapshots.py rebuilds agg_item_forecast), and every query reads the stored rows.
create table if not exists agg_item_forecast as select * from v_item_forecast_live;
create or replace view v_item_forecast as select * from agg_item_forecast;

-- Exceptions: per item and year every active rule of exception_rule it breaks, with the value of
-- the metric. Metrics are null (and break no rule) when they cannot be computed (no budget, no
-- end year). Status and phase are the item's current ones, also for earlier years.
create or replace view v_item_exception as
with wide as (
    select
        f.item_id,
        f.year,
        cast(100 * (f.forecast_eur - f.budget_eur) / nullif(f.budget_eur, 0) as double)
            as forecast_overspend_pct,
        cast(f.forecast_eur - f.budget_eur as double) as forecast_overspend_eur,
        cast(100 * (f.budget_eur - f.forecast_eur) / nullif(f.budget_eur, 0) as double)
            as forecast_underspend_pct,
        cast(i.status = 'rood' as double) as is_red,
        cast(i.phase <> 'afgerond' and i.end_year < f.year as double) as is_overdue
    from v_item_forecast as f
    inner join item as i on f.item_id = i.item_id
),
metrics as (
    unpivot wide
    on forecast_overspend_pct, forecast_overspend_eur, forecast_underspend_pct, is_red, is_overdue
    into name metric value metric_value
)
select
    m.item_id,
    m.year,
    r.rule_id,
    r.metric,
    r.operator,
    cast(r.threshold as double) as threshold,
    m.metric_value
from metrics as m
inner join exception_rule as r on m.metric = r.metric and r.is_active
where case r.operator
    when '>' then m.metric_value > r.threshold
    when '>=' then m.metric_value >= r.threshold
    when '<' then m.metric_value < r.threshold
    when '<=' then m.metric_value <= r.threshold
    when '=' then m.metric_value = r.threshold
end;

-- The rules each item breaks in a year, as one list (for the tables that show them).
create or replace view v_item_exception_list as
select
    item_id,
    year,
    list(
        {
            'rule_id': rule_id,
            'metric': metric,
            'operator': operator,
            'threshold': threshold,
            'metric_value': metric_value
        }
        order by rule_id
    ) as rules
from v_item_exception
group by item_id, year;

-- Price index per year, chained from the CPI yearly change (CBS). A year without a CPI figure
-- (e.g. the running year) carries the last known change forward: is_assumed says so.
create or replace view v_price_index as
with years as (
    select year from cpi
    union
    select distinct year from budget
    union
    select distinct year from municipality
),
changes as (
    select
        y.year,
        c.change_pct,
        c.change_pct is null as is_assumed,
        coalesce(c.change_pct, last_value(c.change_pct ignore nulls) over (order by y.year), 0)
            as used_change_pct,
        coalesce(c.source, last_value(c.source ignore nulls) over (order by y.year)) as source
    from years as y
    left join cpi as c on y.year = c.year
)
select
    year,
    change_pct,
    used_change_pct,
    is_assumed,
    source,
    exp(sum(ln(1 + cast(used_change_pct as double) / 100)) over (order by year)) as price_index
from changes;

-- Per year x unit x base year the factor that turns euro into the unit shown:
-- 'eur' 1; 'per_inhabitant' 1 / the year's inhabitants (all municipalities, CBS);
-- 'constant' euro in prices of base_year (price index of base_year / that of the year).
create or replace view v_amount_factor as
with inhabitants as (
    select year, sum(inhabitants) as inhabitants from municipality group by year
)
select
    p.year,
    u.unit,
    b.year as base_year,
    case u.unit
        when 'eur' then 1.0
        when 'per_inhabitant' then 1.0 / i.inhabitants
        when 'constant' then b.price_index / p.price_index
    end as factor
from v_price_index as p
cross join v_price_index as b
cross join (values ('eur'), ('per_inhabitant'), ('constant')) as u (unit)
left join inhabitants as i on p.year = i.year;

-- Spending has no funding source: it is attributed to the sources pro rata of the item-year's
-- budget by source. Spending of an item-year without a (positive) budget counts as Fonds GGU.
create or replace view v_funding_share as
with budgeted as (
    select
        item_id,
        year,
        funding_source,
        cast(budget_eur as double)
            / nullif(sum(budget_eur) over (partition by item_id, year), 0) as budget_fraction
    from budget
)
select item_id, year, funding_source, budget_fraction from budgeted where budget_fraction is not null
union all
select distinct a.item_id, a.year, 'fonds_ggu', 1.0
from agg_spend_month as a
where not exists (
    select 1 from budgeted as b
    where b.item_id = a.item_id and b.year = a.year and b.budget_fraction is not null
);

-- The explorer's filters as table macros, one definition for every query that filters:
-- a list argument that is null means "all".
create or replace macro selected_items(categories, themes, goals, items) as table
select item_id, name, category, theme, goal_id, goal_name
from v_item
where
    (categories is null or list_contains(categories, category))
    and (themes is null or list_contains(themes, theme))
    and (goals is null or list_contains(goals, goal_id))
    and (items is null or list_contains(items, item_id));

-- The part of each item-year's spending attributed to the chosen funding sources.
create or replace macro funding_fraction(year_from, year_to, funding_sources) as table
select item_id, year, sum(budget_fraction) as budget_fraction
from v_funding_share
where
    year between year_from and year_to
    and (funding_sources is null or list_contains(funding_sources, funding_source))
group by item_id, year;
