"""The coded values of the data and their order, read from the schema, never typed out again:
the categories, verdicts and status changes in the order of their macros (measures.sql, which
the SQL in queries/ uses too), the other codes in the order of their table's CHECK constraint.

Read on first use (`codes.CATEGORIES`), not at import: reading runs the schema in an in-memory
DuckDB (about 0.1 s), which a server's start need not wait for.
"""
from __future__ import annotations

import functools

import duckdb

from ggu.store import schema
from ggu.store.tables import allowed

NAMES = ("CATEGORIES", "VERDICTS", "STATUS_CHANGES", "KINDS", "STATUSES", "PHASES",
         "FUNDING_SOURCES", "INSTALMENTS", "BODIES")


@functools.cache
def _values() -> dict[str, tuple[str, ...]]:
    with duckdb.connect() as con:
        con.execute(schema.up_to("measures"))
        categories, verdicts, changes = con.execute(
            "select categories(), verdicts(), status_changes()").fetchall()[0]
    return {"CATEGORIES": tuple(categories), "VERDICTS": tuple(verdicts),
            "STATUS_CHANGES": tuple(changes),
            "KINDS": allowed("item", "kind"), "STATUSES": allowed("item", "status"),
            "PHASES": allowed("item", "phase"),
            "FUNDING_SOURCES": allowed("budget", "funding_source"),
            "INSTALMENTS": allowed("contribution", "instalment"),
            "BODIES": allowed("decision", "body")}


def __getattr__(name: str) -> tuple[str, ...]:
    if name in NAMES:
        return _values()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
