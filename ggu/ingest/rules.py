"""Validation in SQL: every sheet is loaded as text into a staging DuckDB file (`src_<table>`,
with the Excel row), and every rule is one query returning the offending rows (types, dates,
amounts, allowed values, keys, references, years, stated totals); the rules of one step run
together as one query. The typed rows are left in `ready_<table>`, with what the import would
add and replace."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb

from ggu import config
from ggu.i18n import formats as fmt
from ggu.ingest import contract
from ggu.ingest.outcome import Problem
from ggu.ingest.read import Source
from ggu.store.result import scalar
from ggu.store.snapshots import attach

MAX_PER_RULE = 50            # rows listed per rule; the rest is counted
EXCEL_MAX_TEXT = 32_767      # characters an Excel cell holds
# The control characters an Excel cell (XML 1.0) cannot hold; tab, line feed and carriage
# return it can.
CONTROL_CHARS = "[\x01-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]"

MACROS = r"""
create or replace macro ggu_clean(v) as
    replace(replace(replace(replace(v, '€', ''), ' ', ''), chr(160), ''), chr(8239), '');
create or replace macro ggu_num(v) as case
    when regexp_full_match(ggu_clean(v), '[-+]?\d{1,3}(\.\d{3})+(,\d+)?|[-+]?\d+,\d+')
        then replace(replace(ggu_clean(v), '.', ''), ',', '.')
    when regexp_full_match(ggu_clean(v), '[-+]?\d+(\.\d+)?') then ggu_clean(v)
end;
create or replace macro ggu_bool(v) as case
    when lower(v) in ('ja', 'waar', 'true', 'yes', '1') then true
    when lower(v) in ('nee', 'onwaar', 'false', 'no', '0') then false
end;
create or replace macro ggu_date(v) as cast(coalesce(
    try_strptime(v, '%Y-%m-%d'), try_strptime(v, '%d-%m-%Y'), try_strptime(v, '%d/%m/%Y'),
    try_strptime(v, '%Y-%m-%d %H:%M:%S')) as date);
"""


def _norm(header) -> str:
    return re.sub(r"\s+", " ", str(header or "")).strip().lower()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _typed_expr(col: contract.Column, src: str) -> str:
    """The typed value of a text column (null where it does not parse)."""
    if col.kind == "integer":
        return f"try_cast(ggu_num({src}) as {col.type})"
    if col.kind in ("decimal", "double"):
        return f"try_cast(ggu_num({src}) as {col.type})"
    if col.kind == "date":
        return f"ggu_date({src})"
    if col.kind == "boolean":
        return f"ggu_bool({src})"
    if col.allowed:
        return f"lower({src})"
    return src


def replaced(tb: contract.Table, target: str, incoming: str) -> str:
    """SQL predicate: the rows of `target` that the rows in `incoming` replace."""
    by_year = tb.replace_by_year
    if by_year:
        expr = "year({})" if tb.column(by_year).kind == "date" else "{}"
        return (f"{expr.format(target + '.' + by_year)} in "
                f"(select distinct {expr.format(by_year)} from {incoming})")
    if tb.key:
        match = " and ".join(f"i.{k} = {target}.{k}" for k in tb.key)
        return f"exists (select 1 from {incoming} as i where {match})"
    return "true"


class _Checker:
    """Runs the rules on the staging database; collects the problems. `rule` adds a rule,
    `flush` runs those added as one query (a step: a sheet's columns, its keys, ...)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, problems: list[Problem]):
        self.con = con
        self.problems = problems
        self.pending: list[tuple] = []

    def rule(self, sql: str, code: str, tb: contract.Table, column: str | None,
             params: dict | None = None, fields=None) -> None:
        """`sql` returns (_row, value[, extra]) of the offending rows (run at the next flush)."""
        self.pending.append((sql, code, tb, column, params or {}, fields))

    def flush(self) -> None:
        """Run the rules added since the last flush, in one query: per rule its first
        MAX_PER_RULE offending rows by row number (each row as a JSON array), and how many."""
        if not self.pending:
            return
        parts, values = [], {}
        for n, (sql, _, _, _, params, _) in enumerate(self.pending):
            for name, value in params.items():   # each rule's parameters under its own name
                sql = re.sub(rf"\${name}\b", f"${name}_{n}", sql)
                values[f"{name}_{n}"] = value
            parts.append(f"select {n} as rule_, * from (select count(*) over () as n_, "
                         f"json_array(*columns(*)) as row_ from ({sql}) as t (row_nr_) "
                         f"order by row_nr_ limit {MAX_PER_RULE})")
        found: dict[int, list] = {}
        for n, count, row in self.con.execute(" union all ".join(parts), values).fetchall():
            found.setdefault(n, []).append((json.loads(row, parse_float=Decimal), count))
        for n, (_, code, tb, column, _, fields) in enumerate(self.pending):
            self._note(code, tb, column, fields, found.get(n, []))
        self.pending = []

    def _note(self, code, tb, column, fields, rows) -> None:
        header = tb.column(column).header if column and column in {
            c.name for c in tb.columns} else column
        for row, _ in sorted(rows, key=lambda r: r[0][0]):
            extra = fields(row) if callable(fields) else (fields or {})
            value = None if row[1] is None else str(row[1])[:80]
            self.problems.append(Problem(code, tb.sheet, row[0], header, value, extra))
        if rows and rows[0][1] > MAX_PER_RULE:
            self.problems.append(Problem("more", tb.sheet, None, header, None,
                                         {"n": rows[0][1] - MAX_PER_RULE}))

    def columns(self, tb: contract.Table) -> None:
        src = f"src_{tb.name}"
        first, last = config.IMPORT_YEARS
        for col in tb.columns:
            c = quote(col.name)
            typed = _typed_expr(col, c)
            # What an Excel cell cannot hold is refused, from a workbook and a CSV folder alike,
            # so that an export gives back every character (docs/import.md).
            self.rule(f"select _row, left({c}, 40) || '…', length({c}) from {src} "
                      f"where length({c}) > {EXCEL_MAX_TEXT}", "text_too_long", tb, col.name,
                      fields=lambda r: {"length": fmt.number(r[2]),
                                        "max": fmt.number(EXCEL_MAX_TEXT)})
            self.rule(f"select _row, null, ord(regexp_extract({c}, $control)) from {src} "
                      f"where regexp_matches({c}, $control)", "control_char", tb, col.name,
                      {"control": CONTROL_CHARS}, fields=lambda r: {"code": r[2]})
            if col.required:
                self.rule(f"select _row, null from {src} where {c} is null", "required", tb,
                          col.name)
            if col.kind == "integer":
                self.rule(f"select _row, {c} from {src} where {c} is not null and "
                          f"(ggu_num({c}) is null or not regexp_full_match(ggu_num({c}), "
                          r"'[-+]?\d+'))", "integer", tb, col.name)
                self.rule(f"select _row, {c} from {src} where regexp_full_match(ggu_num({c}), "
                          rf"'[-+]?\d+') and {typed} is null", "too_large", tb, col.name)
            elif col.kind in ("decimal", "double"):
                self.rule(f"select _row, {c} from {src} where {c} is not null and "
                          f"ggu_num({c}) is null", "number", tb, col.name)
                if col.kind == "decimal":
                    self.rule(f"select _row, {c} from {src} where "
                              rf"length(regexp_extract(ggu_num({c}), '\.(\d*)$', 1)) > "
                              f"{col.scale}", "decimals", tb, col.name,
                              fields={"scale": col.scale})
                    self.rule(f"select _row, {c} from {src} where ggu_num({c}) is not null and "
                              rf"length(regexp_extract(ggu_num({c}), '\.(\d*)$', 1)) <= "
                              f"{col.scale} and {typed} is null", "too_large", tb, col.name)
            elif col.kind == "date":
                self.rule(f"select _row, {c} from {src} where {c} is not null and "
                          f"{typed} is null", "date", tb, col.name)
                self.rule(f"select _row, {c} from {src} where year({typed}) not between "
                          f"{first} and {last}", "year_range", tb, col.name,
                          fields={"first": first, "last": last})
            elif col.kind == "boolean":
                self.rule(f"select _row, {c} from {src} where {c} is not null and "
                          f"{typed} is null", "boolean", tb, col.name)
            if col.is_year:
                self.rule(f"select _row, {c} from {src} where {typed} not between "
                          f"{first} and {last}", "year_range", tb, col.name,
                          fields={"first": first, "last": last})
            if col.allowed:
                self.rule(f"select _row, {c} from {src} where {c} is not null and "
                          f"not list_contains($allowed, lower({c}))", "allowed", tb, col.name,
                          {"allowed": list(col.allowed)},
                          fields={"expected": ", ".join(col.allowed)})
            if col.name in contract.IDENTIFIERS:
                code = "cbs_code" if col.name == "cbs_code" else "identifier"
                self.rule(f"select _row, {c} from {src} where {c} is not null and (not "
                          f"regexp_full_match({c}, '{contract.IDENTIFIERS[col.name]}') or "
                          f"contains({c}, '..'))", code, tb, col.name)
            if col.name == "inhabitants":
                self.rule(f"select _row, {c} from {src} where {typed} <= 0", "positive", tb,
                          col.name)
        if tb.name == "item":
            self.rule(f"select _row, end_year, start_year from {src} where "
                      f"{_typed_expr(tb.column('end_year'), 'end_year')} < "
                      f"{_typed_expr(tb.column('start_year'), 'start_year')}",
                      "end_before_start", tb, "end_year", fields=lambda r: {"start": r[2]})
        if tb.name == "item_use":
            self.rule(f"select _row, to_year, from_year from {src} where "
                      f"{_typed_expr(tb.column('to_year'), 'to_year')} < "
                      f"{_typed_expr(tb.column('from_year'), 'from_year')}",
                      "to_before_from", tb, "to_year", fields=lambda r: {"start": r[2]})

    def keys(self, tb: contract.Table) -> None:
        if not tb.key:
            return
        keys = ", ".join(tb.key)
        self.rule(
            f"select _row, concat_ws(' / ', {keys}), first_row from ("
            f"select _row, {keys}, min(_row) over (partition by {keys}) as first_row "
            f"from ready_{tb.name} where {' and '.join(f'{k} is not null' for k in tb.key)}) "
            f"where _row > first_row", "duplicate", tb, tb.key[-1],
            fields=lambda r: {"first": r[2], "keys": r[1]})

    def same_per_proposal(self, tb: contract.Table) -> None:
        """A proposal's name, category, theme, goal and funding source are the same on each of
        its rows (one row per year)."""
        for col in ("name", "category", "theme", "goal_id", "funding_source"):
            self.rule(
                f"select _row, {col}, first_row, first_value from (select _row, {col}, "
                f"first_value(_row) over w as first_row, first_value({col}) over w as "
                f"first_value from ready_{tb.name} window w as (partition by proposal_id "
                f"order by _row)) where {col} is distinct from first_value",
                "proposal_differs", tb, col,
                fields=lambda r: {"first": r[2], "value": r[3]})

    def references(self, present: set[str]) -> None:
        for source, cols, target, target_cols in contract.REFERENCES:
            if source not in present or target not in {tb.name for tb in contract.tables()}:
                continue
            tb = contract.table(source)
            match = " and ".join(f"a.{tc} = r.{c}" for c, tc in zip(cols, target_cols))
            not_null = " and ".join(f"r.{c} is not null" for c in cols)
            self.rule(
                f"select r._row, concat_ws(' / ', {', '.join('r.' + c for c in cols)}) "
                f"from ready_{source} as r where {not_null} and not exists "
                f"(select 1 from after_{target} as a where {match})",
                "reference", tb, cols[-1],
                fields={"what": tb.column(cols[-1]).header, "target": contract.table(target).sheet})

    def totals(self) -> None:
        tb = contract.Table("totals", (), (), contract.TOTALS_SHEET)
        for code, expr in (("integer", "jaar"), ("number", "totaal")):
            self.rule(f"select _row, {expr} from src_totals where {expr} is not null and "
                      f"try_cast(ggu_num({expr}) as decimal(18, 2)) is null", code, tb,
                      contract.TOTALS_HEADERS[0 if expr == "jaar" else 1])
        self.rule(
            "with stated as (select _row, try_cast(ggu_num(jaar) as integer) as year, "
            "totaal, try_cast(ggu_num(totaal) as decimal(18, 2)) as total from src_totals), "
            "sums as (select year, sum(budget_eur) as s from after_budget group by year) "
            "select st._row, st.totaal, st.year, coalesce(s.s, 0) from stated as st "
            "left join sums as s on st.year = s.year "
            "where st.total is not null and st.total <> coalesce(s.s, 0)",
            "total", tb, contract.TOTALS_HEADERS[1],
            fields=lambda r: {"year": r[2], "sum": fmt.eur(r[3], digits=2)})


def _trimmed(col: contract.Column, src: str) -> str:
    """A cell without the spaces at its ends. A free text keeps every other character as
    written (DuckDB's trim() alone also drops a non-breaking space, which the export then
    could not give back); a code, an id, a number or a date loses any blank at its ends."""
    free_text = col.kind == "text" and not col.allowed and col.name not in contract.IDENTIFIERS
    return f"trim({src}, ' ')" if free_text else f"trim({src})"


def _structure(source: Source, con) -> tuple[dict[str, contract.Table], list[Problem], bool]:
    """Match sheets and headers to tables; load the text tables (`src_<table>`)."""
    known = contract.by_sheet()
    problems, loaded, totals = [], {}, False
    names = ", ".join([tb.sheet for tb in contract.tables()] + [contract.TOTALS_SHEET])
    for sheet in source.sheets:
        key = _norm(sheet.name)
        if key == _norm(contract.TOTALS_SHEET):
            expected = [_norm(h) for h in contract.TOTALS_HEADERS]
            if [_norm(h) for h in sheet.headers] != expected:
                problems.append(Problem("totals_headers", sheet.name, 1, None, None,
                                        {"expected": ", ".join(contract.TOTALS_HEADERS)}))
                continue
            sheet.load(con, "raw_totals")
            con.execute("create table src_totals as select _row, nullif(trim(c0), '') as jaar, "
                        "nullif(trim(c1), '') as totaal from raw_totals")
            totals = True
            continue
        tb = known.get(key)
        if tb is None:
            problems.append(Problem("sheet_unknown", sheet.name, None, None, sheet.name,
                                    {"expected": names}))
            continue
        by_header = {_norm(c.header): c for c in tb.columns}
        seen: dict[str, int] = {}
        ok = True
        for i, header in enumerate(sheet.headers):
            col = by_header.get(_norm(header))
            if header is None:
                problems.append(Problem("column_empty", tb.sheet, 1, None, None,
                                        {"n": i + 1}))
                ok = False
            elif col is None:
                problems.append(Problem("column_unknown", tb.sheet, 1, None, header,
                                        {"expected": ", ".join(c.header for c in tb.columns)}))
            elif col.name in seen:
                problems.append(Problem("column_double", tb.sheet, 1, col.header, header))
                ok = False
            else:
                seen[col.name] = i
        for col in tb.columns:
            if col.name not in seen:
                problems.append(Problem("column_missing", tb.sheet, 1, col.header, None,
                                        {"column": col.header}))
                ok = False
        if tb.name in loaded:
            problems.append(Problem("sheet_double", tb.sheet, None, None, sheet.name))
            ok = False
        if not ok:
            continue
        sheet.load(con, f"raw_{tb.name}")
        select = ", ".join(f"nullif({_trimmed(c, f'c{seen[c.name]}')}, '') as {quote(c.name)}"
                           for c in tb.columns)
        con.execute(f"create table src_{tb.name} as select _row, {select} from raw_{tb.name}")
        con.execute(f"drop table raw_{tb.name}")
        loaded[tb.name] = tb
    if not loaded and not totals and not problems:
        problems.append(Problem("no_sheets", fields={"expected": names}))
    return loaded, problems, totals


def _after_views(con, loaded: dict[str, contract.Table], has_current: bool) -> None:
    """after_<table>: what each table will hold after the import (for references, totals)."""
    for tb in contract.tables():
        cols = ", ".join(quote(c.name) for c in tb.columns)
        parts = []
        if tb.name in loaded:
            parts.append(f"select {cols} from ready_{tb.name}")
        if has_current and _has_table(con, "cur", tb.name):
            keep = f"not ({replaced(tb, 'c', f'ready_{tb.name}')})" if tb.name in loaded \
                else "true"
            parts.append(f"select {cols} from cur.{tb.name} as c where {keep}")
        if not parts:
            parts.append(f"select {cols} from main.empty_{tb.name}")
            con.execute(f"create table empty_{tb.name} as select * from (values "
                        f"({', '.join('null' for _ in tb.columns)})) as v({cols}) limit 0")
        con.execute(f"create view after_{tb.name} as {' union all '.join(parts)}")


def _has_table(con, catalog: str, name: str) -> bool:
    return bool(scalar(con.execute(
        "select count(*) from information_schema.tables where table_catalog = $c "
        "and table_name = $t", {"c": catalog, "t": name})))


def _changes(con, loaded: dict[str, contract.Table],
             has_current: bool) -> dict[str, tuple[int, int]]:
    """Per table: rows added (not already there) and rows replaced (not in the file)."""
    out = {}
    for name, tb in loaded.items():
        cols = ", ".join(quote(c.name) for c in tb.columns)
        new = f"select {cols} from ready_{name}"
        if has_current and _has_table(con, "cur", name):
            old = f"select {cols} from cur.{name} as c where {replaced(tb, 'c', f'ready_{name}')}"
        else:
            old = f"select {cols} from ready_{name} where false"
        added = scalar(con.execute(f"select count(*) from ({new} except all {old})"))
        removed = scalar(con.execute(f"select count(*) from ({old} except all {new})"))
        out[name] = (int(added), int(removed))
    return out


def validate(source: Source, staging: Path, current: Path | None):
    """Load and check `source` into the staging database file; return (loaded, problems,
    rows, changes). The typed rows are left in tables ready_<table>."""
    con = duckdb.connect(str(staging))
    try:
        con.execute("set enable_progress_bar = false")
        con.execute(MACROS)
        if current is not None:
            attach(con, current, "cur")
        loaded, problems, has_totals = _structure(source, con)
        checker = _Checker(con, problems)
        for name, tb in loaded.items():
            checker.columns(tb)
            checker.flush()
            typed = ", ".join(f"{_typed_expr(c, quote(c.name))}::{c.type} as {quote(c.name)}"
                              for c in tb.columns)
            con.execute(f"create table ready_{name} as select _row, {typed} from src_{name}")
            checker.keys(tb)
            if name == "proposal":
                checker.same_per_proposal(tb)
            checker.flush()
        _after_views(con, loaded, current is not None)
        checker.references(set(loaded))
        checker.flush()
        budget_sheet = contract.table("budget").sheet
        if has_totals and not any(p.sheet == budget_sheet for p in checker.problems):
            checker.totals()   # (a total cannot be checked against unreadable lines)
            checker.flush()
        order = {tb.sheet: i for i, tb in enumerate(contract.tables())}
        checker.problems.sort(key=lambda p: (order.get(p.sheet or "", len(order)), p.row or 0))
        rows = {name: scalar(con.execute(f"select count(*) from ready_{name}"))
                for name in loaded}
        changes = {} if checker.problems else _changes(con, loaded, current is not None)
        con.execute("checkpoint")
        return loaded, checker.problems, rows, changes
    finally:
        con.close()
