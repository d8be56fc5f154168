"""Hostile input: every URL parameter of every page with injection, very long, unicode and
path values; a workbook full of HTML and script, shown as text everywhere (the guard on where
st.html is called is in test_layers.py)."""
from __future__ import annotations

import ast
import html
import os

import pytest
from test_import import set_cell, tiny_sheets, write_xlsx
from test_pages import PAGES, cell_texts, run_app

from ggu import report
from ggu.config import ROOT
from ggu.ingest import load
from ggu.report import html as report_html
from ggu.web import url
from tools.browser import fresh, open_page, streamlit_server, wait_for_app

pytestmark = pytest.mark.app

HOSTILE = ["' OR 1=1 --", "x" * 10_000, "𝕏 ß 漢字 \u202e", "../../etc/passwd",
           "<script>alert(1)</script>"]
# Every URL parameter: the frame's on every page, and each page's own.
FRAME_PARAMS = ["jaar", "lang"]
PAGE_PARAMS = {
    "portfolio": ["project", "item", "vergelijk"],   # item: the old name of project
    "doelen": ["vergelijk"],
    "uitgaven": ["van", "tot", "eenheid", "prijsjaar", "categorie", "thema", "doel", "project",
                 "kostensoort", "bron"],
    "bijdragen": ["gemeente"],
    "planning": ["scenario"],
    "besluiten": ["orgaan", "besluit_van", "besluit_tot", "besluit_project", "besluit_doel"],
}


def figures(at) -> dict:
    """What a user reads on the page: headings, metrics, captions and the tables' contents."""
    return {
        "title": [e.value for e in at.title],
        "headers": [e.value for e in [*at.header, *at.subheader]],
        "metric": [(m.label, m.value) for m in at.metric],
        "caption": [c.value for c in at.caption],
        "tables": [df.value.to_csv() for df in at.dataframe],
    }


def test_every_url_parameter_is_listed():
    """The list above covers every parameter the pages and the frame read from the URL."""
    read = set()
    for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (
                    getattr(node.func, "attr", "") == "get"
                    and "query_params" in ast.unparse(node.func) or
                    ast.unparse(node.func) in ("url.state", "url.wanted")):
                read.add(ast.literal_eval(node.args[0]) if isinstance(node.args[0], ast.Constant)
                         else ast.unparse(node.args[0]))
            for kw in getattr(node, "keywords", []):
                if kw.arg == "bind":
                    read.add(next(k.value.value for k in node.keywords if k.arg == "key"))
    read.discard("key")   # a key in a variable: bijdragen (gemeente), the Uitgaven multiselects
    listed = set(FRAME_PARAMS) | {p for params in PAGE_PARAMS.values() for p in params}
    assert read <= listed, read - listed
    assert {"lang", "jaar", "project", "gemeente", "van"} <= read   # the finder finds them
    assert set(url.ALIASES) <= listed                                 # old keys are tried too


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_hostile_values_in_every_url_parameter(page, demo_dir, monkeypatch):
    name = os.path.basename(page)[:-3]
    params = FRAME_PARAMS + PAGE_PARAMS.get(name, [])
    plain = run_app(demo_dir, monkeypatch, page)
    for value in HOSTILE:
        at = run_app(demo_dir, monkeypatch, page, **{p: value for p in params})  # no exception
        assert figures(at) == figures(plain), (page, value[:40])
        assert at.session_state["lang"] == "nl" and at.session_state["jaar"] == 2026
        if name == "portfolio":   # a refused link says so
            assert any("onbekend" in w.value.lower() or "bestaat niet" in w.value.lower()
                       for w in at.warning), [w.value for w in at.warning]


# ---------------------------------------------------------------- XSS

SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    """The tiny data with HTML and script in item names, reasons, a theme and goal texts,
    imported through the importer like any workbook."""
    tmp = tmp_path_factory.mktemp("hostile")
    sheets = tiny_sheets()
    set_cell(sheets, "Projecten", 2, "Naam", SCRIPT)              # item A
    set_cell(sheets, "Projecten", 3, "Naam", IMG)                 # item B
    set_cell(sheets, "Projecten", 2, "Toelichting status", IMG)
    set_cell(sheets, "Projecten", 4, "Thema", SCRIPT)
    set_cell(sheets, "Doelen", 2, "Naam", IMG)
    set_cell(sheets, "Doelen", 2, "Omschrijving", SCRIPT)
    outcome = load.import_path(write_xlsx(tmp / "hostile.xlsx", sheets), tmp / "data",
                                   user="test")
    assert outcome.result == "ok", outcome.lines()
    return tmp / "data"


@pytest.mark.parametrize("page", PAGES)
def test_hostile_workbook_is_shown_as_text_on_every_page(page, hostile_dir, monkeypatch):
    at = run_app(hostile_dir, monkeypatch, page, project="A")
    # raw HTML only goes out through st.html; none of it may carry the data unescaped
    for element in at.get("html"):
        body = element.proto.body
        assert SCRIPT not in body and IMG not in body, page
    if page.endswith("overzicht.py"):   # the points of attention: an HTML table, as text
        [table] = [h.proto.body for h in at.get("html") if "ggu-table" in h.proto.body]
        cells = [cell for row in cell_texts(table) for cell in row]
        assert SCRIPT in cells and IMG in cells
    if page.endswith("portfolio.py"):
        shown = " ".join(e.value for e in [*at.title, *at.header, *at.subheader, *at.markdown,
                                           *at.caption])
        tables = " ".join(df.value.to_csv() for df in at.dataframe)
        assert SCRIPT in shown + tables and IMG in tables


def test_the_report_slides_show_hostile_names_as_text(hostile_dir):
    """The ALV-rapport page puts the report's slides in st.html: every text in them is escaped
    (ggu/report/html.py), so a hostile item name stands there as text."""
    rep = report.build(2024, hostile_dir, lang="nl")
    blocks = "".join(report_html.slide_block(s, rep) for s in rep.slides)
    assert SCRIPT not in blocks and IMG not in blocks
    assert html.escape(SCRIPT) in blocks


@pytest.mark.browser
def test_hostile_names_render_as_text_in_the_browser(hostile_dir, chromium):
    with streamlit_server(hostile_dir) as url, fresh(chromium) as b:
        page = open_page(b, f"{url}/portfolio?item=A")
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        wait_for_app(page)
        injected = page.evaluate("""() => ({
            scripts: [...document.querySelectorAll('script')]
                .filter(s => s.textContent.includes('alert(1)')).length,
            onerror: document.querySelectorAll('img[onerror], [onerror]').length,
            text: document.body.innerText})""")
        assert injected["scripts"] == 0 and injected["onerror"] == 0
        assert SCRIPT in injected["text"]          # the name, visible as text
        assert dialogs == []                       # no alert() ever ran
