"""Text is text, in a real browser: with links, images, headings, HTML, emphasis, code,
Streamlit's colour, icon, emoji and logo syntax, LaTeX and an arrow planted in every text column
of every sheet (tests/test_text_planted.py), every view in Dutch and English (Overzicht,
Portfolio with an item's detail, Doelen, Uitgaven, Bijdragen with Mijn gemeente, Besluiten,
Planning, ALV-rapport and its presentation mode, the decisions in a chart's hover) makes no
element of the planted text, loads nothing from the planted address, and shows the text as
written where it shows it."""
from __future__ import annotations

import re

import pytest
from test_text_planted import HOST, plant, planted

from tools.browser import streamlit_server, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWS = ["", "portfolio?project=A", "doelen", "uitgaven", "bijdragen?gemeente=GM0001",
         "besluiten", "planning", "rapport"]
# Where a view shows a planted text in the page's text (not only in a table's canvas).
SHOWN = {"portfolio?project=A": [("item", "name"), ("goal", "name")],
         "doelen": [("goal", "description"), ("goal", "name")],
         "bijdragen?gemeente=GM0001": [("municipality", "name")]}

# Elements the planted text must never make. The planted tokens are unique to it: P<n> starts a
# heading only if `# ` was read as one; vet<n>, html<n>, code<n>, rood<n> are alone in an
# element only if **, <b>, ` or :red[] were read.
ELEMENTS = """() => {
  const own = (e) => (e.textContent || '').trim();
  const bad = [];
  const add = (why, e) => bad.push(why + ': ' + (e.outerHTML || '').slice(0, 160));
  document.querySelectorAll('a[href], img[src], image, iframe[src]').forEach(e => {
    const url = e.getAttribute('href') || e.getAttribute('src') ||
                e.getAttribute('xlink:href') || '';
    if (url.includes('127.0.0.1:9') || url.includes('evil.example')) add('link or image', e);
  });
  document.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(e => {
    if (/^P\\d+\\b/.test(own(e))) add('heading', e); });
  document.querySelectorAll('b,strong,em,i,code,del,s,span,tspan,a').forEach(e => {
    if (/^(vet|html|code|rood|link|pixel)\\d+$/.test(own(e))) add('markup', e); });
  document.querySelectorAll('script').forEach(e => {
    if (/^\\s*alert\\(\\d+\\)\\s*$/.test(e.textContent)) add('script', e); });
  document.querySelectorAll('.katex, .stMarkdownColoredText, .stMarkdownColoredBackground,'
                            + ' img[alt="Streamlit logo"]').forEach(e => add('styled', e));
  document.querySelectorAll('[data-testid="stIconMaterial"]').forEach(e => {
    if (own(e) === 'home') add('icon', e); });
  if (document.body.innerText.includes('\\u{1F604}')) bad.push('emoji :smile:');
  return bad;
}"""

# The decisions' markers: hover each one (Plotly.Fx.hover), return what the hover shows.
HOVER = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    (gd._fullData || []).forEach((trace, i) => {
      if (trace.hoverinfo !== 'text' || !trace.hovertext) return;
      window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}]);
      const layer = gd.querySelector('.hoverlayer');
      out.push({text: layer ? layer.textContent : '',
                links: layer ? layer.querySelectorAll('a').length : -1});
    });
  });
  return out;
}"""


def normal(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())


@pytest.fixture(scope="module")
def planted_url(tmp_path_factory, chromium):
    data = tmp_path_factory.mktemp("planted-web") / "data"
    plant(data)
    with streamlit_server(data) as url:
        yield url


def visit(chromium, url: str, lang: str):
    """A page in a fresh context; every request to the planted address recorded."""
    page = chromium.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page.requests = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url) if HOST in r.url
            or "evil.example" in r.url else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    sep = "&" if "?" in url else "?"
    page.goto(f"{url}{sep}lang={lang}", wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    wait_for_app(page)
    return page


def check(page, view: str) -> None:
    assert not page.locator("[data-testid='stException']").count(), view
    bad = page.evaluate(ELEMENTS)
    assert bad == [], "\n".join([view, *bad])
    assert page.requests == [], view
    assert page.errors == [], view
    shown = normal(page.locator("body").inner_text())
    for table, column in SHOWN.get(view, []):
        assert normal(planted(table, column)) in shown, (view, table, column)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("view", VIEWS)
def test_planted_text_makes_no_element_on_any_view(chromium, planted_url, view, lang):
    page = visit(chromium, f"{planted_url}/{view}", lang)
    try:
        check(page, view)
        if view in ("", "portfolio?project=A"):       # the decisions in a chart's hover
            hovers = page.evaluate(HOVER)
            assert hovers, "no chart with decision markers"
            assert all(h["links"] == 0 for h in hovers), hovers
            assert any("<b>html" in h["text"] and "![pixel" in h["text"] for h in hovers), hovers
        if view == "rapport":                            # and the presentation mode
            page.get_by_text(re.compile("Presentatiemodus|Presentation mode")).first.click()
            wait_for_app(page)
            for _ in range(12):
                check(page, "rapport (presenting)")
                following = page.locator("button[kind]").filter(
                    has_text=re.compile("Volgende|Next"))
                if not following.count() or following.first.is_disabled():
                    break
                following.first.click()
                wait_for_app(page)
    finally:
        page.context.close()
