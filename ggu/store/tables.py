"""The data tables of the schema as Python sees them: names, columns, types, keys and allowed
values, read from ggu/store/schema/tables.sql itself (in an in-memory DuckDB), so a table or
column added there is known everywhere without a change here."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import duckdb

from ggu.store import schema

# Tables of the schema that are not data a user loads: bookkeeping and derived tables.
NOT_DATA = {"meta", "import_log"}
NOT_DATA_PREFIX = "agg_"
# Key of a table without a primary key in the schema (the import checks it is unique).
EXTRA_KEYS = {"spend": ("tx_id",)}


@dataclass(frozen=True)
class Column:
    name: str
    type: str            # DuckDB type, e.g. VARCHAR, INTEGER, DATE, DECIMAL(18,2)
    required: bool
    allowed: tuple[str, ...] | None   # the codes a CHECK (... IN (...)) allows, in order

    @property
    def kind(self) -> str:
        """text | integer | decimal | double | date | boolean."""
        if self.type.startswith("DECIMAL"):
            return "decimal"
        return {"INTEGER": "integer", "BIGINT": "integer", "DATE": "date",
                "DOUBLE": "double", "BOOLEAN": "boolean"}.get(self.type, "text")

    @property
    def scale(self) -> int | None:
        m = re.match(r"DECIMAL\((\d+),\s*(\d+)\)", self.type)
        return int(m.group(2)) if m else None

    @property
    def is_year(self) -> bool:
        return self.kind == "integer" and (self.name == "year" or self.name.endswith("_year"))


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _allowed(constraint: str) -> tuple[str, tuple[str, ...]] | None:
    m = re.fullmatch(r"CHECK\(\((\w+) IN \((.*)\)\)\)", constraint)
    if not m:
        return None
    return m.group(1), tuple(re.findall(r"'([^']*)'", m.group(2)))


@functools.lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """The data tables of tables.sql in the order they are defined there."""
    text = schema.part("tables")
    with duckdb.connect() as con:
        con.execute(text)
        cols = con.execute(
            "select table_name, column_name, data_type, is_nullable = 'YES' "
            "from information_schema.columns where table_schema = 'main' "
            "and table_name in (select table_name from information_schema.tables "
            "where table_type = 'BASE TABLE') order by table_name, ordinal_position").fetchall()
        constraints = con.execute(
            "select table_name, constraint_type, constraint_text, constraint_column_names "
            "from duckdb_constraints()").fetchall()
    keys = {tbl: tuple(names) for tbl, kind, _, names in constraints if kind == "PRIMARY KEY"}
    allowed = {}
    for tbl, kind, ctext, _ in constraints:
        found = _allowed(ctext) if kind == "CHECK" else None
        if found:
            allowed[(tbl, found[0])] = found[1]
    order = [m.group(1) for m in re.finditer(r"create table if not exists (\w+)", text)]
    result = []
    for name in order:
        if name in NOT_DATA or name.startswith(NOT_DATA_PREFIX):
            continue
        key = keys.get(name, EXTRA_KEYS.get(name, ()))
        columns = tuple(Column(c, typ, not nullable or c in key, allowed.get((name, c)))
                        for tbl, c, typ, nullable in cols if tbl == name)
        result.append(Table(name, columns, key))
    return tuple(result)


def table(name: str) -> Table:
    return next(tb for tb in tables() if tb.name == name)


def allowed(table_name: str, column: str) -> tuple[str, ...]:
    """The codes a column allows (its CHECK constraint), in the order written there."""
    return table(table_name).column(column).allowed or ()
