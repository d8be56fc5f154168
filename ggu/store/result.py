"""One value of a statement's result: a count, a maximum."""
from __future__ import annotations

from typing import Any

import duckdb


def scalar(result: duckdb.DuckDBPyConnection) -> Any:
    """The first value of the first row of an executed statement (an aggregate always has one
    row; a statement without rows is a programming error, said as such)."""
    row = result.fetchone()
    if row is None:
        raise LookupError("the statement returned no row")
    return row[0]


def rows_of(relation: duckdb.DuckDBPyRelation) -> int:
    """The number of rows of a relation (`con.table(name)`, `con.sql(query)`)."""
    return relation.aggregate("count(*)").fetchall()[0][0]
