"""What in the data is still demo data ("voorbeelddata") after an import into the demo set.

A snapshot stays marked as demo data while any of its rows is a row of the demo set; the rows
that differ (loaded, changed or removed) are listed per sheet and year, so the banner can say
which figures are real. The demo set to compare with is the snapshot the demo build wrote
(meta `demo_snapshot`; snapshots are immutable and kept). Starting from empty data removes the
mark for good (history.empty).

Meta keys: is_demo ('true'/'false'), demo_snapshot (id), loaded_json ({table: [years]}).
"""
from __future__ import annotations

import json

import duckdb

from ggu.ingest import contract
from ggu.ingest.rules import quote
from ggu.store.result import scalar
from ggu.store.snapshots import Store, attach


def reference(store: Store, base_id: str | None) -> str | None:
    """The demo snapshot an import into `base_id` is compared with; None for real data."""
    if base_id is None:
        return None
    meta = store.meta(base_id)
    if meta.get("is_demo") != "true":
        return None
    ref = meta.get("demo_snapshot") or (base_id if meta.get("source") == "voorbeelddata"
                                        else None)
    return ref if ref in store.ids() else base_id   # the demo snapshot removed: the base


def _year(tb: contract.Table) -> str | None:
    column = tb.replace_by_year
    if column is None:
        return None
    return f"year({quote(column)})" if tb.column(column).kind == "date" else quote(column)


def mark(con: duckdb.DuckDBPyConnection, store: Store, ref_id: str) -> None:
    """Inside a write's transaction, after the import's rows are in: compare every data table
    with the demo snapshot `ref_id` and set the meta keys (see the module's docstring)."""
    attach(con, store.path(ref_id), "demo_ref")
    remaining, loaded = 0, {}
    for tb in contract.tables():
        cols = ", ".join(quote(c.name) for c in tb.columns)
        now, demo = f"select {cols} from main.{tb.name}", f"select {cols} from demo_ref.{tb.name}"
        year = _year(tb) or "null"
        try:
            remaining += scalar(con.execute(
                f"select count(*) from ({now} intersect all {demo})"))
            differing = con.execute(
                f"select distinct {year} from (({now} except all {demo}) "
                f"union all ({demo} except all {now})) order by 1").fetchall()
        except duckdb.Error:   # a table or column the demo snapshot lacks: all of it is loaded
            differing = con.execute(f"select distinct {year} from ({now}) order by 1").fetchall()
        if differing:
            loaded[tb.name] = [int(y) for (y,) in differing if y is not None]
    values = {"is_demo": "true" if remaining else "false",
              "demo_snapshot": ref_id if remaining else None,
              "loaded_json": json.dumps(loaded, sort_keys=True) if remaining else None}
    for key, value in values.items():
        if value is None:
            con.execute("delete from meta where key = $key", {"key": key})
        else:
            con.execute("insert or replace into meta (key, value) values ($key, $value)",
                        {"key": key, "value": value})


def loaded_parts(loaded_json) -> list[str]:
    """['Begroting 2024, 2025', 'Projecten']: the sheets (and years) that hold loaded figures
    (meta.sql's loaded_json; anything but a JSON text means none)."""
    loaded = json.loads(loaded_json) if isinstance(loaded_json, str) and loaded_json else {}
    order = [tb.name for tb in contract.tables()]
    return [contract.sheet_name(name) + (" " + ", ".join(str(y) for y in years) if years else "")
            for name, years in sorted(loaded.items(), key=lambda kv: order.index(kv[0])
                                      if kv[0] in order else len(order))]
