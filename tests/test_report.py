"""The ALV report: PDF, PowerPoint and HTML for two years, their figures equal the queries and
`ggu summary`, the PDF survives a missing Chromium, the CLI command and the page."""
import datetime as dt
import io
import re
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu

from ggu import cli, i18n, report
from ggu.i18n import formats as fmt
from ggu.report import pdf
from ggu.store import loader
from tests.test_pages import run_app

pytestmark = pytest.mark.sql

YEARS = (2024, 2025)


@pytest.fixture(scope="module")
def reports(demo_dir):
    """Per year the report (Dutch), built once."""
    return {year: report.build(year, demo_dir, lang="nl", made=dt.date(2026, 11, 24))
            for year in YEARS}


@pytest.fixture(scope="module")
def built(reports):
    """Per year the report and its chart images (one Chromium session each: the slow tier)."""
    return {year: (rep, pdf.chart_images(rep)) for year, rep in reports.items()}


def pdf_text(content: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, check=True,
                          capture_output=True).stdout.decode("utf-8")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.slow
@pytest.mark.parametrize("year", YEARS)
def test_pdf_holds_total_split_and_demo_mark_on_every_page(built, demo_dir, year):
    rep, images = built[year]
    assert set(images) == {s.key for s in rep.slides if s.chart is not None}
    content = report.render_pdf(rep, images)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    s = cli.summary(year, demo_dir)
    assert f"De begroting {year} in één getal: {fmt.eur_mln(s['budget_eur'], lang='nl')}".replace(
        "\u00a0", " ") in text
    for c in s["categories"]:
        assert fmt.pct(c["budget_share_pct"], lang="nl") in text
        assert fmt.pct(c["norm_pct"], digits=0, lang="nl") in text
    pages = text.split("\f")[:-1]
    assert len(pages) == len(rep.slides)
    assert all("VOORBEELDDATA" in p for p in pages)
    assert all(f"Pagina {n} van {len(pages)}" in p for n, p in enumerate(pages, start=1))
    assert "Snapshot " + s["snapshot"] in text and "Bron inwoners: CBS" in text


@pytest.mark.slow
def test_pdf_2024_states_58_million(built):
    text = pdf_text(report.render_pdf(built[2024][0], built[2024][1]))
    assert "€ 58,0 mln" in text
    assert "grafiek niet beschikbaar" not in text.lower()


def test_pdf_without_chromium_falls_back_to_tables(reports, demo_dir, monkeypatch):
    def no_chromium(*args, **kwargs):
        raise RuntimeError("Chromium not found")

    monkeypatch.setattr(pdf, "chart_images", no_chromium)
    rep = reports[2024]
    text = pdf_text(report.render_pdf(rep))
    assert text.count("Grafiek niet beschikbaar") == sum(s.chart is not None for s in rep.slides)
    s = cli.summary(2024, demo_dir)
    for c in s["categories"]:   # the split's table stands in for the chart
        assert fmt.eur(c["budget_eur"], lang="nl").replace("\u00a0", " ") in text


def native_charts(content: bytes) -> dict[str, list]:
    """Per slide title the native charts' (type, categories, {series: values})."""
    out = {}
    for slide in Presentation(io.BytesIO(content)).slides:
        title = slide.shapes[0].text_frame.text if slide.shapes[0].has_text_frame else ""
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                out[title] = (shape.chart.chart_type, list(plot.categories),
                              {s.name: list(s.values) for s in plot.series})
    return out


@pytest.mark.parametrize("year", YEARS)
def test_pptx_has_native_charts_equal_to_the_queries(reports, demo_dir, year):
    rep = reports[year]
    content = report.render_pptx(rep)
    prs = Presentation(io.BytesIO(content))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))   # 16:9
    assert len(prs.slides) == len(rep.slides)
    charts = native_charts(content)
    split = loader.query("split_by_category_by_year", demo_dir, year=year)
    titles = {s.key: s.title for s in rep.slides}
    _, cats, series = charts[titles["split"]]
    assert cats == ["Structureel", "Meerjarig", "Kortcyclisch"]
    assert series["Aandeel begroting"] == pytest.approx(split["budget_share_pct"].tolist(),
                                                        abs=1e-9)
    assert series["Norm"] == pytest.approx(split["norm_pct"].tolist(), abs=1e-9)
    _, _, series = charts[titles["spending"]]
    assert series["Begroting"] == pytest.approx(split["budget_eur"].tolist(), abs=0.005)
    assert series["Besteed"] == pytest.approx(split["spent_eur"].tolist(), abs=0.005)
    totals = loader.query("totals_by_year", demo_dir)
    totals = totals[totals["year"] <= year]
    kind, cats, series = charts[titles["trend"]]
    assert "LINE" in str(kind) and cats == [str(y) for y in totals["year"]]
    assert series["Begroting"] == pytest.approx(totals["budget_eur"].tolist(), abs=0.005)
    tables = [sh for sl in prs.slides for sh in sl.shapes if sh.has_table]
    assert tables, "tables are real tables"


@pytest.mark.parametrize("year", YEARS)
def test_html_is_self_contained_and_interactive(reports, year):
    page = report.render_html(reports[year]).decode("utf-8")
    assert page.count("<script type=\"text/javascript\">/**") == 1 or "plotly.js v" in page
    assert page.count("<div class='chart' data-figure") == sum(s.chart is not None
                                                               for s in reports[year].slides)
    outside_scripts = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", outside_scripts)
    assert not re.search(r"<script[^>]+src=|<link\b|@import|url\(\s*['\"]?https?:", page)


@pytest.mark.parametrize("year", YEARS)
def test_report_figures_reconcile_with_cli_summary_to_the_cent(reports, demo_dir, year):
    figures = reports[year].figures
    s = cli.summary(year, demo_dir)
    assert round(figures["budget_eur"], 2) == s["budget_eur"]
    assert round(figures["spent_eur"], 2) == s["spent_eur"]
    for c in s["categories"]:
        mine = figures["categories"][c["category"]]
        for key in ("budget_eur", "spent_eur", "budget_share_pct", "norm_pct", "deviation_pp"):
            assert round(mine[key], 2) == c[key], (c["category"], key)
    fund = next(sl for sl in reports[year].slides if sl.key == "fund")
    assert fund.kpis[0][0] == fmt.eur_mln(s["budget_eur"], lang="nl")


def test_english_report(demo_dir):
    rep = report.build(2024, demo_dir, lang="en")
    assert rep.slides[1].title == "The 2024 budget in one number: €58.0M"
    assert b"Source of inhabitants: CBS" in report.render_html(rep)


def test_cli_report_exit_codes(demo_dir, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["report", "--year", "2024", "--format", "html", "--out", str(out),
                     "--data-dir", str(demo_dir)]) == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    assert cli.main(["report", "--year", "1999", "--format", "pdf", "--out", "x.pdf",
                     "--data-dir", str(demo_dir)]) == 2
    assert cli.main(["report", "--year", "2024", "--format", "doc", "--out", "x.doc",
                     "--data-dir", str(demo_dir)]) == 2
    assert cli.main(["report", "--year", "2024", "--format", "pptx", "--out", "x.pdf",
                     "--data-dir", str(demo_dir)]) == 2
    assert cli.main(["report", "--year", "2024", "--format", "html",
                     "--out", str(tmp_path / "missing" / "r.html"),
                     "--data-dir", str(demo_dir)]) == 1
    assert cli.main(["report", "--year", "2024", "--format", "html", "--out", "x.html",
                     "--data-dir", str(tmp_path / "empty")]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 5 and all(e.startswith("ggu: ") for e in errors)


@pytest.mark.slow
def test_page_presentation_mode_comes_from_the_address(demo_dir, monkeypatch):
    """The toggle, or `?presentatie=1`, turns the page into the deck (drawn in the browser:
    tests/test_e2e_present.py) and puts the mode and the slide in the address."""
    at = run_app(demo_dir, monkeypatch, "pages/rapport.py", jaar="2024")
    assert at.title[0].value == "ALV-rapport 2024"
    assert len(at.get("download_button")) == 3
    at.toggle(key="presenteren").set_value(True).run()
    assert not at.title and not at.get("download_button")
    assert at.query_params["presentatie"] == "1" and at.query_params["dia"] == "1"


def labels_per_series(chart) -> dict[str, int]:
    """How many points of each series of a native chart show their value, read from the XML as
    PowerPoint and LibreOffice read it: a series' own c:dLbls win over the plot's, and a
    c:dLbl with c:delete hides its point's label."""
    from pptx.oxml.ns import qn
    plot = chart.plots[0]
    shown_by_plot = plot.has_data_labels and plot.data_labels.show_value
    out = {}
    for series in plot.series:
        points = len(list(series.values))
        own = series._element.find(qn("c:dLbls"))
        if own is None:
            out[series.name] = points if shown_by_plot else 0
            continue
        deleted = sum(1 for label in own.findall(qn("c:dLbl"))
                      if label.find(qn("c:delete")) is not None
                      and label.find(qn("c:delete")).get("val") in ("1", "true"))
        show = own.find(qn("c:showVal"))
        out[series.name] = points - deleted if show is not None and show.get("val") in (
            "1", "true") else 0
    return out


@pytest.mark.parametrize("year", YEARS)
def test_pptx_data_labels_do_not_crowd_the_charts(reports, year):
    """The trend (two lines of eight years and more) and the contributions (a column a year
    beside a table) label only their latest value; the few bars of the split and the spending
    label each."""
    rep = reports[year]
    prs = Presentation(io.BytesIO(report.render_pptx(rep)))
    titles = {s.title: s.key for s in rep.slides}
    labels = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                labels[titles[slide.shapes[0].text_frame.text]] = labels_per_series(shape.chart)
    assert set(labels["trend"].values()) == {1} and len(labels["trend"]) == 2
    assert labels["contributions"] == {"Bijdragen van gemeenten": 1}
    assert labels["split"] == {"Aandeel begroting": 3, "Norm": 3}
    assert labels["spending"] == {"Begroting": 3, "Besteed": 3}


def test_a_list_is_cut_only_when_the_next_item_does_not_fit():
    from ggu.report.build import LIST_CHARS, LIST_LINES, fit_list
    with i18n.using("nl"):
        short = [f"project {n}" for n in range(LIST_LINES)]          # one line each: all fit
        assert fit_list(short) == short
        long = ["x" * (2 * LIST_CHARS)] * 20                         # two lines each
        shown = fit_list(long)
        assert shown[-1] == f"… en nog {20 - (len(shown) - 1)}"
        # the items shown and the 'and n more' line fill the room; one more would not fit
        assert 2 * (len(shown) - 1) + 1 <= LIST_LINES < 2 * len(shown) + 1
        assert fit_list([]) == ["Geen."]


def test_the_status_slide_lists_every_item_when_they_fit(demo_dir):
    """2026 in the demo: eight items went red; the slide once showed five and '… en nog 3' with
    half the slide empty. Now every list that fits is whole, in every format (one model)."""
    rep = report.build(2026, demo_dir, lang="nl")
    status = next(s for s in rep.slides if s.key == "status")
    red = loader.query("status_changes", demo_dir, year=2026, since="jaareinde")
    red = red[red["status_change"] == "rood"]
    assert len(red) == 8 and len(status.lists[0][1]) == 8
    assert not any("… en nog" in line for _, lines in status.lists for line in lines)
    prs = Presentation(io.BytesIO(report.render_pptx(rep)))
    shown = [sh.text_frame.text for sl in prs.slides for sh in sl.shapes
             if sh.has_text_frame and sh.text_frame.text.startswith("Naar rood in 2026")]
    assert shown and all(name in shown[0] for name in red["name"])
    # and at full size: the lists need not shrink their type to fit the slide
    sizes = {p.font.size.pt for sl in prs.slides for sh in sl.shapes if sh.has_text_frame
             and sh.text_frame.text.startswith(("Naar rood", "Grootste begroting"))
             for p in sh.text_frame.paragraphs[1:] if p.runs}
    assert sizes == {12}


DEVELOPER = re.compile(r"python -m|\bmake [a-z]|\.venv/|pip install|ggu summary|`")


def _file_texts(rep, monkeypatch) -> list[str]:
    """What a reader sees of a report in each format: the PDF's text (charts as their
    tables), the PowerPoint's text boxes and tables, the HTML file without its scripts."""
    monkeypatch.setattr(pdf, "chart_images", lambda *a, **k: {})
    deck = Presentation(io.BytesIO(report.render_pptx(rep)))
    shapes = [sh for sl in deck.slides for sh in sl.shapes]
    page = report.render_html(rep).decode("utf-8")
    return [pdf_text(report.render_pdf(rep)),
            *[sh.text_frame.text for sh in shapes if sh.has_text_frame],
            *[c.text for sh in shapes if sh.has_table for c in sh.table.iter_cells()],
            re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_developer_instruction_reaches_a_reader(demo_dir, monkeypatch, lang):
    """The ALV sees the figures, not commands: no `python -m`, `make …` or code in any slide of
    the report or the proposal, in any format, nor on the ALV-rapport page (those belong in
    docs/ and on Beheer)."""
    texts = []
    for rep in (report.build(2026, demo_dir, lang=lang), report.build_proposal(
            "basis", demo_dir, lang=lang)):
        texts += [x for s in rep.slides for x in (s.title, s.lead, *s.notes,
                                                  *[i for _, lines in s.lists for i in lines])]
        texts += _file_texts(rep, monkeypatch)
    found = [x for x in texts if DEVELOPER.search(x)]
    assert found == [], [DEVELOPER.search(x).group(0) + ": " + x[:200] for x in found]
    at = run_app(demo_dir, monkeypatch, "pages/rapport.py", jaar="2026", lang=lang)
    shown = [e.value for e in [*at.title, *at.markdown, *at.caption]] + [
        at.toggle(key="presenteren").help or ""]
    assert shown and [x for x in shown if DEVELOPER.search(x)] == []
