"""The voorbeelddata mark: an import into demo data keeps the mark while any demo figure remains,
and the banner names the sheets and years that hold loaded figures; an export of demo data says
it is demo data; the administrator starts from empty data explicitly (command line and Beheer,
logged), after which the first file loads as real data. On a small demo-like fixture (the tiny
data marked as the demo build marks it) and, in the slow tier, on the real demo set."""
import json
import shutil
import subprocess
import sys

import openpyxl
import pytest
from conftest import TINY_SQL
from test_import import set_cell, tiny_sheets, write_xlsx
from test_pages import run_app

from ggu import cli
from ggu.config import ROOT
from ggu.ingest import history, load, workbook
from ggu.store.snapshots import DataError, Store

pytestmark = pytest.mark.sql


def demo_like(path) -> Store:
    """The tiny data written as the demo build writes its set (is_demo, source voorbeelddata)."""
    store = Store(path)
    store.write(lambda con: con.execute(TINY_SQL) and {"tiny": 1}, action="demo", user="test",
                meta={"is_demo": "true", "source": "voorbeelddata", "as_of_date": "2024-10-31"})
    return store


def meta(store: Store) -> dict:
    return store.meta()


@pytest.mark.slow
def test_one_loaded_budget_line_keeps_the_mark_and_is_named(tmp_path):
    store = demo_like(tmp_path / "data")
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 5, "Bedrag", 350)      # A 2024: 300 -> 350
    del sheets["Totalen"]
    outcome = load.import_path(write_xlsx(tmp_path / "one.xlsx", sheets), store.root, user="t")
    assert outcome.result == "ok", outcome.lines()
    m = meta(store)
    assert m["is_demo"] == "true" and m["demo_snapshot"] == "0001"
    assert json.loads(m["loaded_json"]) == {"budget": [2024]}
    assert cli.summary(2024, store.root)["is_demo"] is True


@pytest.mark.slow
def test_the_banner_says_which_sheets_and_years_hold_loaded_figures(tmp_path, monkeypatch):
    store = demo_like(tmp_path / "data")
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 2, "Bedrag", 260)      # A 2023: 250 -> 260
    set_cell(sheets, "Projecten", 3, "Eigenaar", "Team Bravo")
    del sheets["Totalen"]
    load.import_path(write_xlsx(tmp_path / "two.xlsx", sheets), store.root, user="t")
    at = run_app(store.root, monkeypatch)
    banner = at.warning[0].value
    assert banner.startswith("**Voorbeelddata.**")
    assert "ingeladen cijfers staan in Projecten; Begroting 2023" in banner


@pytest.mark.slow
def test_an_import_that_replaces_every_demo_row_drops_the_mark(tmp_path):
    """Started afresh, the first file is real data; a demo mark never comes back by itself."""
    store = demo_like(tmp_path / "data")
    history.empty(store.root, user="t")
    assert meta(store)["is_demo"] == "false" and "demo_snapshot" not in meta(store)
    outcome = load.import_path(write_xlsx(tmp_path / "all.xlsx", tiny_sheets()), store.root,
                               user="t")
    assert outcome.result == "ok" and meta(store)["is_demo"] == "false"
    assert "loaded_json" not in meta(store)


def test_empty_is_logged_and_keeps_every_earlier_snapshot(tmp_path):
    store = demo_like(tmp_path / "data")
    new = history.empty(store.root, user="beheerder")
    assert store.ids() == ["0001", new] and store.current_id() == new
    log = history.history(store.root)
    assert log.iloc[0]["action"] == "empty" and log.iloc[0]["user_name"] == "beheerder"
    with pytest.raises(DataError, match="al leeg"):
        history.empty(store.root, user="beheerder")
    history.rollback("0001", store.root, user="beheerder")   # the demo data comes back
    assert meta(store)["is_demo"] == "true"


@pytest.mark.slow
def test_empty_on_the_command_line_asks_for_confirmation(tmp_path):
    store = demo_like(tmp_path / "data")

    def ggu(*args):
        return subprocess.run([sys.executable, "-m", "ggu", *args, "--data-dir",
                               str(store.root)], capture_output=True, text=True, cwd=ROOT)

    refused = ggu("empty")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert store.current_id() == "0001"
    done = ggu("empty", "--yes")
    assert done.returncode == 0 and "lege gegevens" in done.stdout
    assert store.current_id() == "0002"


@pytest.mark.app
def test_after_empty_the_dashboard_offers_beheer_to_load_the_first_file(tmp_path, monkeypatch):
    store = demo_like(tmp_path / "data")
    history.empty(store.root, user="t")
    at = run_app(store.root, monkeypatch)
    assert "Er zijn nog geen cijfers" in at.info[0].value
    assert at.title[0].value.startswith("Beheer")
    assert not at.warning or "Voorbeelddata" not in at.warning[0].value


@pytest.mark.slow
def test_an_export_of_demo_data_says_so(tmp_path):
    store = demo_like(tmp_path / "data")
    out = tmp_path / "export.xlsx"
    workbook.export(store.current().path, out)
    book = openpyxl.load_workbook(out, read_only=True)
    first = next(book["Uitleg"].iter_rows(values_only=True))[0]
    assert first.startswith("VOORBEELDDATA") and "0001" in first
    assert "VOORBEELDDATA" in book.properties.subject
    assert workbook.export_name(store.current().path) == "GGU-voorbeelddata-0001.xlsx"
    history.empty(store.root, user="t")
    load.import_path(write_xlsx(tmp_path / "real.xlsx", tiny_sheets()), store.root, user="t")
    real = tmp_path / "real-export.xlsx"
    workbook.export(store.current().path, real)
    first = next(openpyxl.load_workbook(real, read_only=True)["Uitleg"]
                 .iter_rows(values_only=True))[0]
    assert not first.startswith("VOORBEELDDATA")


@pytest.mark.slow
def test_the_demo_export_with_one_budget_line_changed_stays_voorbeelddata(demo_dir, tmp_path):
    """The issue's case: an administrator trying the product exports the demo data, changes one
    budget line and loads the file."""
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    out = tmp_path / "export.xlsx"
    workbook.export(Store(data).current().path, out)
    book = openpyxl.load_workbook(out)
    sheet = book["Begroting"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Jaar")].value == 2024)
    row[header.index("Bedrag")].value += 1000
    book.remove(book["Totalen"])
    book.save(out)
    outcome = load.import_path(out, data, user="t")
    assert outcome.result == "ok", outcome.lines()[:5]
    m = Store(data).meta()
    assert m["is_demo"] == "true" and json.loads(m["loaded_json"]) == {"budget": [2024]}
