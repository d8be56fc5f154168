"""Reading a file safely: an .xlsx in the template's form or a folder of CSV files, checked
before anything is parsed (size, magic bytes, encryption, truncation, zip bomb, external
links); cells with formulas and merged cells refused with their place. Each sheet becomes a
loader of a text table for the rules."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ggu import config
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.ingest import contract
from ggu.ingest.outcome import Problem, Refused

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Sheet:
    name: str                 # as in the file
    headers: list[str | None]
    load: Callable[[Any, str], None]   # (con, table_name): creates the text table (c0.. + _row)


@dataclass
class Source:
    kind: str                 # xlsx | csv
    sha256: str
    sheets: list[Sheet]
    notes: list[str]


def limit_mb(key: str) -> float:
    return float(config.setting(key))


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def mb(n: int) -> str:
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
    if total > limit_mb("import_max_unzipped_mb") * 1e6 or (
            ratio > float(config.setting("import_max_zip_ratio")) and total > 1e6):
        raise Refused([Problem("zip_bomb", fields={"size": mb(total), "ratio": int(ratio)})])
    if "xl/workbook.xml" not in zf.namelist():
        raise Refused([Problem("not_xlsx")])
    return zf


# A cell with a formula (<c r="B5" ...><f>...) and a merged range (<mergeCell ref="A2:A3"/>),
# found in a worksheet's XML as it streams (bounded memory).
_FORMULA_CELL_RE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:\w+:)?f[\s>/]')
_MERGED_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::[A-Z]{1,3}\d+)?"')
_OVERLAP = 4096     # bytes carried to the next chunk: a tag cut at a chunk's end is read whole
MAX_LISTED = 20     # formula cells and merged ranges listed per sheet; the rest counted


@dataclass
class _Scan:
    formulas: list      # (column letters, row) of the first MAX_LISTED formula cells
    n_formulas: int
    merged: list        # (column letters, row) of the first cell of each merged range


def _scan_sheets(zf: zipfile.ZipFile) -> dict[str, _Scan]:
    """Per worksheet part: its formula cells and merged ranges."""
    scans = {}
    for info in zf.infolist():
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
            continue
        scan, tail = _Scan([], 0, []), b""
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                data = tail + chunk
                cut = len(data) if not chunk else max(0, len(data) - _OVERLAP)
                for m in _FORMULA_CELL_RE.finditer(data):
                    if m.start() < cut:
                        scan.n_formulas += 1
                        if len(scan.formulas) < MAX_LISTED:
                            scan.formulas.append((m.group(1).decode(), int(m.group(2))))
                for m in _MERGED_RE.finditer(data):
                    if m.start() < cut and len(scan.merged) < MAX_LISTED:
                        scan.merged.append((m.group(1).decode(), int(m.group(2))))
                if not chunk:
                    break
                tail = data[cut:]
        scans[info.filename] = scan
    return scans


def _column_name(headers: list, letters: str) -> str:
    """The header of a column given by its letters (B), else the letters themselves."""
    from openpyxl.utils import column_index_from_string
    i = column_index_from_string(letters) - 1
    return headers[i] if i < len(headers) and headers[i] else letters


def _refusals(title: str, headers: list, scan: _Scan | None) -> list[Problem]:
    """Formulas and merged cells in a data sheet, each with its place: both are refused (a
    formula's value is not data, a merged cell leaves the cells it covers empty)."""
    if scan is None:
        return []
    problems = [Problem("formula", title, row, _column_name(headers, col))
                for col, row in scan.formulas]
    if scan.n_formulas > len(scan.formulas):
        problems.append(Problem("more", title, fields={"n": scan.n_formulas - len(scan.formulas)}))
    problems += [Problem("merged", title, row, _column_name(headers, col))
                 for col, row in scan.merged]
    return problems


def _read_xlsx(path: Path) -> Source:
    from openpyxl import load_workbook
    zf = _check_zip(path)
    try:
        links = [n for n in zf.namelist() if n.startswith("xl/externalLinks/")
                 and n.endswith(".xml")]
        if links:
            raise Refused([Problem("external_link", fields={"n": len(links)})])
        scans = _scan_sheets(zf)
        wb = load_workbook(path, read_only=True, data_only=True)
    except Refused:
        raise
    except Exception:
        raise Refused([Problem("corrupt")]) from None
    finally:
        zf.close()
    notes: list[str] = []
    sheets, refused = [], []
    try:
        parts = {ws.title: f"xl/worksheets/sheet{i + 1}.xml" for i, ws in enumerate(wb.worksheets)}
        for ws in wb.worksheets:
            if ws.title == contract.EXPLAIN_SHEET:
                continue
            headers, rows = None, []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                texts = [_cell_text(v) for v in values]
                if headers is None:
                    headers = texts
                    continue
                if any(x is not None and x.strip() for x in texts):
                    rows.append(texts + [number])
            headers = headers or []
            refused += _refusals(ws.title, headers, scans.get(parts[ws.title]))
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
    if refused:
        raise Refused(refused)
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
    headers: list[str | None] = [
        h.strip() or None for h in next(csv.reader(io.StringIO(first), delimiter=delim))]

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
        if f.stem == contract.EXPLAIN_SHEET:
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
    limit = limit_mb("import_max_mb")
    if size > limit * 1e6:
        raise Refused([Problem("too_big", fields={"size": mb(size), "limit": fmt.number(limit)})])
    if path.is_dir():
        return _read_csv_folder(path, workdir)
    if size == 0:
        raise Refused([Problem("empty")])
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if path.suffix.lower() == ".csv":
        raise Refused([Problem("single_csv", fields={"name": path.name})])
    raise Refused([Problem("file_type", fields={"name": path.name})])
