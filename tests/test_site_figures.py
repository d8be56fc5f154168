"""A municipality's page on the public site, its council brief and "Mijn gemeente" on the
dashboard's Bijdragen page give the same figures, to the cent: for a sample of municipalities
(the largest, the smallest, one with a quote in its name), every year on the page against the
brief of that year, and against the dashboard every year for Utrecht, the brief's year for
Vlieland."""
from __future__ import annotations

import datetime as dt

import pytest
from test_gemeente import pdf_text
from test_pages import metrics, run_app
from test_site import Page

from ggu.report import brief, brief_pdf
from ggu.site import municipalities, pages, render
from ggu.store import Store

pytestmark = [pytest.mark.app, pytest.mark.slow]

SAMPLE = ["GM0344", "GM0096", "GM0363", "GM0518"]   # Utrecht, Vlieland, Amsterdam, 's-Gravenhage


@pytest.fixture(scope="module")
def sample_site(demo_dir, tmp_path_factory):
    snapshot = Store(demo_dir).readable()
    year = pages.Figures(demo_dir, str(snapshot.path)).brief_year
    site = render.Site(out=tmp_path_factory.mktemp("site"), base_url="http://127.0.0.1:8080/",
                       snapshot=snapshot.id, as_of=None, is_demo=True)
    render.copy_assets(site)
    for lang in ("nl", "en"):
        municipalities.write_chunk(site, str(snapshot.path), year, lang, SAMPLE,
                                   dt.date.today())
    return site.out, year


def year_rows(html: Page) -> dict[int, list[str]]:
    """The table 'what it paid and got each year': year -> [paid, attributed, %]."""
    return {int(r[0]): r[1:] for r in html.rows if len(r) == 4 and r[0].isdigit()}


def plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.mark.parametrize("code", SAMPLE)
def test_every_year_on_the_page_is_the_brief_to_the_cent(sample_site, demo_dir, code):
    out, year = sample_site
    for lang, section in (("nl", "gemeenten"), ("en", "municipalities")):
        html = Page((out / lang / section / code / "index.html").read_text(encoding="utf-8"))
        rows = year_rows(html)
        assert len(rows) >= 9, rows                     # every year of the demo data
        for y, (paid, attributed, _) in rows.items():
            one = brief.build(y, code, demo_dir, lang=lang)
            assert plain(one.paid_rows[-1][1]) == paid, (lang, y)
            assert plain(one.total_rows[-1][1]) == attributed, (lang, y)
        pdf = (out / lang / section / code).glob("*.pdf")
        text = plain(pdf_text(next(pdf).read_bytes()))
        paid, attributed, _ = rows[year]
        assert paid in text and attributed in text


@pytest.mark.parametrize("code", SAMPLE[:2])
def test_the_page_is_the_dashboard_to_the_cent(sample_site, demo_dir, monkeypatch, code):
    """Utrecht in every year of the page, Vlieland in the brief's year: the page's figures are
    Mijn gemeente's metrics on the dashboard (and the brief's)."""
    out, year = sample_site
    html = Page((out / "nl/gemeenten" / code / "index.html").read_text(encoding="utf-8"))
    rows = year_rows(html)
    for y in sorted(rows) if code == SAMPLE[0] else [year]:
        paid, attributed, _ = rows[y]
        at = run_app(demo_dir, monkeypatch, "pages/bijdragen.py", gemeente=code, jaar=str(y))
        m = metrics(at)
        assert (plain(m[f"Bijdrage {y}"]), plain(m[f"Toegerekend {y}"])) == (paid, attributed), y
    paid, attributed, _ = rows[year]
    brief_text = plain(pdf_text(brief_pdf.render_brief(brief.build(year, code, demo_dir))))
    assert paid in brief_text and attributed in brief_text
