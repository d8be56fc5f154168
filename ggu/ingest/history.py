"""The audit trail of the data: the history of every attempt to change it, what changed between
two snapshots, and rolling back to an earlier one (for the Beheer page and the command line)."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd

from ggu import config, i18n
from ggu.i18n import CATALOGUE, t
from ggu.i18n import formats as fmt
from ggu.ingest import contract, diff
from ggu.store import codes, loader
from ggu.store.result import rows_of
from ggu.store.snapshots import READ_ONLY_CONFIG, DataError, Store, attach


def _text(value) -> str:
    """Text or '' (pandas may hold a missing text as None or NaN)."""
    return value if isinstance(value, str) else ""


def _label(prefix: str, code, lang: str | None) -> str:
    """The translated label of an action or result; the code itself when it has none."""
    key = f"{prefix}.{code}"
    return t(key, lang=lang) if key in CATALOGUE[lang or i18n.lang()] else _text(code)


def _rows_text(rows) -> str:
    if isinstance(rows, str):
        try:
            rows = json.loads(rows)
        except ValueError:
            return rows
    return ", ".join(f"{contract.sheet_name(k)} {v}" for k, v in sorted((rows or {}).items()))


def history(data_dir=None) -> pd.DataFrame:
    """Every attempt, newest first: the current snapshot's import_log (the changes) plus the
    refused and unchanged attempts of data/import_attempts.jsonl (which made no snapshot)."""
    store = Store(data_dir)
    log = loader.query("import_history", data_dir) if store.current_id() else pd.DataFrame()
    frames = [pd.DataFrame({
        "logged_at": pd.to_datetime(log.get("logged_at", [])),
        "user_name": log.get("user_name", []), "action": log.get("action", []),
        "file_name": log.get("file_name", []), "snapshot_id": log.get("snapshot_id", []),
        "rows": [_rows_text(r) for r in log.get("rows_json", [])],
        "result": log.get("result", []), "message": log.get("message", []),
        "sha256": log.get("sha256", []),
    })]
    other = [a for a in store.attempts() if a.get("result") != "ok"]
    if other:
        frames.append(pd.DataFrame({
            "logged_at": pd.to_datetime([a["logged_at"] for a in other]),
            "user_name": [a.get("user_name") for a in other],
            "action": [a.get("action") for a in other],
            "file_name": [a.get("file_name") for a in other],
            "snapshot_id": [a.get("snapshot_id") for a in other],
            "rows": [_rows_text(a.get("rows")) for a in other],
            "result": [a.get("result") for a in other],
            "message": [a.get("message") for a in other],
            "sha256": [a.get("sha256") for a in other],
        }))
    out = pd.concat([f for f in frames if not f.empty] or frames, ignore_index=True)
    for column in ("user_name", "action", "file_name", "snapshot_id", "rows", "result",
                   "message", "sha256"):   # missing text is None, never NaN
        out[column] = pd.Series([v if isinstance(v, str) else None for v in out[column]],
                                index=out.index, dtype=object)
    return out.sort_values("logged_at", ascending=False, kind="stable").reset_index(drop=True)


def history_display(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The history as text for a table on screen (imported text shown as text, never HTML)."""
    return pd.DataFrame({
        t("hist.col.when", lang=lang): [fmt.timestamp(x, lang=lang) for x in df["logged_at"]],
        t("hist.col.user", lang=lang): df["user_name"].fillna(""),
        t("hist.col.action", lang=lang): [_label("hist.action", a, lang) for a in df["action"]],
        t("hist.col.file", lang=lang): df["file_name"].fillna(""),
        t("hist.col.result", lang=lang): [_label("hist.result", r, lang) for r in df["result"]],
        t("hist.col.snapshot", lang=lang): df["snapshot_id"].fillna("–"),
        t("hist.col.rows", lang=lang): df["rows"].fillna(""),
        t("hist.col.sha", lang=lang): [_text(s)[:12] for s in df["sha256"]],
        t("hist.col.message", lang=lang): df["message"].fillna(""),
    })


def snapshots(data_dir=None) -> pd.DataFrame:
    """One row per snapshot, newest first: id, when, what made it, who, file, current."""
    store = Store(data_dir)
    ids = store.ids()
    log = history(data_dir) if ids else pd.DataFrame(columns=["snapshot_id"])
    made = log[log["result"] == "ok"].drop_duplicates("snapshot_id").set_index("snapshot_id")
    current = store.current_id()
    rows = []
    for sid in reversed(ids):
        entry = made.loc[sid] if sid in made.index else None
        rows.append({
            "snapshot_id": sid,
            "logged_at": entry["logged_at"] if entry is not None else pd.NaT,
            "action": entry["action"] if entry is not None else "",
            "user_name": entry["user_name"] if entry is not None else "",
            "file_name": entry["file_name"] if entry is not None else "",
            "message": entry["message"] if entry is not None else "",
            "is_current": sid == current,
        })
    return pd.DataFrame(rows, columns=["snapshot_id", "logged_at", "action", "user_name",
                                       "file_name", "message", "is_current"])


def snapshot_label(row, lang: str | None = None) -> str:
    """`0003 · 12-05-2026 10:14 · inladen GGU_2026.xlsx (huidig)`."""
    when = fmt.timestamp(row["logged_at"], lang=lang) if pd.notna(row["logged_at"]) else ""
    what = _label("hist.action", row["action"], lang)
    parts = [row["snapshot_id"], when, " ".join(x for x in (what, _text(row["file_name"])) if x)]
    label = " · ".join(p for p in parts if p)
    return label + (t("hist.current", lang=lang) if row["is_current"] else "")


# ---------------------------------------------------------------- comparison

def _tables_in(con, catalog: str) -> set[str]:
    return {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_catalog = $c",
        {"c": catalog}).fetchall()}


def table_changes(path_a, path_b) -> pd.DataFrame:
    """Per data table: rows in A and in B, rows added, removed and changed (by key) from A to B.
    A table without a key counts differing rows as added/removed."""
    rows = []
    with duckdb.connect() as con:
        attach(con, path_a, "a")
        attach(con, path_b, "b")
        in_a, in_b = _tables_in(con, "a"), _tables_in(con, "b")
        for tb in contract.tables():
            cols = ", ".join(f'"{c.name}"' for c in tb.columns)
            present = {"a": tb.name in in_a, "b": tb.name in in_b}
            if not any(present.values()):
                continue
            src = {alias: f"select {cols} from {alias}.{tb.name}" if present[alias] else
                   f"select {cols} from {other}.{tb.name} where false"
                   for alias, other in (("a", "b"), ("b", "a"))}
            key = ", ".join(tb.key) if tb.key else cols
            # (composed of the contract's table and column names, never of input)
            count = lambda sql: rows_of(con.sql(sql))  # noqa: E731
            n_a, n_b = count(src["a"]), count(src["b"])
            added = count(f"select {key} from ({src['b']}) except select {key} from ({src['a']})")
            removed = count(f"select {key} from ({src['a']}) except "
                            f"select {key} from ({src['b']})")
            changed = count(
                f"select {key} from ({src['b']} except {src['a']}) "
                f"intersect select {key} from ({src['a']})") if tb.key else 0
            rows.append({"table": tb.name, "sheet": tb.sheet, "rows_a": n_a, "rows_b": n_b,
                         "added": added, "removed": removed, "changed": changed})
    return pd.DataFrame(rows)


def totals_changes(path_a, path_b) -> pd.DataFrame:
    """Budget and spending per year in A and B and the difference (totals_by_year.sql)."""
    cols = ["year", "budget_eur", "spent_eur"]
    a = loader.run("totals_by_year", path_a)[cols]
    b = loader.run("totals_by_year", path_b)[cols]
    out = a.merge(b, on="year", how="outer", suffixes=("_a", "_b")).sort_values("year")
    for c in ("budget", "spent"):
        out[f"{c}_a_eur"] = out.pop(f"{c}_eur_a")
        out[f"{c}_b_eur"] = out.pop(f"{c}_eur_b")
        out[f"{c}_difference_eur"] = out[f"{c}_b_eur"].fillna(0) - out[f"{c}_a_eur"].fillna(0)
    return out.reset_index(drop=True)


def split_changes(path_a, path_b) -> pd.DataFrame:
    """Budget share per year and category in A and B (split_by_category_by_year.sql), and the
    shift in percentage points."""
    cols = ["year", "category", "budget_share_pct"]
    a = loader.run("split_by_category_by_year", path_a)[cols]
    b = loader.run("split_by_category_by_year", path_b)[cols]
    out = a.merge(b, on=["year", "category"], how="outer", suffixes=("_a", "_b"))
    out = out.rename(columns={"budget_share_pct_a": "share_a_pct",
                              "budget_share_pct_b": "share_b_pct"})
    out["share_shift_pp"] = out["share_b_pct"] - out["share_a_pct"]
    order = {c: i for i, c in enumerate(codes.CATEGORIES)}
    return out.sort_values(["year", "category"], key=lambda s: s.map(order) if s.name ==
                           "category" else s).reset_index(drop=True)


def compare(a: str, b: str, data_dir=None) -> dict:
    """What changed from snapshot A to snapshot B: rows per table, which rows (diff.row_changes:
    key, column, before and after; `rows_left_out` past its limit), and the totals and split
    of the years whose figures differ."""
    store = Store(data_dir)
    for sid in (a, b):
        if sid not in store.ids():
            raise DataError(t("hist.unknown", snapshot=sid))
    pa, pb = store.path(a), store.path(b)
    totals, split = totals_changes(pa, pb), split_changes(pa, pb)
    changed = set(totals.loc[(totals["budget_difference_eur"] != 0) |
                             (totals["spent_difference_eur"] != 0), "year"])
    changed |= set(split.loc[split["share_shift_pp"].abs().fillna(1) > 1e-9, "year"])
    rows, left_out = diff.row_changes(pa, pb)
    return {"tables": table_changes(pa, pb), "rows": rows, "rows_left_out": left_out,
            "totals": totals[totals["year"].isin(changed)].reset_index(drop=True),
            "split": split[split["year"].isin(changed)].reset_index(drop=True)}


# ---------------------------------------------------------------- rollback

def rollback(snapshot_id: str, data_dir=None, user: str | None = None) -> str:
    """Make the content of an earlier snapshot current again, as a new snapshot (logged)."""
    store = Store(data_dir)
    user = user or config.setting("user")
    if snapshot_id not in store.ids():
        raise DataError(t("hist.unknown", snapshot=snapshot_id))
    current = store.readable()   # a broken current: the log continues from the last good one
    if snapshot_id == store.current_id():
        raise DataError(t("hist.already_current", snapshot=snapshot_id))

    def fill(con) -> dict[str, int]:
        # the data is the target's (the copied base); the log continues from the current one
        attach(con, current.path, "cur_log")
        con.execute("delete from import_log")
        con.execute("insert into import_log by name select * from cur_log.import_log")
        return {tb.name: rows_of(con.table(tb.name)) for tb in contract.tables()}

    message = t("hist.rollback_message", lang="nl", snapshot=snapshot_id)
    new_id = store.write(fill, action="rollback", user=user, base=snapshot_id,
                         meta={"rollback_of": snapshot_id}, message=message)
    _log(store, "rollback", user, new_id, message)
    return new_id


def empty(data_dir=None, user: str | None = None) -> str:
    """Start from empty data, explicitly: a new snapshot with every data table empty and no
    demo mark (the earlier snapshots stay, for history and rollback)."""
    store = Store(data_dir)
    user = user or config.setting("user")
    if store.current_id() is None:
        raise DataError(t("hist.empty_nothing"))
    with duckdb.connect(str(store.readable().path), read_only=True,
                        config=READ_ONLY_CONFIG) as con:
        holds = [tb.name for tb in contract.tables()
                 if rows_of(con.table(tb.name))]
    if not holds:
        raise DataError(t("hist.empty_already"))

    def fill(con) -> dict[str, int]:
        for tb in contract.tables():
            con.execute(f"delete from {tb.name}")
        con.execute("delete from meta where key in "
                    "('demo_snapshot', 'loaded_json', 'as_of_date', 'rollback_of')")
        return {tb.name: 0 for tb in contract.tables()}

    message = t("hist.empty_message", lang="nl")
    new_id = store.write(fill, action="empty", user=user, message=message,
                         meta={"is_demo": "false", "source": "leeg", "content_sha256": ""})
    _log(store, "empty", user, new_id, message)
    return new_id


def _log(store: Store, action: str, user: str, snapshot_id: str, message: str) -> None:
    """A change that came from no file, in the attempts log beside the snapshots' own log."""
    store.log_attempt({"logged_at": dt.datetime.now().isoformat(),
                       "user_name": user, "action": action, "file_name": None,
                       "sha256": None, "snapshot_id": snapshot_id, "rows": {}, "result": "ok",
                       "problems": 0, "message": message})


def compare_totals(result: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Rows added, removed and changed over every table of a comparison."""
    tables = result["tables"]
    return {k: int(tables[k].sum()) if not tables.empty else 0
            for k in ("added", "removed", "changed")}
