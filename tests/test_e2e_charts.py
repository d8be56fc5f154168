"""The charts in a real browser: every page loads our plotly.js bundle (never Streamlit's full
Plotly, nor plotly.py's full bundle), the Uitgaven treemap included, of the version plotly.py
writes for; a chart redraws in place when its figure changes, follows its column's width, and
says so in words when plotly.js cannot be loaded."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.store import loader
from ggu.web import bundle
from tools.browser import open_page, wait_for_app

pytestmark = pytest.mark.browser

YEAR = 2026
VERSION = bundle.plotly_version()
OURS = bundle.url({"bar"}).rsplit("/", 1)[-1]   # as `make test` built it
CHARTS = ".js-plotly-plot"


@pytest.fixture
def open_(chromium, app_url):
    pages = []

    def go(path: str = "", block: str | None = None):
        # block: the bundle cannot be loaded (a proxy in the way, a broken install)
        page = open_page(chromium, f"{app_url}/{path}",
                         block=f"**/app/static/{block}" if block else None)
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        wait_for_app(page)
        pages.append(page)
        return page

    yield go
    for page in pages:
        assert page.errors == [], page.errors
        page.context.close()


def scripts(page) -> list[str]:
    """The plotly.js files the page has loaded (ours and Streamlit's own Plotly chunk)."""
    return page.evaluate("""() => performance.getEntriesByType('resource').map(e => e.name)
        .filter(n => /plotly/i.test(n)).map(n => n.split('/').pop())""")


def chart_text(page, n: int) -> str:
    return " ".join(page.locator(CHARTS).nth(n).inner_text().split())


def test_the_overzicht_loads_only_our_bundle(open_):
    page = open_()
    page.locator(f"{CHARTS} g.trace").first.wait_for(timeout=30_000)
    assert page.locator(CHARTS).count() == 4
    assert scripts(page) == [OURS]
    assert page.evaluate("window.Plotly.version") == VERSION


def test_the_treemap_draws_with_our_bundle_too(open_, demo_dir):
    page = open_("uitgaven")
    page.locator(f"{CHARTS} g.slice").first.wait_for(timeout=30_000)
    assert scripts(page) == [OURS]   # not the full plotly.js, nor Streamlit's Plotly chunk
    slices = page.locator(f"{CHARTS} g.slice").count()
    levels = loader.query("spend_by_level", demo_dir, year_from=2024, year_to=YEAR, unit="eur",
                      base_year=YEAR)
    assert slices >= len(levels[levels["node_level"] == "category"]) + 1   # the categories


def test_a_chart_redraws_in_place_when_its_figure_changes(open_, demo_dir):
    page = open_()
    split = loader.query("split_by_category_by_year", demo_dir, year=YEAR)
    before = chart_text(page, 0)
    for share in split["budget_share_pct"]:
        assert fmt.pct(share) in before
    page.locator("[data-testid='stButtonGroup'] button", has_text="Uitgaven").click()
    wait_for_app(page)
    page.wait_for_function(f"() => document.querySelector('{CHARTS}').innerText !== "
                           f"{before!r}", timeout=30_000)
    after = chart_text(page, 0)
    for share in split["spent_share_pct"]:
        assert fmt.pct(share) in after
    assert page.locator(CHARTS).count() == 4   # redrawn, not drawn a second time


def test_a_chart_follows_its_column_when_the_sidebar_closes(open_):
    page = open_()
    width = f"() => document.querySelector('{CHARTS} .main-svg').getBoundingClientRect().width"
    before = page.evaluate(width)
    page.locator("[data-testid='stSidebarHeader']").hover()
    page.locator("[data-testid='stSidebarCollapseButton'] button").click()
    page.wait_for_function(f"() => ({width})() > {before} + 200", timeout=10_000)


def test_a_chart_that_cannot_load_says_so_and_keeps_its_table(open_):
    page = open_(block="plotly-ggu-*")
    alerts = page.get_by_role("alert").filter(has_text=t("chart.unavailable", lang="nl"))
    alerts.first.wait_for(timeout=30_000)
    assert alerts.count() == 4
    assert page.locator(CHARTS).count() == 0
    assert page.get_by_text(t("table.show", lang="nl")).count() == 4   # the figures as tables


def test_the_static_folder_hands_out_the_bundles_and_nothing_else(app_url):
    """`server.enableStaticServing` serves static/ (the bundles) and no file outside it."""
    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(f"{app_url}/app/static/{path}", timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as error:
            return error.code
    assert status(OURS) == 200 and status(f"plotly-{VERSION}.min.js") == 200
    for outside in ("../dashboard.py", "%2e%2e/dashboard.py", "..%2fggu%2fconfig.py",
                    "../.streamlit/secrets.toml", "../data/CURRENT"):
        assert status(outside) in (400, 403, 404), outside
