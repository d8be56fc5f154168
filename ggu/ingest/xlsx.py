"""Reading a workbook fast: the cells' values with python-calamine (Rust), what calamine does not
tell with one streaming pass over each worksheet's XML (formula cells, merged ranges, error
cells), the workbook's sheets and their parts from xl/workbook.xml and its relationships.

The values are the ones openpyxl gave (tests/test_import_reader.py compares both cell by cell):
a number is the double of its XML text, written as text through repr (so 1234567.89 stays
1234567,89 to the cent); a date cell is its date, with its time when it has one; row numbers
are Excel's (the first row is row 1 even when it is empty); an error cell (#N/A) is its code.
The file has passed read._check_zip (signature, encryption, zip bomb) before this runs."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from defusedxml.ElementTree import fromstring
from python_calamine import CalamineWorkbook, SheetTypeEnum

from ggu.ingest.outcome import Problem

MAX_LISTED = 20     # formula cells and merged ranges listed per sheet; the rest counted
_CHUNK = 1 << 20
_OVERLAP = 4096     # bytes carried to the next chunk: a tag cut at a chunk's end is read whole

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Quick tests on a chunk (memchr-fast), then the exact pattern only where they hit.
_F_PLAIN = re.compile(rb"<f[\s>/]")
_F_PREFIXED = re.compile(rb"<\w+:f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*\Z")   # the open <c ...> tag before a formula
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::[A-Z]{1,3}\d+)?"')
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\bt="e"[^>]*>\s*(?:<(?:\w+:)?f\b.*?</(?:\w+:)?f>\s*)?'
    rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>', re.S)


@dataclass
class Scan:
    """What one worksheet's XML holds besides its values."""
    formulas: list = field(default_factory=list)   # (column letters, row), first MAX_LISTED
    n_formulas: int = 0
    merged: list = field(default_factory=list)     # (column letters, row) of each range's start
    errors: dict = field(default_factory=dict)     # (row index, column index) -> "#N/A"


def column_index(letters: str) -> int:
    """A column's 0-based index from its letters: A -> 0, AA -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell_ref(data: bytes, at: int) -> tuple[str, int] | None:
    """The r="B5" of the cell whose formula starts at `at` (None when the cell has no r)."""
    start = max(data.rfind(b"<c ", 0, at), data.rfind(b"<c\t", 0, at), data.rfind(b":c ", 0, at))
    if start < 0:
        return None
    m = _CELL_REF.search(data, start, at)
    return (m.group(1).decode(), int(m.group(2))) if m else None


def _scan_chunk(data: bytes, cut: int, scan: Scan) -> None:
    """Formula cells, merged ranges and error cells that start before `cut` in `data`."""
    hits = [m.start() for m in _F_PLAIN.finditer(data, 0, cut)] if b"<f" in data else []
    if b":f" in data:
        hits += [m.start() for m in _F_PREFIXED.finditer(data, 0, cut)]
    for at in sorted(hits):
        scan.n_formulas += 1
        if len(scan.formulas) < MAX_LISTED:
            ref = _cell_ref(data, at)
            if ref:
                scan.formulas.append(ref)
    if b"mergeCell" in data:
        for m in _MERGED.finditer(data, 0, cut):
            if len(scan.merged) < MAX_LISTED:
                scan.merged.append((m.group(1).decode(), int(m.group(2))))
    if b't="e"' in data:
        for m in _ERROR_CELL.finditer(data):
            if m.start() < cut:
                place = _CELL_REF.search(data, m.start(), m.end())
                if place:
                    key = (int(place.group(2)) - 1, column_index(place.group(1).decode()))
                    scan.errors[key] = m.group(1).decode("utf-8", "replace")


def scan_part(zf: zipfile.ZipFile, part: str) -> Scan:
    """One worksheet part, streamed in chunks (bounded memory whatever its size)."""
    scan, tail = Scan(), b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            data = tail + chunk
            cut = len(data) if not chunk else max(0, len(data) - _OVERLAP)
            _scan_chunk(data, cut, scan)
            if not chunk:
                return scan
            tail = data[cut:]


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and its part (xl/worksheets/sheet1.xml), from xl/workbook.xml and its
    relationships (the part's name is not always the sheet's position)."""
    rels_xml = zf.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for rel in fromstring(rels_xml).iter(f"{_NS_PKG}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    parts = {}
    for sheet in fromstring(zf.read("xl/workbook.xml")).iter(f"{_NS_MAIN}sheet"):
        parts[sheet.get("name")] = targets.get(sheet.get(f"{_NS_REL}id"), "")
    return parts


def external_links(zf: zipfile.ZipFile) -> int:
    return sum(1 for n in zf.namelist() if n.startswith("xl/externalLinks/") and n.endswith(".xml"))


def cell_text(v) -> str | None:
    """A cell value as text; numbers in Dutch notation (a comma before the decimals). An
    empty cell (calamine: "") is None, as openpyxl gave it."""
    kind = type(v)
    if kind is str:
        return v or None
    if kind is float:
        if v.is_integer():
            return str(int(v))
        text = repr(v)   # the shortest text that gives the double back; 1e-07 written out
        return (format(Decimal(text), "f") if "e" in text else text).replace(".", ",")
    if v is None:
        return None
    if kind is bool:
        return "1" if v else "0"
    if kind is int:
        return str(v)
    if kind is dt.datetime:
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if kind is dt.date:
        return v.isoformat()
    return str(v)


@dataclass
class Values:
    """One sheet's values as text: its header row and the non-empty rows with their number."""
    headers: list
    rows: list        # [texts..., Excel row number]


EXCEL_MAX_TEXT = 32_767   # calamine cuts a longer text to this length: such a sheet is read
                          # by openpyxl, which gives it whole (the import then refuses it)


def _openpyxl_values(path: Path, name: str) -> Values:
    """One sheet read by openpyxl (slow, whole texts): only for a sheet with a text of
    EXCEL_MAX_TEXT characters or more, which calamine would have cut. Excel's escapes of a
    character (_x0007_, _x005F_) are decoded, as calamine and Excel do: openpyxl gives them as
    written."""
    from openpyxl import load_workbook
    from openpyxl.utils.escape import unescape
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        headers, rows = None, []
        for number, values in enumerate(wb[name].iter_rows(values_only=True), start=1):
            texts = [cell_text(unescape(v) if type(v) is str else v) for v in values]
            if headers is None:
                headers = texts
            elif any(x is not None and x.strip() for x in texts):
                rows.append(texts + [number])
        return Values(headers or [], rows)
    finally:
        wb.close()


def sheet_values(wb: CalamineWorkbook, name: str, scan: Scan | None, path: Path) -> Values:
    """The sheet's header row and non-empty rows, as text, each row with its Excel number."""
    sheet = wb.get_sheet_by_name(name)
    errors: dict[int, list] = {}
    for (r, c), code in (scan.errors if scan else {}).items():
        errors.setdefault(r + 1, []).append((c, code))
    # iter_rows starts at row 1 but at the first used column: put the columns before it back
    lead = [None] * (sheet.start[1] if sheet.start else 0)
    headers, rows = None, []
    for number, values in enumerate(sheet.iter_rows(), start=1):
        texts: list = lead + list(map(cell_text, values))   # the texts, then the row number
        if max(map(len, filter(None, texts)), default=0) >= EXCEL_MAX_TEXT:
            return _openpyxl_values(path, name)
        for c, code in errors.get(number, ()):
            if c < len(texts):
                texts[c] = code
        if headers is None:
            headers = texts
            continue
        if any(map(str.strip, filter(None, texts))):   # a row of blanks is no row
            texts.append(number)
            rows.append(texts)
    return Values(headers or [], rows)


def worksheets(path: Path) -> tuple[CalamineWorkbook, list[str]]:
    """The workbook and its worksheets' names in order (chart sheets have no cells)."""
    wb = CalamineWorkbook.from_path(str(path))
    return wb, [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]


def arrow_table(headers: list, rows: list[list]) -> pa.Table:
    """The sheet as a text table for DuckDB: _row (the Excel row), then c0, c1, ..."""
    columns = {"_row": pa.array([r[-1] for r in rows], pa.int64())}
    for i in range(len(headers)):
        columns[f"c{i}"] = pa.array([r[i] for r in rows], pa.string())
    return pa.table(columns)


def refusals(title: str, headers: list, scan: Scan | None) -> list[Problem]:
    """Formulas and merged cells in a data sheet, each with its place: both are refused (a
    formula's value is not data, a merged cell leaves the cells it covers empty)."""
    if scan is None:
        return []

    def column(letters: str) -> str:
        i = column_index(letters)
        return headers[i] if i < len(headers) and headers[i] else letters

    problems = [Problem("formula", title, row, column(col)) for col, row in scan.formulas]
    if scan.n_formulas > len(scan.formulas):
        problems.append(Problem("more", title, fields={"n": scan.n_formulas - len(scan.formulas)}))
    problems += [Problem("merged", title, row, column(col)) for col, row in scan.merged]
    return problems
