"""The fast reader (ggu/ingest/xlsx.py, python-calamine) reads every cell as the openpyxl reader
it replaced did: the same text per cell, the same Excel row numbers, on a workbook written by
openpyxl (as the export is) and on the same workbook saved by LibreOffice; and an import keeps
amounts to the cent, dates, dates as text and error cells as they were."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from test_import import problems, set_cell, table_rows, tiny_sheets, write_xlsx

from ggu.ingest import load, read, workbook
from ggu.store import Store

pytestmark = pytest.mark.sql

FIXTURE = Path(__file__).parent / "fixtures" / "reader_libreoffice.xlsx"
# Numbers openpyxl would shorten when writing: put into the XML as Excel writes them.
RAW_NUMBERS = {"111.111": "0.30000000000000004", "222.222": "1234567.8899999999",
               "333.333": "4.9999999999999996E-3", "444.444": "1E-7"}


def openpyxl_text(v) -> str | None:
    """The reader before calamine (main until issue 26): openpyxl's value as text."""
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


def openpyxl_sheets(path) -> dict[str, tuple[list, list]]:
    """Per sheet: the header row and the non-empty rows with their Excel row number, as the
    openpyxl reader gave them."""
    wb = load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        headers, rows = None, []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            texts = [openpyxl_text(v) for v in values]
            if headers is None:
                headers = texts
            elif any(x is not None and x.strip() for x in texts):
                rows.append(texts + [number])
        out[ws.title] = (headers or [], rows)
    wb.close()
    return out


def calamine_sheets(path) -> dict[str, tuple[list, list]]:
    from ggu.ingest import xlsx
    with zipfile.ZipFile(path) as zf:
        scans = {n: xlsx.scan_part(zf, p) for n, p in xlsx.sheet_parts(zf).items()}
    wb, names = xlsx.worksheets(Path(path))
    out = {}
    for name in names:
        values = xlsx.sheet_values(wb, name, scans.get(name), Path(path))
        out[name] = (values.headers, values.rows)
    wb.close()
    return out


def _trim(sheet: tuple[list, list]) -> tuple[list, list]:
    """Rows without their trailing empty cells (how far a row reaches is not a value)."""
    def cut(texts):
        texts = list(texts)
        while texts and texts[-1] is None:
            texts.pop()
        return texts
    headers, rows = sheet
    return cut(headers), [cut(r[:-1]) + [r[-1]] for r in rows]


def tricky_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Waarden"
    ws.append(["Tekst", "Getal", "Datum", None, "Laatste"])
    ws.append(["  spaties  ", 0.1 + 0.2, dt.date(2024, 1, 31), None, "x"])
    ws.append(["Ünïcode € 😀", 1234567.89, dt.datetime(2024, 1, 31, 13, 5, 7), None, None])
    ws.append(["31-01-2024", 0.005, dt.datetime(2024, 2, 29), 7, None])
    ws.append([None, None, None, None, None])          # an empty row: skipped, numbers go on
    ws.append(["regel\nnieuw", -0.01, dt.time(12, 30), True, False])
    ws.append(["#N/A", 111.111, 222.222, 333.333, 444.444])
    ws.append(["0012", 2024, 2**53, -1e-7, 123456789012.34])
    ws.append([None, 10**15 + 0.5, 99999999.99, 1.5e300, "=\"tekst\""])
    ws["C7"].number_format = "dd-mm-yyyy"
    ws["A7"].data_type = "e"                            # an error cell (no formula)
    ws["E9"].data_type = "s"
    hidden = wb.create_sheet("Verborgen")
    hidden.sheet_state = "hidden"
    hidden["B3"] = "alleen B3"                          # rows 1-2 empty: the header row is row 1
    hidden["D5"] = 5.25
    wb.create_sheet("Leeg")
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for short, raw in RAW_NUMBERS.items():
        sheet = sheet.replace(f"<v>{short}</v>", f"<v>{raw}</v>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def test_every_cell_reads_as_openpyxl_read_it(tmp_path):
    path = tricky_workbook(tmp_path / "w.xlsx")
    old, new = openpyxl_sheets(path), calamine_sheets(path)
    assert list(new) == list(old) == ["Waarden", "Verborgen", "Leeg"]
    for name in old:
        assert _trim(new[name]) == _trim(old[name]), name
    headers, rows = new["Waarden"]
    by_row = {r[-1]: r for r in rows}
    assert 5 not in by_row and by_row[6][1] == "-0,01"        # the empty row 5 is skipped
    assert by_row[2][1] == "0,3" and by_row[3][1] == "1234567,89" and by_row[4][1] == "0,005"
    assert by_row[7][1] == "0,30000000000000004" and by_row[7][3:5] == [
        "0,004999999999999999", "0,0000001"]
    assert by_row[3][2] == "2024-01-31 13:05:07" and by_row[4][2] == "2024-02-29"
    assert by_row[7][0] == "#N/A" and by_row[8][0] == "0012" and by_row[9][4] == '="tekst"'
    assert new["Verborgen"][1] == [[None, "alleen B3", None, None, 3],
                                   [None, None, None, "5,25", 5]]


def test_a_libreoffice_file_reads_as_openpyxl_read_it():
    """The same workbook saved by LibreOffice Calc (shared strings, its own styles and part
    names): both readers agree cell by cell."""
    old, new = openpyxl_sheets(FIXTURE), calamine_sheets(FIXTURE)
    assert "Waarden" in new
    for name in old:
        assert _trim(new[name]) == _trim(old[name]), name
    with zipfile.ZipFile(FIXTURE) as zf:
        assert b"LibreOffice" in zf.read("docProps/app.xml")


def test_amounts_to_the_cent_dates_and_dates_as_text_import_exactly(tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Uitgaven", 2, "Bedrag", 1234567.89)
    set_cell(sheets, "Uitgaven", 3, "Bedrag", 0.1 + 0.2)
    set_cell(sheets, "Uitgaven", 2, "Boekdatum", "31-01-2024")
    set_cell(sheets, "Uitgaven", 3, "Boekdatum", dt.datetime(2024, 3, 1))
    path = write_xlsx(tmp_path / "u.xlsx", sheets)
    data = tmp_path / "data"
    outcome = load.import_path(path, data, user="t")
    assert outcome.result == "ok", outcome.lines()[:5]
    spend = {r[0]: r[1:4] for r in table_rows(Store(data).current().path, "spend")}
    assert spend[1] == ("A", dt.date(2024, 1, 31), Decimal("1234567.89"))
    assert spend[2] == ("B", dt.date(2024, 3, 1), Decimal("0.30"))
    assert spend[3] == ("C", dt.date(2023, 12, 1), Decimal("160.00"))


def test_a_half_cent_is_refused_with_its_row_and_column(tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Uitgaven", 3, "Bedrag", 0.005)
    outcome = load.import_path(write_xlsx(tmp_path / "c.xlsx", sheets), tmp_path / "d", user="t")
    assert problems(outcome) == {("Uitgaven", 3, "Bedrag", "decimals")}


def test_formula_cells_found_in_a_prefixed_sheet_xml(tmp_path):
    """Sheet XML with a namespace prefix (<x:c><x:f>, as some producers write) and a cell
    without a cached value: the formula is still found, with its place."""
    path = write_xlsx(tmp_path / "p.xlsx", tiny_sheets())
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    names = {ws: i for i, ws in enumerate(load_workbook(path, read_only=True).sheetnames)}
    part = f"xl/worksheets/sheet{names['Begroting'] + 1}.xml"
    xml = parts[part].decode()
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xml = xml.replace(main, main.replace("xmlns=", "xmlns:x="), 1)
    xml = xml.replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?", "<?")
    xml = xml.replace('<x:c r="D3" t="n"><x:v>', '<x:c r="D3"><x:f>1+1</x:f><x:v>', 1)
    assert "<x:f>" in xml
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    outcome = load.import_path(path, tmp_path / "d", user="t")
    assert problems(outcome) == {("Begroting", 3, "Bedrag", "formula")}


def test_formulas_are_found_in_their_own_sheet_whatever_its_part_is_called(tmp_path):
    """A sheet's part is named in the workbook's relationships, not by its position (the
    format lets a producer call it anything): here Begroting is stored in
    xl/worksheets/sheet1.xml and the first sheet in Begroting's part. A formula on Begroting
    is named there, with its column."""
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", "=100+100")
    path = write_xlsx(tmp_path / "moved.xlsx", sheets)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    names = {ws: i for i, ws in enumerate(load_workbook(path, read_only=True).sheetnames)}
    assert names["Begroting"] > 0
    one, other = "worksheets/sheet1.xml", f"worksheets/sheet{names['Begroting'] + 1}.xml"
    parts["xl/" + one], parts["xl/" + other] = parts["xl/" + other], parts["xl/" + one]
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    assert one in rels and other in rels
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(one, "SWAP").replace(
        other, one).replace("SWAP", other).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    assert load_workbook(path, read_only=True)["Begroting"]["D3"].value == "=100+100"
    outcome = load.import_path(path, tmp_path / "d", user="t")
    assert problems(outcome) == {("Begroting", 3, "Bedrag", "formula")}


def make_fixture() -> None:
    """Regenerate tests/fixtures/reader_libreoffice.xlsx (LibreOffice Calc must be installed):
    `.venv/bin/python -c 'import sys; sys.path.insert(0, "tests");
    import test_import_reader as t; t.make_fixture()'`."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        src = tricky_workbook(Path(tmp) / "reader_libreoffice.xlsx")
        ods = Path(tmp) / "ods"
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(ods),
                        str(src)], check=True, capture_output=True)
        out = Path(tmp) / "out"
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", str(out), str(ods / "reader_libreoffice.ods")], check=True,
                       capture_output=True)
        FIXTURE.parent.mkdir(exist_ok=True)
        shutil.copyfile(out / "reader_libreoffice.xlsx", FIXTURE)
    assert read.XLSX_MAGIC == FIXTURE.read_bytes()[:4]


def test_a_text_that_looks_like_an_excel_escape_round_trips(tmp_path):
    """Excel writes character 7 as _x0007_ and a written "_x0041_" as _x005F_x0041_; the reader
    decodes both as Excel does, so the export escapes such a text and it comes back whole."""
    folder = tmp_path / "csv"
    folder.mkdir()
    texts = ["_x0041_", "a_x005F_x0041_b", "prijs_x2020_"]
    (folder / "Besluiten.csv").write_text(
        "Besluit-id;Datum;Orgaan;Project-id;Doel-id;Besluit;Kenmerk\n" + "".join(
            f"B{i};2024-05-01;college;;;{text};\n" for i, text in enumerate(texts, 1)),
        encoding="utf-8")
    data = tmp_path / "data"
    assert load.import_path(folder, data, user="t").result == "ok"
    stored = {r[0]: r[5] for r in table_rows(Store(data).current().path, "decision")}
    assert [stored[f"B{i}"] for i in (1, 2, 3)] == texts
    export = tmp_path / "export.xlsx"
    workbook.export(Store(data).current().path, export)
    again = load.import_path(export, data, user="t")
    assert again.result == "ongewijzigd", again.lines("nl")


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut(tmp_path):
    """calamine cuts a text at 32,767 characters; such a sheet is read whole, so the import
    refuses the text with its place (an export could not give it back) instead of storing
    it cut."""
    sheets = tiny_sheets()
    set_cell(sheets, "Besluiten", 2, "Besluit", "LANG")   # openpyxl cuts a text it writes
    set_cell(sheets, "Besluiten", 3, "Besluit", "y" * 32_767)
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data.replace(b">LANG<", b">" + b"x" * 40_000 + b"<"))
    outcome = load.import_path(path, tmp_path / "d", user="t")
    assert problems(outcome) == {("Besluiten", 2, "Besluit", "text_too_long")}
    assert "40.000 tekens" in "\n".join(outcome.lines("nl"))
