"""Planted text in every text column of every sheet: the ALV report (HTML, PowerPoint, PDF), the
council brief and the downloads hold it as written, and the HTML report makes no element of it.
`planted_snapshot` is shared with the browser walk (tests/test_e2e_text.py)."""
from __future__ import annotations

import html
import io
import re
import subprocess
from html.parser import HTMLParser

import duckdb
import pandas as pd
import pytest
from conftest import build_tiny
from pptx import Presentation

from ggu import report
from ggu.ingest import contract
from ggu.present import downloads
from ggu.report import brief, brief_pdf
from ggu.store import loader

pytestmark = [pytest.mark.sql, pytest.mark.slow]

# One line holding every syntax an administrator could plant: a heading, an image (a tracking
# pixel on a closed port), a link, an autolink, HTML, emphasis, Streamlit's colour, icon, emoji
# and logo, LaTeX and an arrow. {n} tells the columns apart.
PLANT = ("# P{n} ![pixel{n}](http://127.0.0.1:9/p{n}.png) [link{n}](http://127.0.0.1:9/l{n}) "
         "<b>html{n}</b> <img src=http://127.0.0.1:9/i{n}.png> <script>alert({n})</script> "
         "**vet{n}** `code{n}` :red[rood{n}] :material/home: :smile: :streamlit: $x^{n}$ "
         "www.evil.example a -> b")
HOST = "127.0.0.1:9"
# A coded column whose CHECK ggu/store/tables.py does not read (the quoted name "operator").
CODED_UNREAD = {("exception_rule", "operator")}


def planted_columns() -> list[tuple[str, str]]:
    """(table, column) of every free-text column of the data (not a code, an id or a number)."""
    return [(tb.name, c.name) for tb in contract.tables() for c in tb.columns
            if c.kind == "text" and not c.allowed and c.name not in contract.IDENTIFIERS
            and (tb.name, c.name) not in CODED_UNREAD]


def planted(table: str, column: str) -> str:
    return PLANT.format(n=planted_columns().index((table, column)) + 1)


def plant(data_dir) -> None:
    """The tiny set in data_dir, with every free-text column of every row planted, written
    straight into a snapshot (as an import would store it)."""
    store = build_tiny(data_dir)

    def fill(con):
        for table, column in planted_columns():
            con.table(table).update({column: duckdb.ConstantExpression(planted(table, column))})
        return {"planted": 1}

    store.write(fill, action="import", user="test", meta={"is_demo": "false",
                                                          "as_of_date": "2024-10-31"})


@pytest.fixture(scope="module")
def planted_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("planted") / "data"
    plant(path)
    return path


def test_every_text_column_is_planted(planted_dir):
    names = loader.query("items", planted_dir)["name"].tolist()
    assert names and set(names) == {planted("item", "name")}
    assert len(planted_columns()) >= 20


class _Elements(HTMLParser):
    """Every element with its attributes and its own text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[list] = []

    def handle_starttag(self, tag, attrs):
        self.found.append([tag, dict(attrs), ""])

    def handle_data(self, data):
        if self.found:
            self.found[-1][2] += data


def test_the_html_report_makes_no_element_of_planted_text(planted_dir):
    made = report.render(report.build(2024, planted_dir, lang="nl"), "html").decode("utf-8")
    parser = _Elements()
    parser.feed(made)
    assert [e for e in parser.found if any(HOST in str(v) for v in e[1].values())] == []
    assert [e for e in parser.found if e[0] == "script"
            and re.fullmatch(r"\s*alert\(\d+\)\s*", e[2])] == []
    assert [e for e in parser.found if e[0] in ("b", "strong", "em", "h1", "h2", "h3")
            and re.fullmatch(r"(html|vet)\d+|P\d+.*", e[2].strip())] == []
    assert html.escape(planted("item", "name"), quote=False) in made


def test_the_deck_and_the_pdf_hold_planted_text_as_written(planted_dir, tmp_path):
    built = report.build(2024, planted_dir, lang="en")
    deck = Presentation(io.BytesIO(report.render(built, "pptx")))
    texts = " ".join(run.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame for p in shape.text_frame.paragraphs
                     for run in p.runs)
    assert planted("item", "name") in texts or planted("decision", "decision") in texts
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report.render(built, "pdf"))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "<b>html" in text and "![pixel" in text and ":red[rood" in text and "`code" in text


def test_the_council_brief_holds_the_planted_name_as_written(planted_dir, tmp_path):
    one = brief.build(2024, "GM0001", planted_dir, lang="nl")
    assert planted("municipality", "name") in one.title + one.lead
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(brief_pdf.render_brief(one))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "# P" in text and "![pixel" in text and "<b>html" in text


def test_the_downloads_hold_planted_text_as_written(planted_dir):
    rows = loader.query("decisions", planted_dir)
    csv = downloads.to_csv(rows, ["decision_date", "decision"]).decode("utf-8-sig")
    assert planted("decision", "decision") in csv
    frame = pd.read_excel(io.BytesIO(downloads.to_xlsx(rows, ["decision"])), engine="openpyxl")
    assert set(frame.iloc[:, 0]) == {planted("decision", "decision")}
