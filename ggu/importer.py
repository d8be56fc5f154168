"""Loading real figures: an .xlsx in the template's form or a folder of CSV files.

The steps, each refusing the file with every problem at once (sheet, Excel row, column, value,
what was expected) before anything changes:
1. file safety, before parsing: size, magic bytes, encryption, truncation, zip bomb; formulas
   are read as their values and reported;
2. every sheet is loaded as text into a staging DuckDB file (`src_<table>`, with the Excel row);
3. one SQL query per rule returns the offending rows (types, dates, amounts, allowed values,
   keys, references, years, stated totals);
4. the typed rows (`ready_<table>`) are compared with the current snapshot: no change, no
   new snapshot;
5. `Store.write` builds the new snapshot in one transaction (rows replaced as documented in the
   README: per year for year tables, per key for master data) and moves the pointer.
Every attempt is logged (data/import_attempts.jsonl) and the raw file kept under data/raw/.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from ggu import config
from ggu import formatting as fmt
from ggu import template as tpl
from ggu.i18n import t
from ggu.snapshots import DataError, Store, attach

MAX_PER_RULE = 50            # rows listed per rule; the rest is counted
XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
PAUSE_ENV = "GGU_IMPORT_TEST_PAUSE"   # test hook: a file to create, then sleep inside the load

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


# ---------------------------------------------------------------- results

@dataclass
class Problem:
    """One problem in a file, with its place as the user sees it."""
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    fields: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return t(f"imp.err.{self.code}", lang=lang, **self.fields)

    def place(self, lang: str | None = None) -> str:
        parts = [self.sheet] if self.sheet else []
        if self.row:
            parts.append(t("imp.row", lang=lang, row=self.row))
        if self.column:
            parts.append(t("imp.column", lang=lang, column=self.column))
        return ", ".join(parts)

    def line(self, lang: str | None = None) -> str:
        value = t("imp.value", lang=lang, value=self.value) if self.value is not None else ""
        place = self.place(lang)
        return f"{place}: {self.message(lang)}{value}" if place else self.message(lang) + value


class Refused(Exception):
    """The file is refused; nothing changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Outcome:
    """What an import attempt did."""
    result: str                      # ok | ongewijzigd | geweigerd
    file_name: str
    sha256: str | None = None
    snapshot_id: str | None = None
    rows: dict[str, int] = field(default_factory=dict)       # rows in the file per table
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)  # (added, removed)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)           # formulas, encodings, absent sheets

    def problem_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The problems as a table: sheet, row, column, value, problem."""
        return pd.DataFrame({
            t("imp.col.sheet", lang=lang): [p.sheet or "" for p in self.problems],
            t("imp.col.row", lang=lang): [str(p.row) if p.row else "" for p in self.problems],
            t("imp.col.column", lang=lang): [p.column or "" for p in self.problems],
            t("imp.col.value", lang=lang): [p.value if p.value is not None else ""
                                            for p in self.problems],
            t("imp.col.problem", lang=lang): [p.message(lang) for p in self.problems],
        })

    def change_frame(self, lang: str | None = None) -> pd.DataFrame:
        """Per table in the file: rows in the file, rows added or changed, rows replaced."""
        names = list(self.rows)
        return pd.DataFrame({
            t("imp.col.sheet", lang=lang): [tpl.table(n).sheet for n in names],
            t("imp.col.rows", lang=lang): [self.rows[n] for n in names],
            t("imp.col.added", lang=lang): [self.changes.get(n, (0, 0))[0] for n in names],
            t("imp.col.removed", lang=lang): [self.changes.get(n, (0, 0))[1] for n in names],
        })

    def summary(self, lang: str | None = None) -> str:
        if self.result == "geweigerd":
            key = "imp.refused_one" if len(self.problems) == 1 else "imp.refused"
            return t(key, lang=lang, n=len(self.problems))
        if self.result == "ongewijzigd":
            return t("imp.unchanged", lang=lang)
        return t("imp.ok", lang=lang, snapshot=self.snapshot_id)

    def lines(self, lang: str | None = None) -> list[str]:
        """The outcome as text lines (the CLI prints these)."""
        out = [self.summary(lang)]
        out += [p.line(lang) for p in self.problems]
        if self.result != "geweigerd":
            out += [t("imp.change_line", lang=lang, sheet=tpl.table(n).sheet, rows=rows,
                      added=self.changes.get(n, (0, 0))[0],
                      removed=self.changes.get(n, (0, 0))[1])
                    for n, rows in self.rows.items()]
        out += self.notes
        return out


# ---------------------------------------------------------------- reading a file

@dataclass
class Sheet:
    name: str                 # as in the file
    headers: list[str | None]
    load: object              # callable(con, table_name) creating the text table (c0.. + _row)


@dataclass
class Source:
    kind: str                 # xlsx | csv
    sha256: str
    sheets: list[Sheet]
    notes: list[str]


def _limit_mb(key: str) -> float:
    return float(config.setting(key))


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _mb(n: int) -> str:
    return fmt.number(n / 1e6, digits=1)


def _cell_text(v) -> str | None:
    """A cell value as text; numbers in Dutch notation (a comma before the decimals)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return format(Decimal(repr(v)), "f").replace(".", ",")
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _frame_loader(headers: list, rows: list[list]):
    def load(con, name):
        width = len(headers)
        df = pd.DataFrame({f"c{i}": pd.Series([r[i] if i < len(r) else None for r in rows],
                                               dtype=object) for i in range(width)})
        df.insert(0, "_row", pd.Series([r[-1] for r in rows], dtype="int64"))
        for column in df.columns[1:]:
            df[column] = df[column].astype("string")
        con.register("sheet_frame", df)
        con.execute(f"create table {name} as select * from sheet_frame")
        con.unregister("sheet_frame")
    return load


def _check_zip(path: Path) -> zipfile.ZipFile:
    """Magic bytes, encryption, truncation and zip bomb, before anything is parsed."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE2_MAGIC):
        raise Refused([Problem("encrypted")])
    if not head.startswith(XLSX_MAGIC):
        raise Refused([Problem("not_xlsx")])
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise Refused([Problem("corrupt")]) from None
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > _limit_mb("import_max_unzipped_mb") * 1e6 or (
            ratio > float(config.setting("import_max_zip_ratio")) and total > 1e6):
        raise Refused([Problem("zip_bomb", fields={"size": _mb(total), "ratio": int(ratio)})])
    if "xl/workbook.xml" not in zf.namelist():
        raise Refused([Problem("not_xlsx")])
    return zf


_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")


def _formula_counts(zf: zipfile.ZipFile) -> dict[str, int]:
    """Formulas per worksheet part, counted in the XML as it streams (bounded memory)."""
    counts = {}
    for info in zf.infolist():
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
            continue
        n, tail = 0, b""
        with zf.open(info) as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                data = tail + chunk
                # a tag cut at the chunk's end starts at its last '<': count it next time
                cut = data.rfind(b"<", max(0, len(data) - 64))
                cut = len(data) if cut < 0 else cut
                n += len(_FORMULA_RE.findall(data, 0, cut))
                tail = data[cut:]
        n += len(_FORMULA_RE.findall(tail))
        counts[info.filename] = n
    return counts


def _read_xlsx(path: Path) -> Source:
    from openpyxl import load_workbook
    zf = _check_zip(path)
    try:
        formulas = _formula_counts(zf)
        wb = load_workbook(path, read_only=True, data_only=True)
    except Refused:
        raise
    except Exception:
        raise Refused([Problem("corrupt")]) from None
    finally:
        zf.close()
    notes, sheets = [], []
    try:
        parts = {ws.title: f"xl/worksheets/sheet{i + 1}.xml" for i, ws in enumerate(wb.worksheets)}
        for ws in wb.worksheets:
            if ws.title == tpl.EXPLAIN_SHEET:
                continue
            n = formulas.get(parts[ws.title], 0)
            if n:
                notes.append(t("imp.note.formulas", sheet=ws.title, n=n))
            headers, rows = None, []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                texts = [_cell_text(v) for v in values]
                if headers is None:
                    headers = texts
                    continue
                if any(x is not None and x.strip() for x in texts):
                    rows.append(texts + [number])
            headers = headers or []
            width = max([len(headers)] + [len(r) - 1 for r in rows])
            while width and headers[width - 1:width] in ([], [None]) and \
                    all(len(r) - 1 < width or r[width - 1] is None for r in rows):
                width -= 1       # trailing columns without a header and without data
            headers = (headers + [None] * width)[:width]
            rows = [(r[:-1] + [None] * width)[:width] + [r[-1]] for r in rows]
            sheets.append(Sheet(ws.title, headers, _frame_loader(headers, rows)))
    except Exception:
        raise Refused([Problem("corrupt")]) from None
    finally:
        wb.close()
    return Source("xlsx", _sha256_file(path), sheets, notes)


def _detect_encoding(path: Path) -> str:
    """utf-8-sig, utf-8 or cp1252, decoded strictly in chunks; Refused when none fits."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if b"\x00" in head:
        raise Refused([Problem("encoding", sheet=path.name, fields={"file": path.name})])
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    if b"\x00" in chunk:
                        raise UnicodeDecodeError(encoding, b"", 0, 1, "NUL")
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return encoding
    raise Refused([Problem("encoding", sheet=path.name, fields={"file": path.name})])


ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 met BOM", "cp1252": "Windows-1252"}


def _csv_sheet(path: Path, workdir: Path) -> tuple[Sheet, str]:
    encoding = _detect_encoding(path)
    source = path
    if encoding == "cp1252":   # DuckDB reads UTF-8: transcode, streaming
        source = workdir / (path.stem + ".utf8.csv")
        with open(path, encoding="cp1252", newline="") as src, \
                open(source, "w", encoding="utf-8", newline="") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    with open(source, encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    if not first.strip():
        raise Refused([Problem("csv_empty", sheet=path.name, fields={"file": path.name})])
    delim = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    headers = next(csv.reader(io.StringIO(first), delimiter=delim))
    headers = [h.strip() or None for h in headers]

    def load(con, name):
        columns = {f"c{i}": "VARCHAR" for i in range(len(headers))}
        con.execute("set threads = 1")   # keeps the file's order for the row numbers
        try:
            con.execute(
                f"create table {name} as select cast(row_number() over () as bigint) as _row, * "
                "from read_csv($path, delim = $delim, header = false, auto_detect = false, "
                "columns = $columns, quote = '\"', escape = '\"', strict_mode = true)",
                {"path": str(source), "delim": delim, "columns": columns})
        except duckdb.Error as error:
            detail = str(error).splitlines()[0][:200]
            raise Refused([Problem("csv_unreadable", sheet=path.name,
                                   fields={"file": path.name, "error": detail})]) from None
        finally:
            con.execute("reset threads")
        con.execute(f"delete from {name} where _row = 1")   # the header line

    note = t("imp.note.encoding", file=path.name, encoding=ENCODING_NAMES[encoding],
             delim=delim)
    return Sheet(path.stem, headers, load), note


def _read_csv_folder(path: Path, workdir: Path) -> Source:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise Refused([Problem("folder_empty")])
    digest = hashlib.sha256()
    sheets, notes = [], []
    for f in files:
        if f.stat().st_size == 0:
            raise Refused([Problem("empty", sheet=f.name)])
        digest.update(f"{f.name}\0{_sha256_file(f)}\n".encode())
        if f.stem == tpl.EXPLAIN_SHEET:
            continue
        sheet, note = _csv_sheet(f, workdir)
        sheets.append(sheet)
        notes.append(note)
    return Source("csv", digest.hexdigest(), sheets, notes)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


def read_source(path: Path, workdir: Path) -> Source:
    """Check the file's safety and return its sheets (not yet parsed into tables)."""
    if not path.exists():
        raise Refused([Problem("missing", fields={"name": path.name})])
    size = _size(path)
    limit = _limit_mb("import_max_mb")
    if size > limit * 1e6:
        raise Refused([Problem("too_big", fields={"size": _mb(size), "limit": fmt.number(limit)})])
    if path.is_dir():
        return _read_csv_folder(path, workdir)
    if size == 0:
        raise Refused([Problem("empty")])
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if path.suffix.lower() == ".csv":
        raise Refused([Problem("single_csv", fields={"name": path.name})])
    raise Refused([Problem("file_type", fields={"name": path.name})])


# ---------------------------------------------------------------- validation in SQL

def _norm(header) -> str:
    return re.sub(r"\s+", " ", str(header or "")).strip().lower()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _typed_expr(col: tpl.Column, src: str) -> str:
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


def _replaced(tb: tpl.Table, target: str, incoming: str) -> str:
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
    """Runs the rules on the staging database; collects the problems."""

    def __init__(self, con: duckdb.DuckDBPyConnection, problems: list[Problem]):
        self.con = con
        self.problems = problems

    def rule(self, sql: str, code: str, tb: tpl.Table, column: str | None,
             params: dict | None = None, fields=None) -> None:
        """`sql` returns (_row, value[, extra]) of the offending rows."""
        rows = self.con.execute(
            f"select *, count(*) over () as n_ from ({sql}) order by 1 limit {MAX_PER_RULE}",
            params or {}).fetchall()
        header = tb.column(column).header if column and column in {
            c.name for c in tb.columns} else column
        for row in rows:
            extra = fields(row) if callable(fields) else (fields or {})
            value = None if row[1] is None else str(row[1])[:80]
            self.problems.append(Problem(code, tb.sheet, row[0], header, value, extra))
        if rows and rows[0][-1] > MAX_PER_RULE:
            self.problems.append(Problem("more", tb.sheet, None, header, None,
                                         {"n": rows[0][-1] - MAX_PER_RULE}))

    def columns(self, tb: tpl.Table) -> None:
        src = f"src_{tb.name}"
        first, last = config.IMPORT_YEARS
        for col in tb.columns:
            c = _quote(col.name)
            typed = _typed_expr(col, c)
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
            if col.name == "inhabitants":
                self.rule(f"select _row, {c} from {src} where {typed} <= 0", "positive", tb,
                          col.name)
        if tb.name == "item":
            self.rule(f"select _row, end_year, start_year from {src} where "
                      f"{_typed_expr(tb.column('end_year'), 'end_year')} < "
                      f"{_typed_expr(tb.column('start_year'), 'start_year')}",
                      "end_before_start", tb, "end_year", fields=lambda r: {"start": r[2]})

    def keys(self, tb: tpl.Table) -> None:
        if not tb.key:
            return
        keys = ", ".join(tb.key)
        self.rule(
            f"select _row, concat_ws(' / ', {keys}), first_row from ("
            f"select _row, {keys}, min(_row) over (partition by {keys}) as first_row "
            f"from ready_{tb.name} where {' and '.join(f'{k} is not null' for k in tb.key)}) "
            f"where _row > first_row", "duplicate", tb, tb.key[-1],
            fields=lambda r: {"first": r[2], "keys": r[1]})

    def references(self, present: set[str]) -> None:
        for source, cols, target, target_cols in tpl.REFERENCES:
            if source not in present or target not in {tb.name for tb in tpl.tables()}:
                continue
            tb = tpl.table(source)
            match = " and ".join(f"a.{tc} = r.{c}" for c, tc in zip(cols, target_cols))
            not_null = " and ".join(f"r.{c} is not null" for c in cols)
            self.rule(
                f"select r._row, concat_ws(' / ', {', '.join('r.' + c for c in cols)}) "
                f"from ready_{source} as r where {not_null} and not exists "
                f"(select 1 from after_{target} as a where {match})",
                "reference", tb, cols[-1],
                fields={"what": tb.column(cols[-1]).header, "target": tpl.table(target).sheet})

    def totals(self) -> None:
        tb = tpl.Table("totals", tpl.TOTALS_SHEET, (), ())
        for code, expr in (("integer", "jaar"), ("number", "totaal")):
            self.rule(f"select _row, {expr} from src_totals where {expr} is not null and "
                      f"try_cast(ggu_num({expr}) as decimal(18, 2)) is null", code, tb,
                      tpl.TOTALS_HEADERS[0 if expr == "jaar" else 1])
        self.rule(
            "with stated as (select _row, try_cast(ggu_num(jaar) as integer) as year, "
            "totaal, try_cast(ggu_num(totaal) as decimal(18, 2)) as total from src_totals), "
            "sums as (select year, sum(budget_eur) as s from after_budget group by year) "
            "select st._row, st.totaal, st.year, coalesce(s.s, 0) from stated as st "
            "left join sums as s on st.year = s.year "
            "where st.total is not null and st.total <> coalesce(s.s, 0)",
            "total", tb, tpl.TOTALS_HEADERS[1],
            fields=lambda r: {"year": r[2], "sum": fmt.eur(r[3], digits=2)})


def _structure(source: Source, con) -> tuple[dict[str, tpl.Table], list[Problem], bool]:
    """Match sheets and headers to tables; load the text tables (`src_<table>`)."""
    known = tpl.by_sheet()
    problems, loaded, totals = [], {}, False
    names = ", ".join([tb.sheet for tb in tpl.tables()] + [tpl.TOTALS_SHEET])
    for sheet in source.sheets:
        key = _norm(sheet.name)
        if key == _norm(tpl.TOTALS_SHEET):
            expected = [_norm(h) for h in tpl.TOTALS_HEADERS]
            if [_norm(h) for h in sheet.headers] != expected:
                problems.append(Problem("totals_headers", sheet.name, 1, None, None,
                                        {"expected": ", ".join(tpl.TOTALS_HEADERS)}))
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
        select = ", ".join(f"nullif(trim(c{seen[c.name]}), '') as {_quote(c.name)}"
                           for c in tb.columns)
        con.execute(f"create table src_{tb.name} as select _row, {select} from raw_{tb.name}")
        con.execute(f"drop table raw_{tb.name}")
        loaded[tb.name] = tb
    if not loaded and not totals and not problems:
        problems.append(Problem("no_sheets", fields={"expected": names}))
    return loaded, problems, totals


def _after_views(con, loaded: dict[str, tpl.Table], has_current: bool) -> None:
    """after_<table>: what each table will hold after the import (for references, totals)."""
    for tb in tpl.tables():
        cols = ", ".join(_quote(c.name) for c in tb.columns)
        parts = []
        if tb.name in loaded:
            parts.append(f"select {cols} from ready_{tb.name}")
        if has_current and _has_table(con, "cur", tb.name):
            keep = f"not ({_replaced(tb, 'c', f'ready_{tb.name}')})" if tb.name in loaded \
                else "true"
            parts.append(f"select {cols} from cur.{tb.name} as c where {keep}")
        if not parts:
            parts.append(f"select {cols} from main.empty_{tb.name}")
            con.execute(f"create table empty_{tb.name} as select * from (values "
                        f"({', '.join('null' for _ in tb.columns)})) as v({cols}) limit 0")
        con.execute(f"create view after_{tb.name} as {' union all '.join(parts)}")


def _has_table(con, catalog: str, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_catalog = $c "
        "and table_name = $t", {"c": catalog, "t": name}).fetchone()[0])


def _changes(con, loaded: dict[str, tpl.Table], has_current: bool) -> dict[str, tuple[int, int]]:
    """Per table: rows added (not already there) and rows replaced (not in the file)."""
    out = {}
    for name, tb in loaded.items():
        cols = ", ".join(_quote(c.name) for c in tb.columns)
        new = f"select {cols} from ready_{name}"
        if has_current and _has_table(con, "cur", name):
            old = f"select {cols} from cur.{name} as c where {_replaced(tb, 'c', f'ready_{name}')}"
        else:
            old = f"select {cols} from ready_{name} where false"
        added = con.execute(f"select count(*) from ({new} except all {old})").fetchone()[0]
        removed = con.execute(f"select count(*) from ({old} except all {new})").fetchone()[0]
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
            typed = ", ".join(f"{_typed_expr(c, _quote(c.name))}::{c.type} as {_quote(c.name)}"
                              for c in tb.columns)
            con.execute(f"create table ready_{name} as select _row, {typed} from src_{name}")
            checker.keys(tb)
        _after_views(con, loaded, current is not None)
        checker.references(set(loaded))
        budget_sheet = tpl.table("budget").sheet
        if has_totals and not any(p.sheet == budget_sheet for p in checker.problems):
            checker.totals()   # (a total cannot be checked against unreadable lines)
        order = {tb.sheet: i for i, tb in enumerate(tpl.tables())}
        checker.problems.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
        rows = {name: con.execute(f"select count(*) from ready_{name}").fetchone()[0]
                for name in loaded}
        changes = {} if checker.problems else _changes(con, loaded, current is not None)
        con.execute("checkpoint")
        return loaded, checker.problems, rows, changes
    finally:
        con.close()


# ---------------------------------------------------------------- applying

def _filler(loaded: dict[str, tpl.Table], staging: Path):
    def fill(con) -> dict[str, int]:
        attach(con, staging, "stg")
        pause = os.environ.get(PAUSE_ENV)
        rows = {}
        for name, tb in loaded.items():
            cols = ", ".join(_quote(c.name) for c in tb.columns)
            con.execute(f"delete from main.{name} as t where "
                        f"{_replaced(tb, 't', f'stg.ready_{name}')}")
            con.execute(f"insert into main.{name} ({cols}) select {cols} from stg.ready_{name}")
            rows[name] = con.execute(f"select count(*) from stg.ready_{name}").fetchone()[0]
            if pause:   # test hook: the kill -9 test kills the process here, mid-load
                Path(pause).write_text(name)
                time.sleep(600)
        return rows
    return fill


def _keep_raw(store: Store, path: Path, sha: str) -> None:
    """Keep the raw file (a folder as a zip) under its hash in data/raw/."""
    raw = store.root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    target = raw / (f"{sha}.xlsx" if path.is_file() else f"{sha}.zip")
    if target.exists():
        return
    tmp = raw / f".{sha}.{os.getpid()}.tmp"
    if path.is_file():
        shutil.copyfile(path, tmp)
    else:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(path.iterdir()):
                if f.is_file() and f.suffix.lower() == ".csv":
                    zf.write(f, f.name)
    os.replace(tmp, target)


def import_path(path: str | os.PathLike, data_dir=None, user: str | None = None,
                file_name: str | None = None, as_of: str | None = None) -> Outcome:
    """Import an .xlsx or a folder of CSV files: all or nothing. Never raises for a bad file:
    the Outcome says what happened; every attempt is logged."""
    path = Path(path)
    store = Store(data_dir)
    user = user or config.setting("user")
    outcome = Outcome("geweigerd", file_name or path.name)
    with tempfile.TemporaryDirectory(prefix="ggu-import-") as work:
        work = Path(work)
        try:
            source = read_source(path, work)
            outcome.sha256 = source.sha256
            outcome.notes = source.notes
            current = store.readable().path if store.current_id() else None
            staging = work / "staging.duckdb"
            loaded, problems, rows, changes = validate(source, staging, current)
            outcome.rows = rows
            if problems:
                raise Refused(problems)
            absent = [tb.sheet for tb in tpl.tables() if tb.name not in loaded]
            if absent:
                outcome.notes.append(t("imp.note.absent", sheets=", ".join(absent)))
            outcome.changes = changes
            _keep_raw(store, path, source.sha256)
            if current is not None and not any(a or r for a, r in changes.values()):
                outcome.result = "ongewijzigd"
            else:
                outcome.snapshot_id = store.write(
                    _filler(loaded, staging), action="import", user=user,
                    meta=_import_meta(staging, loaded, as_of), file_name=outcome.file_name,
                    sha256=source.sha256, message=t("imp.log_message", lang="nl",
                                                    name=outcome.file_name))
                outcome.result = "ok"
        except Refused as refused:
            outcome.result = "geweigerd"
            outcome.problems = refused.problems
        except DataError as error:   # a full disk, a read-only folder, no readable snapshot
            outcome.result = "geweigerd"
            outcome.problems = [Problem("internal", fields={"error": str(error)})]
        except (duckdb.Error, OSError, ValueError) as error:   # not foreseen: still no traceback
            storage = store.storage_error(error) if isinstance(error, OSError) else None
            outcome.result = "geweigerd"
            outcome.problems = [Problem("internal", fields={
                "error": str(storage) if storage else
                f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"})]
    try:
        _log_attempt(store, outcome, user)
    except OSError:   # a full disk or read-only folder: say so rather than fail
        outcome.notes.append(t("sec.log_failed"))
    return outcome


def _import_meta(staging: Path, loaded, as_of: str | None) -> dict[str, str]:
    """Meta of an imported snapshot: real data; figures up to the stated or last booking date."""
    meta = {"is_demo": "false", "source": "import", "content_sha256": ""}
    if as_of:
        meta["as_of_date"] = as_of
    elif "spend" in loaded:
        with duckdb.connect(str(staging), read_only=True) as con:
            last = con.execute("select max(booking_date) from ready_spend").fetchone()[0]
        if last:
            meta["as_of_date"] = last.isoformat()
    return meta


def _log_attempt(store: Store, outcome: Outcome, user: str) -> None:
    store.log_attempt({
        "logged_at": dt.datetime.now().isoformat(),
        "user_name": user,
        "action": "import",
        "file_name": outcome.file_name,
        "sha256": outcome.sha256,
        "snapshot_id": outcome.snapshot_id,
        "rows": outcome.rows,
        "result": outcome.result,
        "problems": len(outcome.problems),
        "message": outcome.problems[0].line("nl") if outcome.problems else outcome.summary("nl"),
    })


def import_bytes(data: bytes, name: str, data_dir=None, user: str | None = None) -> Outcome:
    """Import an uploaded file (bytes and its name), e.g. from the Beheer page."""
    safe = Path(name).name or "upload"
    limit = _limit_mb("import_max_mb")
    if len(data) > limit * 1e6:
        outcome = Outcome("geweigerd", safe, problems=[Problem(
            "too_big", fields={"size": _mb(len(data)), "limit": fmt.number(limit)})])
        _log_attempt(Store(data_dir), outcome, user or config.setting("user"))
        return outcome
    with tempfile.TemporaryDirectory(prefix="ggu-upload-") as work:
        path = Path(work) / safe
        path.write_bytes(data)
        return import_path(path, data_dir, user=user, file_name=safe)
