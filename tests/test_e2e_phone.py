"""On a phone (390 px wide, headless Chromium, the real server over the demo data): the
Overzicht and the Bijdragen with "Mijn gemeente" read well: charts draw their narrow variant
(no toolbar, legends below the plot, every other year label, the rates above the bars apart,
the split chart's bars with room), a councillor picks a municipality by name, sees its products
and what is attributed to it, and downloads its brief; axe-core finds nothing serious, in Dutch
and in English."""
from __future__ import annotations

import subprocess

import pytest
from test_e2e_pages import assert_accessible, download, metric, open_, text  # noqa: F401

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.store import loader
from tools.browser import fresh, open_page, wait_for_app

pytestmark = pytest.mark.browser

YEAR = 2026
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(open_):  # noqa: F811 (the fixture of test_e2e_pages)
    """A page of the dashboard on a phone: opened as test_e2e_pages opens it (failing on any
    page error), then loaded again at 390 px, as a phone's first visit draws it."""
    def go(name: str, lang: str):
        page = open_(name, lang)
        page.set_viewport_size(PHONE)
        page.reload(wait_until="domcontentloaded")
        page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
        wait_for_app(page)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        return page

    return go


def boxes(page, selector: str) -> list[list[dict]]:
    """Per drawn chart, the bounding boxes of the elements matching `selector` in it."""
    return page.evaluate("""(sel) => [...document.querySelectorAll('.js-plotly-plot')]
        .map(gd => [...gd.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
        .filter(r => r.width > 0).map(r => ({x: r.x, y: r.y, w: r.width, h: r.height})))""",
                         selector)


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and \
        a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def assert_charts_read_on_a_phone(page) -> None:
    # every chart fits the screen and has no toolbar (it covered the legends), also on a tap
    for chart in page.locator(".js-plotly-plot").all():
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
        chart.scroll_into_view_if_needed()
        chart.locator(".nsewdrag").first.hover()
    assert page.locator(".js-plotly-plot .modebar-btn").count() == 0
    # legends below the plot area, never over it
    for legends, plots in zip(boxes(page, "g.legend"), boxes(page, "rect.nsewdrag")):
        for legend in legends:
            assert legend["y"] >= max(p["y"] + p["h"] for p in plots), (legend, plots)
    # tick labels of the x axes and texts on the bars do not run into each other
    for ticks in boxes(page, "g.xtick text") + boxes(page, "g.textpoint text"):
        for i, a in enumerate(ticks):
            assert not any(overlap(a, b) for b in ticks[i + 1:]), ticks


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_overzicht_reads_on_a_phone(phone, lang):
    page = phone("overzicht", lang)
    assert_charts_read_on_a_phone(page)
    # the split chart's bars keep room beside their labels (at 390 px they were slivers)
    plots = boxes(page, "rect.nsewdrag")[0]
    assert plots[0]["w"] >= 120, plots
    assert_accessible(page, f"overzicht at 390 px [{lang}]")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_mijn_gemeente_on_a_phone_pick_by_name_and_download_the_brief(phone, lang, demo_dir,
                                                                     tmp_path):
    page = phone("bijdragen", lang)
    box = page.locator("[data-testid='stSelectbox']").filter(
        has_text=t("bij.mine_pick", lang=lang))
    box.locator("input").click()
    page.keyboard.type("Zwolle")
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert "gemeente=GM0193" in page.url
    row = loader.query("attribution_by_municipality", demo_dir, year=YEAR,
                       cbs_code="GM0193").iloc[0]
    with i18n.using(lang):
        assert metric(page, t("gm.kpi_attributed", year=YEAR)) == text(
            fmt.eur(row["attributed_eur"], digits=2))
        assert metric(page, t("bij.mine_contribution", year=YEAR)) == text(
            fmt.eur(row["contribution_eur"], digits=2))
    items = loader.query("attribution_by_municipality_item", demo_dir, year=YEAR,
                         cbs_code="GM0193")
    used = items[items["is_used"] & ~items["is_for_all"]]["item_name"]
    unused = items[~items["is_used"]]["item_name"]
    assert len(used) and len(unused)
    shown = " ".join(page.locator(".ggu-table").all_inner_texts())
    assert all(name in shown for name in used) and all(name in shown for name in unused)
    assert_charts_read_on_a_phone(page)

    pdf = download(page, t("gm.download", lang=lang, year=YEAR), tmp_path)
    assert pdf.name == "GM0193-zwolle.pdf"
    content = pdf.read_bytes()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert content.startswith(b"%PDF") and "Pages:           1" in info
    words = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    assert text(fmt.eur(row["attributed_eur"], digits=2, lang=lang)) in words
    assert_accessible(page, f"bijdragen, Mijn gemeente at 390 px [{lang}]")


SCREEN = PHONE["height"]
WHERE = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const top = (e) => e && e.getBoundingClientRect().top + main.scrollTop;
    const button = document.querySelector(".st-key-mine_brief button");
    return {mine: top(document.getElementById('mijn-gemeente')), button: top(button),
            button_bottom: button && top(button) + button.getBoundingClientRect().height};
}"""

# The lines a word of a table cell is drawn on, and the cell's hyphenation.
WORD_LINES = """(word) => {
    const cell = [...document.querySelectorAll('.ggu-table td')]
        .find(td => td.textContent.includes(word));
    const node = [...cell.childNodes].find(n => n.textContent.includes(word));
    const range = document.createRange();
    const start = node.textContent.indexOf(word);
    range.setStart(node, start);
    range.setEnd(node, start + word.length);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    const style = getComputedStyle(cell);
    return {lines: tops.size, hyphens: style.hyphens, wrap: style.overflowWrap,
            lang: document.documentElement.lang};
}"""


def test_a_councillors_link_gets_to_the_point_on_a_phone(chromium, app_url):
    """?gemeente=GM0344 (Utrecht) at 390 x 844: "Mijn gemeente" on the first screen, the
    brief's button within the first two (it was at 2.120 and 5.410 px); a long product name
    is hyphenated or kept whole, never broken mid-word."""
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/bijdragen?gemeente=GM0344", **PHONE)
        wait_for_app(page)
        where = page.evaluate(WHERE)
        assert where["mine"] < SCREEN, where
        assert where["button_bottom"] < 2 * SCREEN, where
        word = page.evaluate(WORD_LINES, "Informatiebeveiligingsdienst")
        assert word["lang"] == "nl" and word["hyphens"] == "auto", word
        assert word["wrap"] not in ("anywhere", "break-word"), word
        assert word["lines"] == 1, word     # this Chromium has no Dutch hyphenation: whole


def test_the_sidebar_closes_after_choosing_a_page_on_a_phone(chromium, app_url):
    sidebar = "() => document.querySelector(\"[data-testid='stSidebar']\")" \
              ".getBoundingClientRect().right"
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/bijdragen", **PHONE)
        wait_for_app(page)
        assert page.evaluate(sidebar) <= 0                       # closed on a phone
        page.get_by_test_id("stExpandSidebarButton").click()
        page.wait_for_function(f"() => ({sidebar})() > 200")     # open, over the page
        page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Portfolio").click()
        page.get_by_role("heading", name="Portfolio 2026", level=1).wait_for(timeout=30_000)
        wait_for_app(page)
        page.wait_for_function(f"() => ({sidebar})() <= 0", timeout=10_000)
        assert page.get_by_role("heading", name="Portfolio 2026", level=1).is_visible()
