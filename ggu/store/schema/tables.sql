-- The tables (DuckDB): the rows as imported, and the tables derived when a snapshot is written.
-- The schema is this file and views.sql, measures.sql, forecast.sql, exceptions.sql and
-- units.sql, run in that order (ggu/store/schema.py); views (v_*) rename, cast and derive, and
-- queries/ read the views. Money is DECIMAL(18, 2) in euro, never float. Column names carry
-- their unit (_eur, _pct, _date). No foreign keys: DuckDB cannot delete a parent row in the
-- transaction that deleted its children, and a load replaces rows in one transaction.
-- References are validated on import (ggu/ingest/contract.py).

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

-- Proposals for the coming years (the planning's new work): one row per proposal and year; a
-- scenario includes a proposal with all its years. Name, category, theme, goal and funding
-- source are the same on every row of a proposal (checked on import).
create table if not exists proposal (
    proposal_id varchar not null,         -- e.g. 'V2027-01'
    name varchar not null,
    category varchar not null check (category in ('structureel', 'meerjarig', 'kortcyclisch')),
    theme varchar not null,
    goal_id varchar not null,
    funding_source varchar not null check (funding_source in ('fonds_ggu', 'rijk', 'overig')),
    year integer not null,
    amount_eur decimal(18, 2) not null,
    explanation varchar,
    primary key (proposal_id, year)
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
-- forecast_overspend_pct, forecast_overspend_eur, forecast_underspend_pct, is_red, is_overdue,
-- is_worse (the status worse than in the report before).
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

-- Status reports (sheet Statusrapportages): an item's status, its explanation and its phase as
-- reported on a date. An item's status on a date is its latest report on or before that date
-- (status_at, status.sql); an item without one keeps its status in item. Phase may be left
-- empty: the item's phase then stands.
create table if not exists status_report (
    item_id varchar not null,
    report_date date not null,
    status varchar not null check (status in ('groen', 'oranje', 'rood')),
    explanation varchar,
    phase varchar check (phase in ('voorbereiding', 'ontwikkeling', 'implementatie', 'beheer', 'afgerond')),
    primary key (item_id, report_date)
);

-- Decisions (sheet Besluiten) of the College van Dienstverleningszaken, the ALV, the Taskforce
-- Samen Organiseren or the VNG board, about an item, a goal or the portfolio as a whole.
create table if not exists decision (
    decision_id varchar primary key,
    decision_date date not null,
    body varchar not null check (body in ('college', 'alv', 'taskforce', 'bestuur')),
    item_id varchar,                      -- null: not about one item
    goal_id varchar,                      -- null: not about one goal
    decision varchar not null,
    reference varchar                     -- e.g. the number of the minutes
);

-- Which municipality uses which joint product or service, from a year (to a year, inclusive; null:
-- still in use). An item nobody uses in a year (a standard, a programme for all) counts as used
-- by every municipality in the attribution (v_attribution in views.sql).
create table if not exists item_use (
    item_id varchar not null,
    cbs_code varchar not null,
    from_year integer not null,
    to_year integer,                      -- null: still in use
    primary key (item_id, cbs_code, from_year),
    check (to_year is null or to_year >= from_year)
);
