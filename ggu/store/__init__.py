"""The store: DuckDB snapshots and the one loader that reads them.

snapshots.py  immutable snapshot files, the CURRENT pointer, crash-safe writes, the attempts log
derived.py    what a write derives: transactions in order, aggregates, the views' rows stored
schema/       the schema, split by purpose (tables, measures, views, forecast, exceptions, units)
loader.py     query(name, **params): queries/<name>.sql on the current (pinned) snapshot
tables.py     the data tables of the schema as Python sees them (columns, types, keys, codes)
codes.py      the coded values and their order, read from the schema
files.py      a file a command writes for its user: whole or not at all, an error in one line

May import: ggu.config, ggu.i18n (for its error messages). Never Streamlit.
"""
from ggu.store.loader import fallback, pin, query, run, snapshot, snapshot_id
from ggu.store.snapshots import DataError, Snapshot, Store

__all__ = ["DataError", "Snapshot", "Store", "fallback", "pin", "query", "run", "snapshot",
           "snapshot_id"]
