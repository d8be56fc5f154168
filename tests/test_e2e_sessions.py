"""One server, many sessions: every page shows the same figures to every visitor, however many
came before. Three fresh sessions open every page on one server, and one session opens every
page a second time through the navigation; each time each chart has the same traces (count and
names, so no decision markers piling up), the same value axis and the same headline figures.
(Before, a figure cached for all sessions was changed in place by one of them: each visit of
the Overzicht added one more "Besluiten (50)" trace to the trend chart, and a project's chart
on Portfolio the same.)"""
from __future__ import annotations

import pytest
from conftest import E2E_PASSWORD

from ggu.i18n import t
from tools.browser import fresh, open_page, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every page; Portfolio with a project that has decisions in the demo's latest year, so its
# burn-up carries decision markers as the Overzicht's trend does.
PAGES = {"overzicht": "", "portfolio": "portfolio?project=FGNET", "doelen": "doelen",
         "uitgaven": "uitgaven", "bijdragen": "bijdragen", "planning": "planning",
         "rapport": "rapport", "besluiten": "besluiten", "beheer": "beheer"}

DRAWN = """() => [...document.querySelectorAll('.ggu-plot')].every(
    gd => gd.clientWidth === 0 || (gd.data && gd._fullLayout))"""

FIGURES = """() => ({
    charts: [...document.querySelectorAll('.ggu-plot')].filter(gd => gd.data).map(gd => ({
        names: gd.data.map(trace => trace.name || ''),
        y: gd._fullLayout.yaxis && gd._fullLayout.yaxis.range
           ? gd._fullLayout.yaxis.range.map(v => typeof v === 'number' ? v.toPrecision(4) : v)
           : null})),
    kpis: [...document.querySelectorAll("[data-testid='stMetric']")].map(
        m => m.innerText.split(/\\s+/).join(' ')),
})"""


def figures(page) -> dict:
    """What a visitor sees of the page's figures: per chart its traces (names, so also their
    number) and its value axis; the headline figures (st.metric) as text."""
    if page.locator("[data-testid='stForm'] input[type='password']").count():
        field = page.locator("[data-testid='stForm'] input[type='password']")
        field.fill(E2E_PASSWORD)
        field.press("Enter")
        page.wait_for_selector("[data-testid='stFileUploader']", timeout=30_000)
        wait_for_app(page)
    page.wait_for_function(DRAWN, timeout=60_000)
    return page.evaluate(FIGURES)


NAV = {"overzicht": "nav.overview", "portfolio": "nav.portfolio", "doelen": "nav.goals",
       "uitgaven": "nav.spending", "bijdragen": "nav.contributions", "planning": "nav.planning",
       "rapport": "nav.report", "besluiten": "nav.decisions", "beheer": "nav.beheer"}


def nav(page, name: str) -> None:
    """Go to a page through the sidebar's navigation (the session stays the same)."""
    page.locator("[data-testid='stSidebarNav']").get_by_role(
        "link", name=t(NAV[name]), exact=True).click()
    wait_for_app(page)


def test_every_page_shows_every_session_the_same_figures(chromium, app_url):
    fresh_views: dict[str, list[dict]] = {name: [] for name in PAGES}
    with fresh(chromium):
        for _ in range(3):   # three visitors, one after the other, each a fresh session
            context = chromium.new_context(viewport={"width": 1400, "height": 1000},
                                           locale="nl-NL")
            for name, path in PAGES.items():
                page = context.new_page()
                page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
                wait_for_app(page)
                fresh_views[name].append(figures(page))
                page.close()
            context.close()
        # One more session, every page twice, reached through the navigation.
        page = open_page(chromium, f"{app_url}/")
        wait_for_app(page)
        rounds = [{}, {}]
        for views in rounds:
            for name in PAGES:
                nav(page, name)
                views[name] = figures(page)
    assert fresh_views["overzicht"][0]["charts"] and fresh_views["portfolio"][0]["charts"]
    for name, views in fresh_views.items():
        for n, view in enumerate(views[1:], start=2):
            assert view == views[0], f"{name}, session {n}: {view} != {views[0]}"
        assert rounds[1][name] == rounds[0][name], f"{name}, the second visit in one session"
        if name != "portfolio":   # (there the fresh sessions opened a project from the URL)
            assert rounds[0][name] == views[0], f"{name}, the fourth session"
    markers = [name for chart in fresh_views["overzicht"][0]["charts"] for name in chart["names"]
               if name.startswith(t("dec.markers"))]
    assert len(markers) == 1, markers   # the trend's decisions: one trace of markers
