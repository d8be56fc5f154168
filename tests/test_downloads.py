"""Downloads: CSV as Dutch Excel reads it and .xlsx with real numbers, both equal to the rows
on screen, and no text cell that a spreadsheet would run as a formula."""
import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from ggu.present import downloads
from ggu.store import loader

pytestmark = pytest.mark.sql

COLUMNS = ["category", "item_name", "budget_eur", "spent_eur", "realised_pct", "paid_date",
           "is_partial_year"]
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "-1+1", "+31 6", "\tTab", "\rCR"]


@pytest.fixture
def frame():
    return pd.DataFrame({
        "category": ["structureel", "meerjarig"] + ["kortcyclisch"] * 4,
        "item_name": HOSTILE,
        "budget_eur": [1234.5, -20.0, 0.0, 1e6, 3.25, 7.0],
        "spent_eur": [1000.05, 10.0, 0.0, 2e6, 1.0, None],
        "realised_pct": [81.0, -50.0, None, 200.0, 30.77, None],
        "paid_date": [dt.date(2024, 1, 20), None, dt.date(2024, 7, 1), None, None, None],
        "is_partial_year": [False, True, False, True, False, False],
    })


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_neutralise_prefixes_formula_starts_only():
    for text in HOSTILE:
        assert downloads.neutralise(text) == "'" + text
    for text in ("Alfa", "GGI-Veilig", "3 januari", ""):
        assert downloads.neutralise(text) == text


def test_csv_dutch_excel_conventions_and_no_live_formula(frame):
    rows = read_csv(downloads.to_csv(frame, COLUMNS, lang="nl"))
    assert rows[0][:3] == ["Categorie", "Project", "Begroting"]
    assert len(rows) == 1 + len(frame)
    assert [r[1] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert not any(cell.startswith(tuple("=+-@\t\r")) for r in rows[1:] for cell in r[:2])
    first = rows[1]
    assert first[0] == "Structureel"                # coded values as on screen
    assert first[2:5] == ["1234,50", "1000,05", "81,00"]   # decimal comma, no thousands dot
    assert first[5] == "20-01-2024"                 # dd-mm-jjjj
    assert first[6] == "nee" and rows[2][6] == "ja"
    assert rows[2][2] == "-20,00"                   # a negative number stays a number
    assert rows[3][4] == "" and rows[3][5] == "01-07-2024"


def test_csv_english_headers(frame):
    rows = read_csv(downloads.to_csv(frame, COLUMNS, lang="en"))
    assert rows[0][:3] == ["Category", "Item", "Budget"]
    assert rows[1][0] == "Structural"


def test_xlsx_numbers_are_numbers_and_text_is_never_a_formula(frame):
    wb = load_workbook(io.BytesIO(downloads.to_xlsx(frame, COLUMNS, lang="nl")))
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][:3] == ("Categorie", "Project", "Begroting")
    # (without lxml, openpyxl's XML writer turns a carriage return into a newline)
    assert [r[1].replace("\r", "\n") for r in values[1:]] == \
        ["'" + h.replace("\r", "\n") for h in HOSTILE]
    for row in ws.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row), "no formula cells"
        assert row[1].data_type == "s"
    assert values[1][2] == 1234.5 and isinstance(values[1][2], float)
    assert ws.cell(row=2, column=3).number_format == "#,##0.00"
    assert values[4][3] == 2e6 and values[2][4] == -50.0
    assert values[1][5].date() == dt.date(2024, 1, 20)
    assert ws.cell(row=2, column=6).number_format == "dd-mm-yyyy"


def test_downloads_equal_the_filtered_rows(tiny_dir):
    """The Uitgaven table of the tiny data, filtered on one category, read back from both files."""
    levels = loader.query("spend_by_level", tiny_dir, year_from=2024, year_to=2024,
                      categories=("structureel",), unit="eur", base_year=2024)
    items = levels[levels["node_level"] == "item"]
    columns = ["category", "item_name", "budget_eur", "spent_eur", "difference_eur"]
    rows = read_csv(downloads.to_csv(items, columns, lang="nl"))
    assert rows[1:] == [["Structureel", "Alfa", "300,00", "350,10", "50,10"],
                        ["Structureel", "Delta", "300,00", "0,00", "-300,00"]]
    ws = load_workbook(io.BytesIO(downloads.to_xlsx(items, columns, lang="nl"))).active
    assert [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ["Structureel", "Alfa", 300, 350.1, pytest.approx(50.1)],
        ["Structureel", "Delta", 300, 0, -300]]
