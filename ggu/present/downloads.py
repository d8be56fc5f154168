"""Downloads of what is on screen: CSV as Dutch Excel reads it, and .xlsx with real numbers.

Pure functions of a frame and its columns. Headers and coded values are translated as on
screen; amounts stay numbers. Every text cell that a spreadsheet could read as a formula
(starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with a single quote.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from ggu import i18n

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CODED = set(i18n.VALUE_KEYS)
XLSX_FORMATS = {"_eur": "#,##0.00", "_pct": '0.0"%"', "_pp": '+0.0;-0.0;0.0', "_date": "dd-mm-yyyy"}


def neutralise(text: str) -> str:
    """`=HYPERLINK(...)` -> `'=HYPERLINK(...)`: text a spreadsheet must not evaluate."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _missing(x) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def _cell(column: str, x, lang: str | None):
    """The value as it goes into a cell: a number, a date, or neutralised text."""
    if _missing(x):
        return None
    if column.startswith("is_"):
        return i18n.t("word.yes" if x else "word.no", lang=lang)
    if isinstance(x, (pd.Timestamp, dt.datetime)):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if isinstance(x, (bool, int, float, Decimal)) or hasattr(x, "dtype"):
        return x.item() if hasattr(x, "item") else x
    if column in CODED:
        x = i18n.value(column, x, lang=lang)
    return neutralise(str(x))


def rows(df: pd.DataFrame, columns: list[str], lang: str | None = None) -> list[list]:
    """The header (translated) and the cells of the columns, in order."""
    header = [neutralise(i18n.t(f"col.{c}", lang=lang)) for c in columns]
    body = [[_cell(c, x, lang) for c, x in zip(columns, values)]
            for values in df[columns].itertuples(index=False, name=None)]
    return [header, *body]


def _csv_text(x, decimals: int) -> str:
    """A cell as Dutch Excel reads it: decimal comma, no thousands separator, dd-mm-jjjj."""
    if x is None:
        return ""
    if isinstance(x, dt.date):
        return x.strftime("%d-%m-%Y")
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, (float, Decimal)):
        return f"{float(x):.{decimals}f}".replace(".", ",")
    return x


def to_csv(df: pd.DataFrame, columns: list[str], lang: str | None = None,
           decimals: int = 2) -> bytes:
    """`;`-separated, UTF-8 with BOM, decimal comma, dd-mm-jjjj: what Dutch Excel expects."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header, *body = rows(df, columns, lang)
    writer.writerow(header)
    for row in body:
        writer.writerow([_csv_text(x, decimals) for x in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, columns: list[str], lang: str | None = None,
            sheet: str = "GGU", eur_format: str | None = None) -> bytes:
    """One sheet: a bold header, numbers as numbers with a number format, dates as dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    header, *body = rows(df, columns, lang)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in body:
        ws.append(row)
    for j, column in enumerate(columns, start=1):
        fmt = next((f for suffix, f in XLSX_FORMATS.items() if column.endswith(suffix)), None)
        if column.endswith("_eur") and eur_format:
            fmt = eur_format
        width = max(len(str(header[j - 1])), 10)
        for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
            if cell.data_type == "s":   # text (neutralised): never a formula
                width = max(width, min(len(str(cell.value)), 60))
            elif fmt and cell.value is not None:
                cell.number_format = fmt
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = width + 2
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
