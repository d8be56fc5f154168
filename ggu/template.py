"""The Excel template: one sheet per data table of ggu/schema.sql, Dutch sheet and column names.

The tables, their columns, types, keys and allowed values are read from schema.sql itself, so a
table added there becomes a sheet without a change here (it gets its own name as sheet name
until it is given a Dutch one in SHEETS). `template()` writes the empty template with its
"Uitleg" sheet; `export()` writes a snapshot in the same form.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ggu import config
from ggu.i18n import t

# Tables of schema.sql that are not data a user loads.
NOT_DATA = {"meta", "import_log"}
NOT_DATA_PREFIX = "agg_"

# The one mapping between the data model and the template: table -> sheet, column -> header.
SHEETS = {
    "goal": "Doelen", "item": "Projecten", "budget": "Begroting", "spend": "Uitgaven",
    "indicator": "Indicatoren", "measurement": "Metingen", "municipality": "Gemeenten",
    "contribution": "Bijdragen", "split_norm": "Norm", "cpi": "CPI",
    "exception_rule": "Uitzonderingsregels",
}
HEADERS = {
    "goal_id": "Doel-id", "name": "Naam", "description": "Omschrijving",
    "sort_order": "Volgorde", "item_id": "Project-id", "kind": "Soort",
    "category": "Categorie", "theme": "Thema", "owner": "Eigenaar", "start_year": "Startjaar",
    "end_year": "Eindjaar", "status": "Status", "status_reason": "Toelichting status",
    "phase": "Fase", "year": "Jaar", "funding_source": "Financieringsbron",
    "budget_eur": "Bedrag", "tx_id": "Boeking-id", "booking_date": "Boekdatum",
    "amount_eur": "Bedrag", "cost_type": "Kostensoort", "indicator_id": "Indicator-id",
    "unit": "Eenheid", "baseline_value": "Nulmeting", "baseline_year": "Jaar nulmeting",
    "target_value": "Streefwaarde", "target_year": "Streefjaar", "direction": "Richting",
    "measured_date": "Meetdatum", "value": "Waarde", "cbs_code": "CBS-code",
    "province": "Provincie", "inhabitants": "Inwoners", "instalment": "Termijn",
    "rate_per_inhabitant_eur": "Bedrag per inwoner", "paid_date": "Betaaldatum",
    "valid_from_year": "Geldig vanaf", "norm_pct": "Norm (%)", "tolerance_pp": "Marge (%-punt)",
    "change_pct": "Mutatie (%)", "source": "Bron", "rule_id": "Regel-id",
    "metric": "Maatstaf", "operator": "Vergelijking", "threshold": "Drempel",
    "is_active": "Actief",
}
# Key of a table without a primary key in the schema (the import checks it is unique).
EXTRA_KEYS = {"spend": ("tx_id",)}
# References checked on import: (table, columns) must exist in (table, columns).
REFERENCES = [
    ("item", ("goal_id",), "goal", ("goal_id",)),
    ("budget", ("item_id",), "item", ("item_id",)),
    ("spend", ("item_id",), "item", ("item_id",)),
    ("indicator", ("goal_id",), "goal", ("goal_id",)),
    ("measurement", ("indicator_id",), "indicator", ("indicator_id",)),
    ("contribution", ("year", "cbs_code"), "municipality", ("year", "cbs_code")),
]
# Tables whose rows an import replaces per year present in the file (the column holding the
# year, or a date whose year counts). Tables with a key are upserted by key; others replaced.
REPLACE_BY_YEAR = {"budget": "year", "spend": "booking_date", "municipality": "year",
                   "contribution": "year", "measurement": "measured_date"}
# Optional check sheet: the stated budget total per year, which the budget lines must add up to.
TOTALS_SHEET = "Totalen"
TOTALS_HEADERS = ("Jaar", "Totaal begroting")
EXPLAIN_SHEET = "Uitleg"
EXCEL_MAX_ROWS = 1_048_575

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5394")


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    type: str            # DuckDB type, e.g. VARCHAR, INTEGER, DATE, DECIMAL(18,2)
    required: bool
    allowed: tuple[str, ...] | None

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
    sheet: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def replace_by_year(self) -> str | None:
        return REPLACE_BY_YEAR.get(self.name)


def _allowed(constraint: str) -> tuple[str, tuple[str, ...]] | None:
    m = re.fullmatch(r"CHECK\(\((\w+) IN \((.*)\)\)\)", constraint)
    if not m:
        return None
    return m.group(1), tuple(re.findall(r"'([^']*)'", m.group(2)))


@functools.lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """The data tables of schema.sql in the order they are defined there."""
    text = config.SCHEMA_FILE.read_text(encoding="utf-8")
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
        columns = tuple(
            Column(c, HEADERS.get(c, c), typ, not nullable or c in key, allowed.get((name, c)))
            for tbl, c, typ, nullable in cols if tbl == name)
        result.append(Table(name, SHEETS.get(name, name), columns, key))
    return tuple(result)


def table(name: str) -> Table:
    return next(tb for tb in tables() if tb.name == name)


def by_sheet() -> dict[str, Table]:
    """Tables by their sheet name, lower-cased (sheet and file names match case-insensitively)."""
    return {tb.sheet.lower(): tb for tb in tables()}


# ---------------------------------------------------------------- writing workbooks

def _type_text(col: Column, lang: str | None) -> str:
    if col.kind == "decimal":
        return t("tpl.type.decimal", lang=lang, scale=col.scale)
    return t(f"tpl.type.{col.kind}", lang=lang)


_EXAMPLES = {"text": "Tekst", "integer": "2024", "date": "31-01-2024", "double": "12,5",
             "boolean": "ja"}


def _example(tb: Table, col: Column) -> str:
    if col.allowed:
        return col.allowed[0]
    if col.is_year:
        return "2024"
    if col.kind == "decimal":
        return "1.234,56" if col.scale == 2 else "3," + "0" * (col.scale or 0)
    if col.name.endswith("_id") or col.name == "cbs_code":
        return {"goal_id": "D1", "item_id": "IBD", "indicator_id": "D1.1",
                "cbs_code": "GM0363", "tx_id": "1"}.get(col.name, "A1")
    return _EXAMPLES[col.kind]


def _meaning(tb: Table, col: Column, lang: str | None) -> str:
    from ggu.i18n import CATALOGUE
    key = f"tpl.col.{tb.name}.{col.name}"
    return t(key, lang=lang) if key in CATALOGUE[lang or "nl"] else ""


def explain_rows(lang: str | None = None) -> list[list[str]]:
    """The rows of the "Uitleg" sheet: every column of every sheet, with the Totalen sheet."""
    rows = []
    for tb in tables():
        for col in tb.columns:
            rows.append([tb.sheet, col.header, _meaning(tb, col, lang), _type_text(col, lang),
                         t("word.yes" if col.required else "word.no", lang=lang),
                         ", ".join(col.allowed or ()), _example(tb, col)])
    for header, meaning, kind, example in (
            (TOTALS_HEADERS[0], "tpl.totals.year", "integer", "2024"),
            (TOTALS_HEADERS[1], "tpl.totals.total", "decimal", "58.000.000,00")):
        rows.append([TOTALS_SHEET, header, t(meaning, lang=lang),
                     t(f"tpl.type.{kind}", lang=lang, scale=2), t("word.no", lang=lang), "",
                     example])
    return rows


def _header_cells(ws, headers) -> list:
    cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cells.append(cell)
    return cells


def _cell(ws, value, col: Column | None):
    """A typed cell: numbers as numbers, dates as dates, text always as text (never a formula)."""
    if value is None:
        return None
    cell = WriteOnlyCell(ws)
    if isinstance(value, bool):
        value = t("word.yes", lang="nl") if value else t("word.no", lang="nl")
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"          # a text starting with '=' stays text
    elif isinstance(value, Decimal):
        cell.value = float(value)     # repr of the double gives the decimal back exactly
        cell.number_format = "#,##0." + "0" * (col.scale or 2) if col else "0.00"
    elif isinstance(value, (dt.datetime, dt.date)):
        cell.value = value
        cell.number_format = "dd-mm-yyyy"
    else:
        cell.value = value
    return cell


def _write_sheet(wb: Workbook, name: str, headers, rows, columns=None, widths=None) -> None:
    ws = wb.create_sheet(name)
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths or [max(14, len(h) + 4) for h in headers]):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.append(_header_cells(ws, headers))
    for row in rows:
        ws.append([_cell(ws, v, columns[i] if columns else None) for i, v in enumerate(row)])


def _write_explain(wb: Workbook, lang: str | None) -> None:
    ws = wb.create_sheet(EXPLAIN_SHEET)
    ws.freeze_panes = "A3"
    for letter, width in zip("ABCDEFG", (16, 22, 70, 26, 10, 44, 16)):
        ws.column_dimensions[letter].width = width
    intro = WriteOnlyCell(ws, value=t("tpl.intro", lang=lang))
    intro.alignment = Alignment(wrap_text=False)
    ws.append([intro])
    ws.append(_header_cells(ws, [t(f"tpl.head.{k}", lang=lang) for k in
                                 ("sheet", "column", "meaning", "type", "required", "allowed",
                                  "example")]))
    for row in explain_rows(lang):
        ws.append([_cell(ws, v, None) for v in row])


def _workbook(data: dict[str, list[tuple]] | None, totals: list[tuple] | None,
              lang: str | None) -> Workbook:
    wb = Workbook(write_only=True)
    _write_explain(wb, lang)
    for tb in tables():
        _write_sheet(wb, tb.sheet, [c.header for c in tb.columns],
                     (data or {}).get(tb.name, []), tb.columns)
    _write_sheet(wb, TOTALS_SHEET, TOTALS_HEADERS, totals or [],
                 [Column("year", "Jaar", "INTEGER", False, None),
                  Column("total", "Totaal", "DECIMAL(18,2)", False, None)])
    return wb


def template(out, lang: str | None = None):
    """Write the empty template (headers and the Uitleg sheet) to `out` (a path or a file)."""
    _workbook(None, None, lang).save(out)
    return out


def template_bytes(lang: str | None = None) -> bytes:
    buffer = io.BytesIO()
    template(buffer, lang)
    return buffer.getvalue()


def export_bytes(snapshot_path: str | Path, lang: str | None = None) -> bytes:
    buffer = io.BytesIO()
    export(snapshot_path, buffer, lang)
    return buffer.getvalue()


def snapshot_rows(path: str | Path) -> tuple[dict[str, list[tuple]], list[tuple]]:
    """Every data table of a snapshot as rows in template column order, and the budget totals."""
    from ggu.snapshots import READ_ONLY_CONFIG
    data = {}
    with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables").fetchall()}
        for tb in tables():
            if tb.name not in present:
                continue
            cols = ", ".join(f'"{c.name}"' for c in tb.columns)
            order = ", ".join(f'"{k}"' for k in tb.key) or cols
            data[tb.name] = con.execute(f"select {cols} from {tb.name} order by {order}").fetchall()
        totals = con.execute(
            "select year, sum(budget_eur) from budget group by year order by year").fetchall()
    return data, totals


def export(snapshot_path: str | Path, out, lang: str | None = None) -> dict[str, int]:
    """Write a snapshot in the template's form to `out` (a path or a file); returns the rows
    written per sheet."""
    data, totals = snapshot_rows(snapshot_path)
    too_big = [table(n).sheet for n, rows in data.items() if len(rows) > EXCEL_MAX_ROWS]
    if too_big:
        from ggu.snapshots import DataError
        raise DataError(t("tpl.too_big", lang=lang, sheets=", ".join(too_big)))
    _workbook(data, totals, lang).save(out)
    return {table(n).sheet: len(rows) for n, rows in data.items()}
