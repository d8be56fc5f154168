"""Beheer: login (none, password, everywhere), the upload with a bad and a good file, history,
compare and rollback on the page; the CLI commands and their exit codes; a real upload in
Chromium."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import build_tiny
from streamlit.testing.v1 import AppTest
from test_import import set_cell, tiny_sheets, write_xlsx

from ggu import passwords
from ggu.config import ROOT
from ggu.ingest import load
from ggu.store import loader
from ggu.store.snapshots import Store

pytestmark = pytest.mark.app

PASSWORD = "een-lang-geheim-wachtwoord"


@pytest.fixture(scope="module")
def password_hash():
    return passwords.hash_password(PASSWORD)


@pytest.fixture
def tiny(tmp_path):
    build_tiny(tmp_path / "data")
    return tmp_path / "data"


def beheer(data_dir, monkeypatch, secrets=None, **query):
    monkeypatch.setenv("GGU_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.query_params.update(query)
    at.run()
    at.switch_page("pages/beheer.py").run()
    assert not at.exception, at.exception
    return at


def logged_in(data_dir, monkeypatch, password_hash, **query):
    at = beheer(data_dir, monkeypatch, {"beheer": {"password_hash": password_hash}}, **query)
    at.text_input(key="beheer_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_password_hash_round_trip(password_hash):
    assert password_hash.startswith("scrypt$") and PASSWORD not in password_hash
    assert passwords.verify_password(PASSWORD, password_hash)
    assert not passwords.verify_password(PASSWORD + "x", password_hash)
    assert not passwords.verify_password(PASSWORD, "onzin")


def test_without_login_method_beheer_explains_and_stays_closed(tiny, monkeypatch):
    monkeypatch.delenv("GGU_ADMIN_PASSWORD_HASH", raising=False)
    at = beheer(tiny, monkeypatch)
    assert at.warning[-1].value == "Beheer is nog niet ingesteld"
    text = " ".join(m.value for m in at.markdown)
    assert "python -m ggu hash-password" in text and "st.login" in text
    assert not at.file_uploader


def test_wrong_password_is_refused(tiny, monkeypatch, password_hash):
    at = beheer(tiny, monkeypatch, {"beheer": {"password_hash": password_hash}})
    at.text_input(key="beheer_password").input("fout")
    at.button[0].click().run()
    assert at.error[0].value == "Dat wachtwoord klopt niet."
    assert not at.file_uploader


def test_the_downloads_do_not_rerun_the_page(tiny, monkeypatch, password_hash):
    # as on every page (test_pages): a rerun on the click can drop the file it asks for
    at = logged_in(tiny, monkeypatch, password_hash)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Sjabloon (.xlsx)", "Huidige cijfers (.xlsx)"]
    assert all(b.proto.ignore_rerun for b in buttons)


@pytest.mark.slow
def test_upload_bad_then_good_file(tiny, monkeypatch, password_hash, tmp_path):
    at = logged_in(tiny, monkeypatch, password_hash)
    assert at.header[0].value.startswith("1. Sjabloon")
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", "veel")
    set_cell(sheets, "Projecten", 2, "Categorie", "<b>anders</b>")
    bad = write_xlsx(tmp_path / "fout.xlsx", sheets).read_bytes()
    at.file_uploader(key="upload").set_value(("fout.xlsx", bad, "application/octet-stream"))
    at.run()
    next(b for b in at.button if b.label == "Inladen").click().run()
    assert not at.exception, at.exception
    assert at.error[0].value.startswith("Het bestand is geweigerd: 2 problemen")
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Blad", "Rij", "Kolom", "Waarde", "Probleem"]
    rows = {(r.Blad, r.Rij, r.Kolom) for r in problems.itertuples()}
    assert {("Begroting", "3", "Bedrag"), ("Projecten", "2", "Categorie")} <= rows
    assert "<b>anders</b>" in problems["Waarde"].tolist()      # shown as text, not HTML
    assert Store(tiny).current_id() == "0001"

    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", 400)           # A 2024: 300 -> 400
    del sheets["Totalen"]
    good = write_xlsx(tmp_path / "goed.xlsx", sheets).read_bytes()
    at.file_uploader(key="upload").set_value(("goed.xlsx", good, "application/octet-stream"))
    at.run()
    next(b for b in at.button if b.label == "Inladen").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Ingeladen als snapshot 0002")
    # the frame shows the new snapshot at once, and so do the figures
    assert any("gegevensstand: snapshot 0002" in c.value for c in at.caption)
    assert loader.query("totals_by_year", tiny, year=2024).iloc[0]["budget_eur"] == 1100.00


@pytest.mark.slow
def test_history_compare_and_rollback_on_the_page(tiny, monkeypatch, password_hash, tmp_path):
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", 400)
    del sheets["Totalen"]
    load.import_path(write_xlsx(tmp_path / "goed.xlsx", sheets), tiny, user="ilse")
    (tmp_path / "leeg.xlsx").write_bytes(b"")
    load.import_path(tmp_path / "leeg.xlsx", tiny, user="ilse")

    at = logged_in(tiny, monkeypatch, password_hash)
    frames = [d.value for d in at.dataframe] + [tb.value for tb in at.table]
    log = next(f for f in frames if "Resultaat" in f.columns)
    assert log["Resultaat"].tolist()[:2] == ["geweigerd", "geladen"]
    assert log["Bestand"].tolist()[:2] == ["leeg.xlsx", "goed.xlsx"]
    tables = next(f for f in frames if "Gewijzigd" in f.columns)
    assert tables.set_index("Tabel").loc["Begroting", "Gewijzigd"] == "1"
    totals = next(f for f in frames if "Verschil begroting" in f.columns)
    assert totals.set_index("Jaar").loc["2024", "Verschil begroting"] == "€\u00a0100,00"
    rows = next(f for f in frames if "Wijziging" in f.columns)   # which row, before and after
    assert rows.to_dict("records") == [{
        "Blad": "Begroting", "Rij": "A · 2024 · Fonds GGU", "Wijziging": "gewijzigd",
        "Kolom": "Bedrag", "Ervoor (A)": "€\u00a0300,00", "Erna (B)": "€\u00a0400,00"}]

    at.checkbox(key="rollback_sure").check().run()
    next(b for b in at.button if b.label == "Terugzetten").click().run()
    assert not at.exception, at.exception
    assert any("snapshot 0003 heeft nu de inhoud van snapshot 0001" in s.value
               for s in at.success)
    assert loader.query("totals_by_year", tiny, year=2024).iloc[0]["budget_eur"] == 1000.00


def test_login_can_be_required_on_every_page(tiny, monkeypatch, password_hash):
    monkeypatch.setenv("GGU_DATA_DIR", str(tiny))
    monkeypatch.setenv("GGU_REQUIRE_LOGIN", "true")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["beheer"] = {"password_hash": password_hash}
    at.run()
    assert not at.exception
    assert not at.metric and at.info[0].value == "Log in om het dashboard te zien."
    at.text_input(key="beheer_password").input(PASSWORD)
    at.button[0].click().run()
    assert at.title[0].value == "Overzicht 2024" and at.metric


# ---------------------------------------------------------------- the command line

def ggu(*args, input=None):
    return subprocess.run([sys.executable, "-m", "ggu", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, input=input)


@pytest.mark.slow
def test_cli_template_export_import_snapshots_rollback(tiny, tmp_path):
    d = ["--data-dir", str(tiny)]
    out = ggu("template", str(tmp_path / "sjabloon.xlsx"), *d)
    assert out.returncode == 0 and (tmp_path / "sjabloon.xlsx").stat().st_size > 0
    out = ggu("export", str(tmp_path / "export.xlsx"), *d)
    assert out.returncode == 0 and "Begroting 8" in out.stdout
    out = ggu("import", str(tmp_path / "export.xlsx"), *d)
    assert out.returncode == 0 and "Niets veranderd" in out.stdout

    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", "veel")
    set_cell(sheets, "Uitgaven", 2, "Boekdatum", "31-02-2024")
    out = ggu("import", str(write_xlsx(tmp_path / "fout.xlsx", sheets)), *d)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "Begroting, rij 3, kolom Bedrag: Verwacht een getal" in out.stderr
    assert "Uitgaven, rij 2, kolom Boekdatum: Verwacht een bestaande datum" in out.stderr

    del sheets["Totalen"]
    set_cell(sheets, "Begroting", 3, "Bedrag", 400)
    set_cell(sheets, "Uitgaven", 2, "Boekdatum", "15-03-2023")
    out = ggu("import", str(write_xlsx(tmp_path / "goed.xlsx", sheets)), "--as-of",
              "2024-10-31", *d)
    assert out.returncode == 0, out.stderr
    assert "Ingeladen als snapshot 0002" in out.stdout
    assert "Begroting: 8 rijen in het bestand; 1 nieuw of gewijzigd" in out.stdout

    out = ggu("snapshots", *d)
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and lines[0].startswith("* 0002") and "goed.xlsx" in lines[0]
    assert lines[1].startswith("  0001")
    out = ggu("rollback", "0001", *d)
    assert out.returncode == 0 and "snapshot 0003" in out.stdout
    out = ggu("rollback", "0099", *d)
    assert out.returncode == 1 and "bestaat niet" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("args, code, message", [
    (["import"], 2, "deze argumenten ontbreken"),
    (["template", "uit.txt"], 2, "moet eindigen op .xlsx"),
    (["import", "bestaat-niet.xlsx"], 1, "bestaat niet"),
    (["import", "x.xlsx", "--as-of", "gisteren"], 2, "geen datum"),
])
def test_cli_errors_are_one_clean_message(tiny, args, code, message):
    out = ggu(*args, "--data-dir", str(tiny))
    assert out.returncode == code, out.stderr
    assert message in out.stderr and "Traceback" not in out.stderr


def test_cli_hash_password_from_stdin():
    out = ggu("hash-password", input=PASSWORD + "\n")
    assert out.returncode == 0
    assert passwords.verify_password(PASSWORD, out.stdout.strip())
    assert ggu("hash-password", input="kort\n").returncode == 2


# ---------------------------------------------------------------- a real browser

@pytest.mark.browser
def test_upload_in_the_browser(tmp_path, password_hash, monkeypatch, chromium):
    from tools.browser import fresh, open_page, streamlit_server, wait_for_app

    data = tmp_path / "data"
    build_tiny(data)
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 3, "Bedrag", 400)
    del sheets["Totalen"]
    good = write_xlsx(tmp_path / "goed.xlsx", sheets)
    monkeypatch.setenv("GGU_ADMIN_PASSWORD_HASH", password_hash)
    with streamlit_server(data) as url, fresh(chromium) as b:
        page = open_page(b, f"{url}/beheer")
        wait_for_app(page)
        page.get_by_label("Wachtwoord beheerder").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("1. Sjabloon of huidige cijfers downloaden").wait_for(timeout=30_000)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(good))
        page.get_by_role("button", name="Inladen").wait_for(timeout=30_000)
        page.get_by_role("button", name="Inladen").click()
        page.get_by_text("Ingeladen als snapshot 0002").wait_for(timeout=60_000)
        assert page.get_by_text("Huidige gegevensstand: snapshot 0002").count() >= 1
        assert not page.locator("[data-testid='stException']").count()
    assert Store(data).current_id() == "0002"
