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
from ggu.store.snapshots import attach

LIMIT = 500   # rows of differences read per table and side; the page says when there were more
COLUMNS = ["sheet", "key", "change", "column", "before", "after"]


def _show(column: str):
    """The formatter of a column, amounts to the cent (an administrator checks exact values)."""
    if column.endswith("_eur"):
        return lambda x: fmt.eur(x, digits=2)
    if column.endswith("_id"):   # an id as in the file: 39442, not "39.442"
        return lambda x: "–" if fmt.missing(x) else str(int(x)) if isinstance(x, float) and \
            x.is_integer() else str(x)
    return fmt.for_column(column)


def _key_text(row: dict, columns) -> str:
    return " · ".join(_show(c)(row[c]) for c in columns)


def _values_text(row: dict, table) -> str:
    return "; ".join(f"{c.header}: {_show(c.name)(row[c.name])}" for c in table.columns
                     if c.name not in table.key and not fmt.missing(row[c.name]))


def row_changes(path_a, path_b, limit: int = LIMIT) -> tuple[pd.DataFrame, int]:
    """The differences from A to B, one row per added or removed row and per changed value,
    as text (sheet, key, change: added/removed/changed, column, before, after), in the order
    of the sheets; and how many differing rows were left out past `limit` per table."""
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
                left_out += max(con.execute(f"select count(*) from ({sql})").fetchone()[0]
                                - limit, 0)
                sides[new] = con.execute(f"{sql} order by {order} limit {limit}").df()
            before = {tuple(r[k] for k in key): r for r in sides["a"].to_dict("records")}
            after = {tuple(r[k] for k in key): r for r in sides["b"].to_dict("records")}
            for k in sorted(set(before) | set(after), key=lambda k: tuple(map(str, k))):
                a, b = before.get(k), after.get(k)
                row = a or b
                base = dict(sheet=tb.sheet, key=_key_text(row, key))
                if a is None:
                    out.append({**base, "change": "added", "column": "", "before": "",
                                "after": _values_text(b, tb)})
                elif b is None:
                    out.append({**base, "change": "removed", "column": "",
                                "before": _values_text(a, tb), "after": ""})
                else:
                    for c in tb.columns:
                        va, vb = a[c.name], b[c.name]
                        if fmt.missing(va) and fmt.missing(vb) or va == vb:
                            continue
                        show = _show(c.name)
                        out.append({**base, "change": "changed", "column": c.header,
                                    "before": show(va), "after": show(vb)})
    return pd.DataFrame(out, columns=COLUMNS), left_out


def display(rows: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The differences as a table on screen, with headers and the change in words."""
    lang = lang or i18n.lang()
    return pd.DataFrame({
        t("bh.rows.sheet", lang=lang): rows["sheet"],
        t("bh.rows.key", lang=lang): rows["key"],
        t("bh.rows.change", lang=lang): [t(f"bh.rows.{c}", lang=lang) for c in rows["change"]],
        t("bh.rows.column", lang=lang): rows["column"],
        t("bh.rows.before", lang=lang): rows["before"],
        t("bh.rows.after", lang=lang): rows["after"],
    })
