"""Import: a valid workbook and CSV folder load; every validation rule reports its place; the
round trip is exact; a second import is a no-op; hostile files are refused; history, compare
and rollback."""
from __future__ import annotations

import copy
import datetime as dt
import functools
import shutil
import tempfile
import zipfile
from decimal import Decimal

import pytest
from conftest import build_tiny
from openpyxl import Workbook, load_workbook

from ggu.ingest import contract, history, load, rules, workbook
from ggu.store import loader
from ggu.store.snapshots import DataError, Store

pytestmark = pytest.mark.sql

# ---------------------------------------------------------------- helpers

@functools.lru_cache(maxsize=1)
def _tiny_sheets() -> dict[str, list[list]]:
    with tempfile.TemporaryDirectory() as scratch:
        store = build_tiny(scratch)
        data, totals = workbook.snapshot_rows(store.current().path)
    sheets = {tb.sheet: [[c.header for c in tb.columns]] + [list(r) for r in data[tb.name]]
              for tb in contract.tables()}
    sheets[contract.TOTALS_SHEET] = [list(contract.TOTALS_HEADERS)] + [list(r) for r in totals]
    return sheets


def tiny_sheets() -> dict[str, list[list]]:
    """The tiny fixture as sheets (header row first), values as Python values."""
    return copy.deepcopy(_tiny_sheets())


def write_xlsx(path, sheets: dict[str, list[list]]):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    wb.save(path)
    return path


def set_cell(sheets, sheet, row, header, value):
    """Set the cell at Excel row `row` (header = 1) under `header`."""
    col = sheets[sheet][0].index(header)
    sheets[sheet][row - 1][col] = value


def problems(outcome):
    return {(p.sheet, p.row, p.column, p.code) for p in outcome.problems}


def table_rows(path, table):
    cur = loader.connection(str(path)).cursor()
    try:
        rows = cur.execute("select * from query_table($t)", {"t": table}).fetchall()
        return sorted(rows, key=repr)
    finally:
        cur.close()


def all_tables(path):
    return {tb.name: table_rows(path, tb.name) for tb in contract.tables()}


@pytest.fixture
def tiny(tmp_path):
    """A fresh copy of the tiny data set in its own folder."""
    build_tiny(tmp_path / "data")
    return tmp_path / "data"


# ---------------------------------------------------------------- valid files

def test_valid_workbook_loads_into_an_empty_folder(tmp_path):
    path = write_xlsx(tmp_path / "tiny.xlsx", tiny_sheets())
    outcome = load.import_path(path, tmp_path / "data", user="test")
    assert outcome.result == "ok", outcome.lines()
    assert outcome.snapshot_id == "0001"
    assert outcome.rows["budget"] == 8 and outcome.rows["spend"] == 8
    t = loader.query("totals_by_year", tmp_path / "data", year=2024).iloc[0]
    assert (t.budget_eur, t.spent_eur) == (1000.00, 500.00)
    meta = Store(tmp_path / "data").meta()
    assert meta["is_demo"] == "false" and meta["as_of_date"] == "2024-10-31"
    # the raw file is kept under its hash, and the attempt is logged
    assert (tmp_path / "data" / "raw" / f"{outcome.sha256}.xlsx").read_bytes() == \
        path.read_bytes()
    assert Store(tmp_path / "data").attempts()[-1]["result"] == "ok"


@pytest.mark.slow
def test_import_twice_changes_nothing(tiny, tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 2, "Bedrag", Decimal("260.00"))
    del sheets["Totalen"]                 # the stated totals would no longer add up
    path = write_xlsx(tmp_path / "change.xlsx", sheets)
    first = load.import_path(path, tiny, user="test")
    assert first.result == "ok" and first.snapshot_id == "0002"
    assert first.changes["budget"] == (1, 1)          # one line changed: 1 in, 1 out
    second = load.import_path(path, tiny, user="test")
    assert second.result == "ongewijzigd" and second.snapshot_id is None
    assert "geen nieuwe snapshot" in second.summary("nl")
    assert Store(tiny).ids() == ["0001", "0002"]
    results = [a["result"] for a in Store(tiny).attempts()]
    assert results == ["ok", "ongewijzigd"]


@pytest.mark.slow
def test_export_then_import_is_exact(demo_dir, tmp_path):
    """The demo snapshot -> export -> import into an empty folder: every table equal, cents
    included; and importing the export over the demo changes nothing."""
    source = Store(demo_dir).current().path
    out = tmp_path / "export.xlsx"
    workbook.export(source, out)
    outcome = load.import_path(out, tmp_path / "fresh", user="test")
    assert outcome.result == "ok", outcome.lines()[:5]
    assert all_tables(Store(tmp_path / "fresh").current().path) == all_tables(source)
    copy = tmp_path / "demo"
    shutil.copytree(demo_dir, copy)
    again = load.import_path(out, copy, user="test")
    assert again.result == "ongewijzigd"
    assert Store(copy).ids() == Store(demo_dir).ids()


def test_year_replacement_keeps_other_years(tiny, tmp_path):
    """A file with only 2024 budget lines replaces 2024 and leaves 2023 alone."""
    sheets = tiny_sheets()
    budget = sheets["Begroting"]
    sheets = {"Begroting": [budget[0]] + [r for r in budget[1:] if r[1] == 2024]}
    sheets["Begroting"][1][3] = Decimal("400.00")       # A 2024: 300 -> 400
    outcome = load.import_path(write_xlsx(tmp_path / "b.xlsx", sheets), tiny, user="t")
    assert outcome.result == "ok"
    totals = loader.query("totals_by_year", tiny).set_index("year")["budget_eur"]
    assert totals[2023] == 500.00 and totals[2024] == 1100.00
    assert any("ongewijzigd" in n for n in outcome.notes)


def _csv_folder(folder, sheets, delimiter, encoding, dutch_numbers):
    folder.mkdir()
    for name, rows in sheets.items():
        lines = []
        for row in rows:
            cells = []
            for v in row:
                if v is None:
                    v = ""
                elif isinstance(v, Decimal):
                    v = f"{v:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") \
                        if dutch_numbers else str(v)
                elif isinstance(v, dt.date):
                    v = v.strftime("%d-%m-%Y") if dutch_numbers else v.isoformat()
                v = str(v)
                cells.append(f'"{v}"' if delimiter in v else v)
            lines.append(delimiter.join(cells))
        (folder / f"{name}.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return folder


@pytest.mark.parametrize("delimiter, encoding, dutch, label", [
    (";", "cp1252", True, "Windows-1252"),
    (",", "utf-8-sig", False, "UTF-8 met BOM"),
])
def test_valid_csv_folder_loads(tmp_path, delimiter, encoding, dutch, label):
    sheets = tiny_sheets()
    set_cell(sheets, "Projecten", 2, "Naam", "Alfa — beveiliging café")
    folder = _csv_folder(tmp_path / "csv", sheets, delimiter, encoding, dutch)
    outcome = load.import_path(folder, tmp_path / "data", user="test")
    assert outcome.result == "ok", outcome.lines()[:5]
    assert any(label in n and f'"{delimiter}"' in n for n in outcome.notes)
    t = loader.query("totals_by_year", tmp_path / "data", year=2024).iloc[0]
    assert (t.budget_eur, t.spent_eur) == (1000.00, 500.00)
    names = table_rows(Store(tmp_path / "data").current().path, "item")
    assert names[0][1] == "Alfa — beveiliging café"


# ---------------------------------------------------------------- validation rules

RULES = [
    # sheet, row, header, value, code, fragment of the Dutch message
    ("Begroting", 2, "Jaar", "twintig", "integer", "heel getal"),
    ("Begroting", 3, "Bedrag", "12,3,4", "number", "1.234,56 of 1234.56"),
    ("Begroting", 4, "Bedrag", "1,234", "decimals", "ten hoogste 2 decimalen"),
    ("Uitgaven", 2, "Boekdatum", "30-02-2024", "date", "bestaande datum"),
    ("Projecten", 2, "Categorie", "structureeel", "allowed", "structureel, meerjarig"),
    ("Projecten", 3, "Soort", "app", "allowed", "product, dienst"),
    ("Projecten", 4, "Status", "paars", "allowed", "groen, oranje, rood"),
    ("Projecten", 5, "Fase", "klaar", "allowed", "voorbereiding"),
    ("Begroting", 5, "Financieringsbron", "gemeente", "allowed", "fonds_ggu, rijk, overig"),
    ("Bijdragen", 2, "Termijn", "maart", "allowed", "januari, juli"),
    ("Projecten", 2, "Naam", None, "required", "moet een waarde staan"),
    ("Begroting", 3, "Project-id", "A", "duplicate", "ook in rij 2"),
    ("Begroting", 2, "Project-id", "ONBEKEND", "reference", "blad Projecten"),
    ("Projecten", 3, "Doel-id", "G9", "reference", "blad Doelen"),
    ("Bijdragen", 3, "CBS-code", "GM9999", "reference", "blad Gemeenten"),
    ("Begroting", 2, "Jaar", 1999, "year_range", "van 2000 tot en met 2100"),
    ("Uitgaven", 3, "Boekdatum", dt.date(2150, 1, 1), "year_range", "van 2000"),
    ("Projecten", 3, "Eindjaar", 2020, "end_before_start", "voor het startjaar"),
    ("Gemeenten", 2, "Inwoners", 0, "positive", "groter dan 0"),
    ("Uitzonderingsregels", 2, "Actief", "misschien", "boolean", "ja of nee"),
    ("Totalen", 3, "Totaal begroting", Decimal("999.00"), "total", "tellen op tot"),
    ("Statusrapportages", 2, "Status", "paars", "allowed", "groen, oranje, rood"),
    ("Statusrapportages", 3, "Rapportdatum", "31-02-2024", "date", "bestaande datum"),
    ("Statusrapportages", 4, "Project-id", "ONBEKEND", "reference", "blad Projecten"),
    ("Statusrapportages", 5, "Fase", "klaar", "allowed", "voorbereiding"),
    ("Besluiten", 2, "Orgaan", "gemeenteraad", "allowed", "college, alv, taskforce, bestuur"),
    ("Besluiten", 3, "Project-id", "ONBEKEND", "reference", "blad Projecten"),
    ("Besluiten", 4, "Doel-id", "G9", "reference", "blad Doelen"),
    ("Besluiten", 2, "Besluit", None, "required", "moet een waarde staan"),
    ("Besluiten", 3, "Datum", "morgen", "date", "bestaande datum"),
]


def _with_rule_data(sheets):
    """The tiny sheets plus a row where the tiny set has none (a rule, a duplicate line)."""
    sheets["Uitzonderingsregels"].append(["R1", "is_red", ">=", Decimal("1.00"), "ja"])
    return sheets


@pytest.mark.parametrize("sheet, row, header, value, code, fragment", RULES,
                         ids=[f"{r[4]}-{r[0]}-{r[2]}" for r in RULES])
def test_each_rule_reports_sheet_row_column(tiny, tmp_path, sheet, row, header, value, code,
                                            fragment):
    sheets = _with_rule_data(tiny_sheets())
    if code == "duplicate":   # row 3 gets the key of row 2
        sheets[sheet][row - 1][:3] = sheets[sheet][1][:3]
    else:
        set_cell(sheets, sheet, row, header, value)
    before = Store(tiny).current_id()
    outcome = load.import_path(write_xlsx(tmp_path / "bad.xlsx", sheets), tiny, user="t")
    assert outcome.result == "geweigerd"
    found = [p for p in outcome.problems if p.code == code]
    column = "Financieringsbron" if code == "duplicate" else header
    assert (sheet, row, column) in {(p.sheet, p.row, p.column) for p in found}, \
        [p.line() for p in outcome.problems]
    message = next(p for p in found if p.row == row).line("nl")
    assert fragment in message and f"{sheet}, rij {row}, kolom {column}" in message
    assert Store(tiny).current_id() == before                 # nothing changed
    assert Store(tiny).attempts()[-1]["result"] == "geweigerd"


def test_every_problem_at_once_and_in_english(tiny, tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 2, "Bedrag", "veel")
    set_cell(sheets, "Uitgaven", 4, "Boekdatum", "31-04-2024")
    set_cell(sheets, "Projecten", 5, "Categorie", "anders")
    outcome = load.import_path(write_xlsx(tmp_path / "bad.xlsx", sheets), tiny, user="t")
    assert {("Begroting", 2, "Bedrag", "number"), ("Uitgaven", 4, "Boekdatum", "date"),
            ("Projecten", 5, "Categorie", "allowed")} <= problems(outcome)
    english = outcome.problem_frame("en")
    assert list(english.columns) == ["Sheet", "Row", "Column", "Value", "Problem"]
    assert "Expected an existing date" in " ".join(english["Problem"])


@pytest.mark.parametrize("change, code, place", [
    ("unknown_sheet", "sheet_unknown", ("Begrotingg", None, None)),
    ("missing_column", "column_missing", ("Begroting", 1, "Bedrag")),
    ("unknown_column", "column_unknown", ("Begroting", 1, None)),
])
def test_structure_problems(tiny, tmp_path, change, code, place):
    sheets = tiny_sheets()
    if change == "unknown_sheet":
        sheets["Begrotingg"] = sheets.pop("Begroting")
    elif change == "missing_column":
        sheets["Begroting"] = [r[:3] for r in sheets["Begroting"]]
    else:
        sheets["Begroting"][0].append("Opmerking")
    outcome = load.import_path(write_xlsx(tmp_path / "bad.xlsx", sheets), tiny, user="t")
    assert outcome.result == "geweigerd"
    assert any((p.sheet, p.row, p.column) == place and p.code == code
               for p in outcome.problems), [p.line() for p in outcome.problems]


def test_no_template_sheet_at_all(tiny, tmp_path):
    outcome = load.import_path(write_xlsx(tmp_path / "x.xlsx", {"Uitleg": [["a"]]}), tiny,
                                   user="t")
    assert [p.code for p in outcome.problems] == ["no_sheets"]
    assert "Projecten" in outcome.problems[0].message("nl")


def test_references_may_point_into_the_current_snapshot(tiny, tmp_path):
    """A file with only budget lines may use items known in the current data."""
    sheets = tiny_sheets()
    outcome = load.import_path(write_xlsx(tmp_path / "b.xlsx",
                                              {"Begroting": sheets["Begroting"]}), tiny, user="t")
    assert outcome.result == "ongewijzigd"


def test_many_bad_rows_are_counted_not_all_listed(tiny, tmp_path):
    sheets = tiny_sheets()
    header = sheets["Uitgaven"][0]
    sheets["Uitgaven"] = [header] + [[i, "A", "geen datum", Decimal("1.00"), "x", None]
                                     for i in range(1, 121)]
    outcome = load.import_path(write_xlsx(tmp_path / "b.xlsx", sheets), tiny, user="t")
    dates = [p for p in outcome.problems if p.code == "date"]
    more = [p for p in outcome.problems if p.code == "more"]
    assert len(dates) == rules.MAX_PER_RULE and more[0].fields["n"] == 120 - len(dates)


# ---------------------------------------------------------------- hostile and broken files

def _valid_bytes(tmp_path) -> bytes:
    return write_xlsx(tmp_path / "ok.xlsx", tiny_sheets()).read_bytes()


@pytest.mark.parametrize("kind, code", [
    ("empty", "empty"), ("text", "not_xlsx"), ("ole2", "encrypted"), ("truncated", "corrupt"),
    ("bomb", "zip_bomb"), ("pdf", "file_type"), ("docx", "not_xlsx"),
])
def test_hostile_files_are_refused(tiny, tmp_path, kind, code):
    name = "bestand.pdf" if kind == "pdf" else "bestand.xlsx"
    path = tmp_path / name
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("dit is geen werkmap\n")
    elif kind == "ole2":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    elif kind == "truncated":
        path.write_bytes(_valid_bytes(tmp_path)[:3000])
    elif kind == "bomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
            zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    elif kind == "docx":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/document.xml", "<document/>")
    elif kind == "pdf":
        path.write_bytes(b"%PDF-1.7\n")
    outcome = load.import_path(path, tiny, user="t")
    assert outcome.result == "geweigerd"
    assert [p.code for p in outcome.problems] == [code]
    assert outcome.problems[0].message("nl")         # a sentence, in Dutch
    assert Store(tiny).ids() == ["0001"]


def test_oversized_file_is_refused(tiny, tmp_path, monkeypatch):
    monkeypatch.setenv("GGU_IMPORT_MAX_MB", "0.001")
    outcome = load.import_bytes(_valid_bytes(tmp_path), "groot.xlsx", tiny, user="t")
    assert [p.code for p in outcome.problems] == ["too_big"]
    assert "de grens is" in outcome.problems[0].message("nl")


def test_csv_in_an_unknown_encoding_is_refused(tiny, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "Doelen.csv").write_bytes(b"Doel-id;Naam;Omschrijving;Volgorde\nG1;\x81\x8d;x;1\n")
    outcome = load.import_path(folder, tiny, user="t")
    assert [p.code for p in outcome.problems] == ["encoding"]
    assert "UTF-8" in outcome.problems[0].message("nl")


def test_formulas_are_refused_with_their_place(tiny, tmp_path):
    """SECURITY.md promises formulas are refused (they were read as their cached values):
    each formula cell is named by sheet, row and column, and nothing changes."""
    sheets = tiny_sheets()
    set_cell(sheets, "Uitgaven", 2, "Omschrijving", "=HYPERLINK(\"http://x\")")
    set_cell(sheets, "Begroting", 3, "Bedrag", "=100+100")
    before = table_rows(Store(tiny).current().path, "spend")
    outcome = load.import_path(write_xlsx(tmp_path / "f.xlsx", sheets), tiny, user="t")
    assert outcome.result == "geweigerd"
    assert problems(outcome) == {("Uitgaven", 2, "Omschrijving", "formula"),
                                 ("Begroting", 3, "Bedrag", "formula")}
    assert "Uitgaven, rij 2, kolom Omschrijving: Hier staat een formule" in \
        "\n".join(outcome.lines("nl"))
    assert table_rows(Store(tiny).current().path, "spend") == before


def test_a_workbook_with_external_links_is_refused(tiny, tmp_path):
    """A workbook that links to another file (xl/externalLinks/) is refused as a whole."""
    path = write_xlsx(tmp_path / "l.xlsx", tiny_sheets())
    linked = tmp_path / "linked.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(linked, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/externalLinks/externalLink1.xml",
                     '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                     '2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.'
                     'openxmlformats.org/officeDocument/2006/relationships"/></externalLink>')
    before = Store(tiny).current_id()
    outcome = load.import_path(linked, tiny, user="t")
    assert [p.code for p in outcome.problems] == ["external_link"]
    assert "koppeling" in outcome.lines("nl")[1]
    assert Store(tiny).current_id() == before


def test_merged_cells_are_refused_with_their_place(tiny, tmp_path):
    """A merged cell shows one value over several cells and leaves the others empty."""
    path = write_xlsx(tmp_path / "m.xlsx", tiny_sheets())
    wb = load_workbook(path)
    wb["Besluiten"].merge_cells("F2:F3")
    wb.save(path)
    outcome = load.import_path(path, tiny, user="t")
    assert problems(outcome) == {("Besluiten", 2, "Besluit", "merged")}


def test_a_text_excel_cannot_hold_is_refused_from_a_csv_folder(tiny, tmp_path):
    """The issue's case: a decision of 100,000 characters from a CSV folder was accepted, and
    `export` cut it to Excel's 32,767 (the next import stored the cut text). Now the import
    refuses it with its place, as it refuses a control character a cell cannot hold."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "Besluiten.csv").write_text(
        "Besluit-id;Datum;Orgaan;Project-id;Doel-id;Besluit;Kenmerk\n"
        f"B1;2024-05-01;college;A;;{'x' * 100_000};\n"
        "B2;2024-05-02;alv;;;Begroting\x07 vastgesteld;\n", encoding="utf-8")
    before = Store(tiny).current_id()
    outcome = load.import_path(folder, tiny, user="t")
    assert problems(outcome) == {("Besluiten", 2, "Besluit", "text_too_long"),
                                 ("Besluiten", 3, "Besluit", "control_char")}
    lines = "\n".join(outcome.lines("nl"))
    assert "100.000 tekens" in lines and "32.767" in lines and "code 7" in lines
    assert Store(tiny).current_id() == before


def test_text_that_looks_like_a_formula_is_exported_as_text(tiny, tmp_path):
    sheets = tiny_sheets()
    outcome = load.import_path(write_xlsx(tmp_path / "f.xlsx", sheets), tiny, user="t")
    assert outcome.result == "ongewijzigd"
    # put a text starting with '=' in the data, export, and read the cell back: still text
    store = Store(tiny)
    store.write(lambda con: con.execute("update item set name = '=1+1' where item_id = 'A'")
                and {"item": 1}, action="import", user="t")
    out = tmp_path / "export.xlsx"
    workbook.export(store.current().path, out)
    cell = load_workbook(out)["Projecten"]["B2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


# ---------------------------------------------------------------- kill -9, rollback, compare

@pytest.mark.slow
def test_killed_import_leaves_the_previous_state(tiny, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from ggu.config import ROOT

    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 2, "Bedrag", Decimal("999.00"))
    del sheets["Totalen"]                 # the stated totals would no longer add up
    path = write_xlsx(tmp_path / "change.xlsx", sheets)
    before = all_tables(Store(tiny).current().path)
    marker = tmp_path / "in-the-middle"
    proc = subprocess.Popen([sys.executable, "-m", "ggu", "import", str(path), "--data-dir",
                             str(tiny)], cwd=ROOT, env={**os.environ,
                                                        load.PAUSE_ENV: str(marker)})
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():          # wait until the load is inside its transaction
            assert proc.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    store = Store(tiny)
    assert store.current_id() == "0001" and store.ids() == ["0001"]
    assert all_tables(store.current().path) == before
    again = load.import_path(path, tiny, user="t")
    assert again.result == "ok" and again.snapshot_id == "0002"
    assert not list(store.snapshots_dir.glob(".*"))       # the killed writer's file is gone
    assert loader.query("totals_by_year", tiny, year=2023).iloc[0]["budget_eur"] == 1249.00


def test_compare_and_rollback(tiny, tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 5, "Bedrag", Decimal("300.00"))   # B 2024: 200 -> 300
    del sheets["Totalen"]                 # the stated totals would no longer add up
    load.import_path(write_xlsx(tmp_path / "c.xlsx", sheets), tiny, user="t")
    result = history.compare("0001", "0002", tiny)
    budget = result["tables"].set_index("table").loc["budget"]
    assert (budget.added, budget.removed, budget.changed) == (0, 0, 1)
    assert result["tables"].set_index("table").loc["spend"].changed == 0
    totals = result["totals"].set_index("year")
    assert totals.loc[2024, "budget_difference_eur"] == 100.00
    assert list(totals.index) == [2024]                       # only the years that differ
    split = result["split"].set_index(["year", "category"])
    assert split.loc[(2024, "meerjarig"), "share_b_pct"] == pytest.approx(300 / 1100 * 100)

    new_id = history.rollback("0001", tiny, user="t")
    assert new_id == "0003" and Store(tiny).current_id() == "0003"
    assert all_tables(Store(tiny).path("0003")) == all_tables(Store(tiny).path("0001"))
    log = loader.query("import_history", tiny)
    assert log["action"].tolist()[:3] == ["rollback", "import", "import"]
    with pytest.raises(DataError, match="bestaat niet"):
        history.rollback("0042", tiny)
    with pytest.raises(DataError, match="al de huidige"):
        history.rollback("0003", tiny)


@pytest.mark.slow
def test_a_folder_with_a_quote_in_its_name_imports_compares_and_rolls_back(tmp_path):
    """The snapshot files are attached by path (the import's current and staging files, a
    comparison, a rollback): a quote in the path is data, not SQL."""
    data = tmp_path / "gemeente's data"
    build_tiny(data)
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 5, "Bedrag", Decimal("300.00"))
    del sheets["Totalen"]
    outcome = load.import_path(write_xlsx(tmp_path / "c.xlsx", sheets), data, user="t")
    assert outcome.result == "ok" and outcome.changes["budget"] == (1, 1), outcome.lines()
    tables = history.compare("0001", "0002", data)["tables"].set_index("table")
    assert tables.loc["budget"].changed == 1
    assert history.rollback("0001", data, user="t") == "0003"
    assert all_tables(Store(data).path("0003")) == all_tables(Store(data).path("0001"))


def test_history_shows_refused_attempts_too(tiny, tmp_path):
    (tmp_path / "leeg.xlsx").write_bytes(b"")
    load.import_path(tmp_path / "leeg.xlsx", tiny, user="ilse")
    log = history.history(tiny)
    assert log.iloc[0]["result"] == "geweigerd" and log.iloc[0]["user_name"] == "ilse"
    assert log.iloc[0]["file_name"] == "leeg.xlsx"
    shown = history.history_display(log, lang="nl")
    assert shown.iloc[0]["Resultaat"] == "geweigerd"
    assert set(log["result"]) == {"ok", "geweigerd"}


def test_template_has_every_table_and_explains_every_column(tmp_path):
    out = workbook.template(tmp_path / "sjabloon.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Uitleg"
    assert set(wb.sheetnames) == {tb.sheet for tb in contract.tables()} | {"Uitleg", "Totalen"}
    assert "Uitzonderingsregels" in wb.sheetnames             # derived from schema.sql
    explained = {(r[0], r[1]) for r in wb["Uitleg"].iter_rows(min_row=3, values_only=True)}
    for tb in contract.tables():
        assert [c.value for c in wb[tb.sheet][1]] == [c.header for c in tb.columns]
        assert {(tb.sheet, c.header) for c in tb.columns} <= explained
    rows = {(r[0], r[1]): r for r in wb["Uitleg"].iter_rows(min_row=3, values_only=True)}
    assert rows[("Projecten", "Categorie")][5] == "structureel, meerjarig, kortcyclisch"
    assert rows[("Projecten", "Categorie")][4] == "ja"
    assert all(r[2] for r in rows.values()), "every column has a meaning"


def test_the_status_and_decision_sheets_round_trip_exactly(tiny, tmp_path):
    """Statusrapportages and Besluiten: export -> import into an empty folder gives the same rows
    (empty explanation, phase, item, goal and reference included)."""
    out = tmp_path / "export.xlsx"
    workbook.export(Store(tiny).current().path, out)
    outcome = load.import_path(out, tmp_path / "fresh", user="test")
    assert outcome.result == "ok", outcome.lines()[:5]
    assert outcome.rows["status_report"] == 6 and outcome.rows["decision"] == 3
    fresh = Store(tmp_path / "fresh").current().path
    for table in ("status_report", "decision"):
        assert table_rows(fresh, table) == table_rows(Store(tiny).current().path, table)


def test_status_reports_are_replaced_per_year_of_the_report_date(tiny, tmp_path):
    """A sheet with one 2024 report replaces 2024's reports and keeps those of 2023."""
    sheets = {"Statusrapportages": [["Project-id", "Rapportdatum", "Status", "Toelichting",
                                     "Fase"], ["B", dt.date(2024, 9, 30), "oranje", "Later", None]]}
    outcome = load.import_path(write_xlsx(tmp_path / "reports.xlsx", sheets), tiny, user="t")
    assert outcome.result == "ok", outcome.lines()
    rows = table_rows(Store(tiny).current().path, "status_report")
    assert sorted((r[0], str(r[1]), r[2]) for r in rows) == [
        ("A", "2023-06-30", "groen"), ("A", "2023-12-15", "oranje"), ("B", "2024-09-30", "oranje"),
        ("C", "2023-09-30", "rood")]


def test_a_status_report_twice_for_one_date_is_refused(tiny, tmp_path):
    sheets = {"Statusrapportages": [["Project-id", "Rapportdatum", "Status", "Toelichting",
                                     "Fase"], ["A", dt.date(2024, 3, 31), "rood", None, None],
                                    ["A", dt.date(2024, 3, 31), "groen", None, None]]}
    outcome = load.import_path(write_xlsx(tmp_path / "twice.xlsx", sheets), tiny, user="t")
    assert ("Statusrapportages", 3, "Rapportdatum", "duplicate") in problems(outcome)
    line = next(p for p in outcome.problems if p.code == "duplicate").line("nl")
    assert "Statusrapportages, rij 3, kolom Rapportdatum" in line and "A / 2024-03-31" in line
