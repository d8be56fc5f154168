"""Workbooks in the template's form: the empty template with its "Uitleg" sheet, and the export
of a snapshot (numbers as numbers, dates as dates, text never a formula)."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ggu import paths
from ggu.i18n import CATALOGUE, t
from ggu.ingest.contract import (
    EXCEL_MAX_ROWS,
    EXPLAIN_SHEET,
    TOTALS_HEADERS,
    TOTALS_SHEET,
    Column,
    Table,
    table,
    tables,
)
from ggu.store.snapshots import READ_ONLY_CONFIG, DataError

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5394")


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


def _write_explain(wb: Workbook, lang: str | None, note: str | None = None) -> None:
    ws = wb.create_sheet(EXPLAIN_SHEET)
    ws.freeze_panes = "A3"
    for letter, width in zip("ABCDEFG", (16, 22, 70, 26, 10, 44, 16)):
        ws.column_dimensions[letter].width = width
    intro = WriteOnlyCell(ws, value=(note + " " if note else "") + t("tpl.intro", lang=lang))
    intro.alignment = Alignment(wrap_text=False)
    if note:
        intro.font = Font(bold=True, color="D55E00")
    ws.append([intro])
    ws.append(_header_cells(ws, [t(f"tpl.head.{k}", lang=lang) for k in
                                 ("sheet", "column", "meaning", "type", "required", "allowed",
                                  "example")]))
    for row in explain_rows(lang):
        ws.append([_cell(ws, v, None) for v in row])


def _workbook(data: dict[str, list[tuple]] | None, totals: list[tuple] | None,
              lang: str | None, note: str | None = None) -> Workbook:
    """The workbook; `note` (demo data) opens the Uitleg sheet and is the file's subject."""
    wb = Workbook(write_only=True)
    if note:
        wb.properties.subject = note
    _write_explain(wb, lang, note)
    for tb in tables():
        _write_sheet(wb, tb.sheet, [c.header for c in tb.columns],
                     (data or {}).get(tb.name, []), tb.columns)
    _write_sheet(wb, TOTALS_SHEET, TOTALS_HEADERS, totals or [],
                 [Column("year", "INTEGER", False, None, "Jaar"),
                  Column("total", "DECIMAL(18,2)", False, None, "Totaal")])
    return wb


def template(out, lang: str | None = None):
    """Write the empty template (headers and the Uitleg sheet) to `out` (a path or a file)."""
    _workbook(None, None, lang).save(out)
    return out


def write(data: dict[str, list[tuple]], out, lang: str | None = None) -> None:
    """Write rows (per table, in template column order) as a workbook in the template's form,
    with the budget totals per year on the Totalen sheet (a plan's export)."""
    totals: dict[int, Decimal] = {}
    for _item, year, _source, amount in data.get("budget", []):
        totals[year] = totals.get(year, Decimal(0)) + amount
    _workbook(data, sorted(totals.items()), lang).save(out)


def template_bytes(lang: str | None = None) -> bytes:
    buffer = io.BytesIO()
    template(buffer, lang)
    return buffer.getvalue()


def export_bytes(snapshot_path: str | Path, lang: str | None = None) -> bytes:
    buffer = io.BytesIO()
    export(snapshot_path, buffer, lang)
    return buffer.getvalue()


def demo_note(path: str | Path, lang: str | None = None) -> str | None:
    """What an export of this snapshot must say when it holds demo data, else None."""
    with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
        meta = dict(con.execute("select key, value from meta").fetchall())
    if meta.get("is_demo") != "true":
        return None
    return t("tpl.demo_note", lang=lang, snapshot=meta.get("snapshot_id", "?"))


def export_name(path: str | Path) -> str:
    """The file name of an export: `GGU-cijfers-0004.xlsx`, `GGU-voorbeelddata-0001.xlsx`."""
    kind = "voorbeelddata" if demo_note(path) else "cijfers"
    return paths.file_name("GGU", kind, Path(path).stem, ext="xlsx")


def snapshot_rows(path: str | Path) -> tuple[dict[str, list[tuple]], list[tuple]]:
    """Every data table of a snapshot as rows in template column order, and the budget totals."""
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
    written per sheet. An export of demo data says so (Uitleg sheet, the file's subject)."""
    data, totals = snapshot_rows(snapshot_path)
    too_big = [table(n).sheet for n, rows in data.items() if len(rows) > EXCEL_MAX_ROWS]
    if too_big:
        raise DataError(t("tpl.too_big", lang=lang, sheets=", ".join(too_big)))
    _workbook(data, totals, lang, demo_note(snapshot_path, lang)).save(out)
    return {table(n).sheet: len(rows) for n, rows in data.items()}
