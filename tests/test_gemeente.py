"""One municipality, two places: "Mijn gemeente" on the Bijdragen page and its council brief
(PDF) give the same figures, to the cent; the brief is one A4 page in Dutch or English;
`python -m ggu raadsbrief` for one municipality and its errors. All 342 briefs, the folder and
the zip with the CSV: tests/test_gemeente_all.py (slow)."""
from __future__ import annotations

import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest
from test_attribution import used_dir  # noqa: F401 (the tiny data with item_use)
from test_pages import metrics, run_app

from ggu import cli
from ggu.i18n import formats as fmt
from ggu.report import brief, brief_pdf
from ggu.store import loader

pytestmark = pytest.mark.app

PAGE = "pages/bijdragen.py"


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == "td":
            self.rows[-1].append(self.cell.strip())
            self.cell = None


def html_tables(at) -> list[pd.DataFrame]:
    """The body cells of the page's text tables (blocks.text_table), in order."""
    tables = []
    for h in at.get("html"):
        if "ggu-table" in h.proto.body:
            parser = _Cells()
            parser.feed(h.proto.body)
            tables.append(pd.DataFrame([r for r in parser.rows if r]))
    return tables
YEAR = 2026


def pdf_text(content: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                         capture_output=True, check=True, timeout=60)
    return " ".join(out.stdout.decode().split())


def pages(content: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True,
                         timeout=60).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages")))


def test_tiny_page_shows_products_and_attribution_by_hand(used_dir, monkeypatch):  # noqa: F811
    at = run_app(used_dir, monkeypatch, PAGE, gemeente="GM0001")
    m = metrics(at)
    assert m["Bijdrage 2024"] == "€\xa03.000,00"
    assert m["Toegerekend 2024"] == "€\xa0387,58"         # 350.10 + 25.00 + 12.48
    assert m["Producten in gebruik"] == "2 van 3"           # A and B of A, B, D
    used, unused, common, _ = html_tables(at)
    assert list(used.iloc[:, 0]) == ["Alfa", "Bravo"]
    assert list(used.iloc[:, 2]) == ["€\xa0350,10", "€\xa025,00"]
    assert list(unused.iloc[:, 0]) == ["Delta"]
    assert list(common.iloc[:, 0]) == ["Charlie"] and common.iloc[0, 1] == "€\xa012,48"
    text = " ".join(md.value for md in at.markdown)
    assert "Eerstedorp betaalt in 2024 € 3.000,00" in text.replace("\xa0", " ")
    assert "geen factuur" in " ".join(c.value for c in at.caption)


def test_without_recorded_use_page_and_brief_say_so(tiny_dir, monkeypatch):
    """The tiny data has no sheet Gebruik: everything is shared by inhabitants among both
    municipalities. Eerstedorp (1,000 of 4,000 inhabitants) of the 2024 spending to 31 October:
    A 350.10 / 4 = 87.525 -> 87.53, B 100.00 / 4 = 25.00, C 49.90 / 4 = 12.475 -> 12.48 (each
    tie's remaining cent to the lower CBS code) = 125.01. No "0 of 0 products" anywhere."""
    at = run_app(tiny_dir, monkeypatch, PAGE, gemeente="GM0001")
    m = metrics(at)
    assert m["Toegerekend 2024"] == "€\xa0125,01"
    assert m["Producten in gebruik"] == "niet vastgelegd"
    assert "Voor 2024 is niet vastgelegd welke gemeenten" in " ".join(i.value for i in at.info)
    text = " ".join(md.value for md in at.markdown).replace("\xa0", " ")
    assert "€ 125,01 naar inwoners aan Eerstedorp toegerekend" in text
    assert "0 producten" not in text and "Niet in gebruik" not in text
    common, compare = html_tables(at)
    assert list(common.iloc[:, 1]) == ["€\xa087,53", "€\xa025,00", "€\xa012,48"]
    assert compare.shape[1] == 2                   # group and per inhabitant: no product count
    for lang, says, got in (("nl", "Voor 2024 is niet vastgelegd", "€ 125,01"),
                            ("en", "For 2024 it is not recorded", "€125.01")):
        brief_text = pdf_text(brief_pdf.render_brief(brief.build(2024, "GM0001", tiny_dir,
                                                                 lang=lang)))
        assert says in brief_text and got in brief_text
        assert "0 van 0" not in brief_text and "0 of 0" not in brief_text
        assert "0,0 producten" not in brief_text and "0.0 products" not in brief_text


def test_a_late_instalment_is_not_called_paid(used_dir):  # noqa: F811
    # GM0002's July instalment (€ 4.500) is not in: the brief says so, and its chart calls the
    # year's € 9.000 the contribution, not "betaald" (paid), as the dashboard and the site do
    text = pdf_text(brief_pdf.render_brief(brief.build(2024, "GM0002", used_dir, lang="nl")))
    assert "Termijn juli · nog niet ontvangen € 4.500,00 Totaal 2024 € 9.000,00" in text
    assert "Bijdrage en toegerekend" in text and "Betaald" not in text


def test_page_and_brief_agree_to_the_cent(demo_dir, monkeypatch):
    code, name = "GM0344", "Utrecht"
    row = loader.query("attribution_by_municipality", demo_dir, year=YEAR, cbs_code=code).iloc[0]
    paid, got = fmt.eur(row["contribution_eur"], digits=2), fmt.eur(row["attributed_eur"], digits=2)
    assert got != paid and "," in got

    at = run_app(demo_dir, monkeypatch, PAGE, gemeente=code)
    m = metrics(at)
    assert (m[f"Bijdrage {YEAR}"], m[f"Toegerekend {YEAR}"]) == (paid, got)
    page_items = html_tables(at)[0]
    button = at.get("download_button")
    assert len(button) == 1

    content = brief_pdf.render_brief(brief.build(YEAR, code, demo_dir, lang="nl"))
    assert pages(content) == 1
    text = pdf_text(content)
    space = " "
    assert paid.replace("\xa0", space) in text and got.replace("\xa0", space) in text
    for item, amount in zip(page_items.iloc[:, 0], page_items.iloc[:, 2]):
        assert f"{item}" in text and amount.replace("\xa0", space) in text
    assert "VOORBEELDDATA" in text and "geen factuur" in text
    assert f"{name}: wat betaalt de gemeente" in text


@pytest.mark.parametrize("code", ["GM0096", "GM0363"])   # Vlieland, the smallest; Amsterdam
def test_brief_is_one_page_in_english_too(demo_dir, code):
    one = brief.build(2021, code, demo_dir, lang="en")
    content = brief_pdf.render_brief(one)
    assert pages(content) == 1
    text = pdf_text(content)
    assert "what does the municipality pay into the GGU" in text
    assert "SAMPLE DATA" in text and "not an invoice" in text
    assert "Contribution and attributed, 2018–2021" in text


def test_cli_one_brief_and_clear_errors(demo_dir, tmp_path, capsys):
    one = tmp_path / "a.pdf"
    assert cli.main(["raadsbrief", "--data-dir", str(demo_dir), "--year", "2025",
                     "--gemeente", "Amsterdam", "--out", str(one)]) == 0
    assert pages(one.read_bytes()) == 1
    assert cli.main(["raadsbrief", "--data-dir", str(demo_dir), "--year", "2025",
                     "--gemeente", "GM9999", "--out", str(one)]) == 2
    assert "geen gemeente 'GM9999' in 2025" in capsys.readouterr().err
    assert cli.main(["raadsbrief", "--data-dir", str(demo_dir), "--year", "2025",
                     "--gemeente", "alle", "--out", str(tmp_path / "x.pdf")]) == 2


def test_file_names():
    assert brief.file_name("GM1900", "Súdwest-Fryslân") == "GM1900-sudwest-fryslan.pdf"
    assert brief.file_name("GM0796", "'s-Hertogenbosch") == "GM0796-s-hertogenbosch.pdf"
