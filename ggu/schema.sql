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
