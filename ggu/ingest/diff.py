"""Which rows changed between two snapshots: per data table, each row added or removed (by its
key) and, for a row whose key is in both, each column whose value changed with its value before
and after (for the Beheer page's comparison, beside the counts of ggu.ingest.history)."""
from __future__ import annotations

import duckdb
import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.ingest import contract
from ggu.store.result import scalar
from ggu.store.snapshots import attach

LIMIT = 500   # rows of differences read per table and side; the page says when there were more
COLUMNS = ["table", "key", "change", "column", "before", "after"]


def _show(column: str, lang: str | None):
    """The formatter of a column, amounts to the cent (an administrator checks exact values)."""
    if column.endswith("_eur"):
        return lambda x: fmt.eur(x, digits=2, lang=lang)
    if column.endswith("_id"):   # an id as in the file: 39442, not "39.442"
        return lambda x: "–" if fmt.missing(x) else str(int(x)) if isinstance(x, float) and \
            x.is_integer() else str(x)
    return lambda x: fmt.for_column(column)(x, lang=lang)


def _values(row, table, lang: str | None) -> str:
    """A whole row (added or removed) as 'Header: value; …', its key left out."""
    if not isinstance(row, dict):   # no row on this side (None, or NaN in a numeric column)
        return ""
    return "; ".join(f"{c.header}: {_show(c.name, lang)(row[c.name])}" for c in table.columns
                     if c.name not in table.key and not fmt.missing(row[c.name]))


def row_changes(path_a, path_b, limit: int = LIMIT) -> tuple[pd.DataFrame, int]:
    """The differences from A to B, one row per added or removed row and per changed value, as
    values (not text: `display` writes them in the reader's language): table, key (the key's
    values), change (added/removed/changed), column (a changed column's name), before, after (a
    value; for an added or removed row the whole row as a dict), in the order of the sheets;
    and how many differing rows were left out past `limit` per table and side."""
    out, left_out = [], 0
    with duckdb.connect() as con:
        attach(con, path_a, "a")
        attach(con, path_b, "b")
        present = {r[0] + "." + r[1] for r in con.execute(
            "select table_catalog, table_name from information_schema.tables").fetchall()}
        for tb in contract.tables():
            if f"a.{tb.name}" not in present or f"b.{tb.name}" not in present:
                continue
            cols = ", ".join(f'"{c.name}"' for c in tb.columns)
            key = list(tb.key) or [c.name for c in tb.columns]
            order = ", ".join(f'"{k}"' for k in key)
            sides = {}
            for new, old in (("b", "a"), ("a", "b")):
                sql = (f"select {cols} from {new}.{tb.name} except "
                       f"select {cols} from {old}.{tb.name}")
                left_out += max(scalar(con.execute(f"select count(*) from ({sql})"))
                                - limit, 0)
                sides[new] = con.execute(f"{sql} order by {order} limit {limit}").df()
            before = {tuple(r[k] for k in key): r for r in sides["a"].to_dict("records")}
            after = {tuple(r[k] for k in key): r for r in sides["b"].to_dict("records")}
            for k in sorted(set(before) | set(after), key=lambda k: tuple(map(str, k))):
                a, b = before.get(k), after.get(k)
                base = dict(table=tb.name, key=k)
                if a is None or b is None:
                    out.append({**base, "change": "added" if a is None else "removed",
                                "column": "", "before": a, "after": b})
                    continue
                for c in tb.columns:
                    va, vb = a[c.name], b[c.name]
                    if not (fmt.missing(va) and fmt.missing(vb) or va == vb):
                        out.append({**base, "change": "changed", "column": c.name,
                                    "before": va, "after": vb})
    return pd.DataFrame(out, columns=COLUMNS), left_out


def display(rows: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The differences as a table on screen in the reader's language: the sheet, the row's key
    as in the file, the change in words, the column's header, the values before and after."""
    lang = lang or i18n.lang()
    tables = {tb.name: tb for tb in contract.tables()}
    shown = []
    for r in rows.itertuples(index=False):
        tb = tables[r.table]
        key = list(tb.key) or [c.name for c in tb.columns]
        if r.change == "changed":
            show = _show(r.column, lang)
            before, after = show(r.before), show(r.after)
            column = tb.column(r.column).header
        else:
            before, after, column = _values(r.before, tb, lang), _values(r.after, tb, lang), ""
        shown.append((tb.sheet, " · ".join(_show(c, lang)(v) for c, v in zip(key, r.key)),
                      t(f"bh.rows.{r.change}", lang=lang), column, before, after))
    return pd.DataFrame(shown, columns=[t(f"bh.rows.{c}", lang=lang) for c in (
        "sheet", "key", "change", "column", "before", "after")])
