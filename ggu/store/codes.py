"""The coded values of the data and their order, read from the schema, never typed out again:
the categories and verdicts in the order of their macros (measures.sql, which the SQL in
queries/ uses too), the other codes in the order of their table's CHECK constraint."""
from __future__ import annotations

import duckdb

from ggu.store import schema
from ggu.store.tables import allowed


def _from_macros() -> tuple[tuple[str, ...], tuple[str, ...]]:
    with duckdb.connect() as con:
        con.execute(schema.up_to("measures"))
        categories, verdicts = con.execute("select categories(), verdicts()").fetchone()
    return tuple(categories), tuple(verdicts)


CATEGORIES, VERDICTS = _from_macros()
KINDS = allowed("item", "kind")
STATUSES = allowed("item", "status")
PHASES = allowed("item", "phase")
FUNDING_SOURCES = allowed("budget", "funding_source")
INSTALMENTS = allowed("contribution", "instalment")
