"""What a write derives from the imported rows, inside its transaction, before the snapshot is
made current (ggu.store.snapshots): the transactions kept in order, the aggregate tables, and
the rows of every view stored with it. A snapshot never changes afterwards."""
from __future__ import annotations

import duckdb


def cluster_spend(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the transactions physically ordered by item and date, so that a query for one
    item's rows reads only its row groups (DuckDB skips the others by their min/max)."""
    con.execute("create temp table _spend_sorted as "
                "select * from spend order by item_id, booking_date, tx_id")
    con.execute("delete from spend")
    con.execute("insert into spend select * from _spend_sorted")
    con.execute("drop table _spend_sorted")


def rebuild_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """The spending per item and month, and the forecast and status per item and year."""
    con.execute("delete from agg_spend_month")
    con.execute(
        "insert into agg_spend_month "
        "select item_id, year(booking_date), month(booking_date), cost_type, "
        "sum(amount_eur), count(*) from spend group by all"
    )
    con.execute("create or replace table agg_item_forecast as select * from v_item_forecast_live")
    con.execute("create or replace table agg_item_status_year as "
                "select * from v_item_status_by_year_live")


MATERIALIZED = "_m_"   # prefix of the table that holds a view's rows in a written snapshot
# Views read as they are: v_spend is the transactions with their year and month, as quick to
# read as the table, and stored it would add the largest table again; a `_live` view's rows are
# stored already, as its agg_ table (rebuild_aggregates), and only that table reads it.
NOT_MATERIALIZED = ("v_spend",)


def materialize_views(con: duckdb.DuckDBPyConnection) -> None:
    """Store the rows of every view of the schema, and let the view read them: a snapshot never
    changes, so a query reads stored rows instead of planning the views' SQL again (it halves
    the time a query takes on a small data set). The schema makes each view again from its
    definition on the next write, before this stores its rows anew."""
    views = [row[0] for row in con.execute(
        "select view_name from duckdb_views() where not internal and schema_name = 'main' "
        "and database_name = current_database() "
        "order by view_oid").fetchall()]
    for view in (v for v in views if v not in NOT_MATERIALIZED and not v.endswith("_live")):
        table = f'"{MATERIALIZED}{view}"'
        # (identifiers from DuckDB's catalogue of the schema's own views, quoted)
        con.execute(f'create or replace table {table} as select * from "{view}"')  # noqa: S608
        con.execute(f'create or replace view "{view}" as select * from {table}')  # noqa: S608
