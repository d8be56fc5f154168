"""The ALV report presented as at the ALV, in a real browser: on the ALV-rapport page
(`?presentatie=1&dia=N`) and in the downloaded HTML file, every slide fits the window without
scrolling at 1280 x 720, 1440 x 900 and 1920 x 1080 (nothing of it outside the window or cut off
inside it); the keys of a keyboard and a presenter's clicker page through the slides and the
address follows the slide, so a reload or a shared link opens it; no sidebar, header or banner
of the page shows; the demo mark stands small on the slide; text columns are left-aligned."""
from __future__ import annotations

import datetime as dt

import pytest

from ggu import report
from ggu.i18n import t
from tools.browser import fresh, open_page, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = [(1280, 720), (1440, 900), (1920, 1080)]
YEAR = 2026   # the demo's latest year: the page's default

# What of the slide shown lies outside the window, or is cut off inside it (a box whose content
# is taller or wider than the box); the inside of a drawn chart is the chart's own business,
# so only its frame is measured; a table that a closed <details> holds is not shown.
FIT_JS = """() => {
  const slide = document.querySelector('.ggu-deck section.current');
  const W = window.innerWidth, H = window.innerHeight, out = [];
  const label = (el) => el.tagName.toLowerCase() + '.' + el.className + ' "'
      + (el.textContent || '').trim().slice(0, 50) + '"';
  for (const el of [slide, ...slide.querySelectorAll('*')]) {
    if (el.closest('.plot') && !el.classList.contains('plot')) continue;
    if (el.closest('details:not([open])') && el.tagName !== 'DETAILS'
        && !el.closest('summary')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > H + 1 || r.right > W + 1 || r.top < -1 || r.left < -1)
      out.push('outside: ' + label(el) + ' ' + JSON.stringify([r.left, r.top, r.right, r.bottom]));
  }
  for (const el of [slide, ...slide.querySelectorAll('.body, .aside, .lists, .kpis')])
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      out.push('cut off: ' + label(el));
  const plot = slide.querySelector('.plot');
  if (plot && plot.getBoundingClientRect().height < 0.3 * H) out.push('chart too low');
  if (plot && !plot.querySelector('.main-svg')) out.push('chart not drawn');
  if (document.documentElement.scrollHeight > H + 1) out.push('the page scrolls');
  return out;
}"""

CURRENT = "() => document.querySelector('.ggu-deck').dataset.current"


def _wait_drawn(page) -> None:
    page.wait_for_function("""() => { const s = document.querySelector(
        '.ggu-deck section.current'); return s && (!s.querySelector('.plot')
        || s.querySelector('.plot .main-svg')); }""", timeout=30_000)


def _walk(page, total: int, follows) -> dict[int, list[str]]:
    """Page through every slide with the clicker's key; per slide what does not fit. `follows`
    (n) is what the address holds at slide n."""
    problems = {}
    for n in range(1, total + 1):
        if n > 1:
            page.keyboard.press("PageDown")
        page.wait_for_function(f"() => document.querySelector('.ggu-deck').dataset.current"
                               f" === '{n}'", timeout=30_000)
        _wait_drawn(page)
        assert page.url.endswith(follows(n)), (n, page.url)
        found = page.evaluate(FIT_JS)
        if found:
            problems[n] = found
    return problems


@pytest.fixture(scope="module")
def built(demo_dir):
    return {lang: report.build(YEAR, demo_dir, lang=lang, made=dt.date(2026, 11, 24))
            for lang in ("nl", "en")}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_html_file_presents_every_slide_fitting_the_window(chromium, built, tmp_path,
                                                              size, lang):
    rep = built[lang]
    path = tmp_path / "rapport.html"
    path.write_bytes(report.render_html(rep))
    with fresh(chromium) as b:
        page = b.new_page(viewport={"width": size[0], "height": size[1]})
        page.goto(path.as_uri())
        problems = _walk(page, len(rep.slides), lambda n: f"#dia-{n}")
    assert problems == {}, problems


def test_the_html_file_opens_at_the_slide_in_its_address_and_the_keys_page(chromium, built,
                                                                          tmp_path):
    rep = built["nl"]
    path = tmp_path / "rapport.html"
    path.write_bytes(report.render_html(rep))
    total = len(rep.slides)
    with fresh(chromium) as b:
        page = b.new_page(viewport={"width": 1440, "height": 900})
        page.goto(path.as_uri() + "#dia-4")
        assert page.evaluate(CURRENT) == "4"
        visible = page.locator(".ggu-deck section:visible")
        assert visible.count() == 1 and visible.get_attribute("id") == "dia-4"
        assert f"Dia 4 van {total}" in visible.inner_text()
        for key, n in [("PageUp", 3), ("ArrowLeft", 2), ("ArrowRight", 3), ("End", total),
                       ("ArrowRight", total), ("Home", 1), ("ArrowUp", 1), ("ArrowDown", 2)]:
            page.keyboard.press(key)
            assert page.evaluate(CURRENT) == str(n), key
            assert page.url.endswith(f"#dia-{n}")
        page.get_by_role("button", name=f"{t('rp.next', lang='nl')} →").click()
        assert page.evaluate(CURRENT) == "3"
        page.reload()
        assert page.evaluate(CURRENT) == "3"
        assert page.get_by_role("button", name="Sluiten").count() == 0   # nothing to close to


def test_slide_tables_align_text_left_and_numbers_right(chromium, built, tmp_path):
    rep = built["nl"]
    n = next(i for i, s in enumerate(rep.slides, start=1) if s.key == "indicators")
    path = tmp_path / "rapport.html"
    path.write_bytes(report.render_html(rep))
    with fresh(chromium) as b:
        page = b.new_page(viewport={"width": 1440, "height": 900})
        page.goto(path.as_uri() + f"#dia-{n}")
        align = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
            '.ggu-deck section.current table tbody tr:first-child td')).map((td, i) => [
            document.querySelectorAll('.ggu-deck section.current th')[i].textContent,
            getComputedStyle(td).textAlign]))""")
    assert align["Indicator"] == "left" and align["Oordeel"] == "left", align
    assert align["Voortgang"] == "right", align


def _deck_page(chromium, app_url, size, query):
    page = open_page(chromium, f"{app_url}/rapport?{query}", width=size[0], height=size[1])
    wait_for_app(page)
    page.wait_for_selector(".ggu-deck section.current", timeout=30_000)
    return page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_page_presents_every_slide_fitting_the_screen(chromium, app_url, built, size):
    total = len(built["nl"].slides)
    page = _deck_page(chromium, app_url, size, "presentatie=1")
    try:
        # none of the page's chrome: the sidebar, its header, the demo banner
        for chrome in ("stSidebar", "stHeader", "stAlert"):
            assert not page.locator(f"[data-testid='{chrome}']").first.is_visible(), chrome
        mark = page.locator(".ggu-deck section.current .meta .demo")
        assert mark.inner_text().lower() == "voorbeelddata"
        problems = _walk(page, total, lambda n: f"dia={n}")
    finally:
        page.context.close()
    assert problems == {}, problems


def test_the_page_opens_at_dia_n_the_address_follows_and_esc_leaves(chromium, app_url, built):
    total = len(built["en"].slides)
    page = _deck_page(chromium, app_url, (1280, 720), "lang=en&presentatie=1&dia=5")
    try:
        assert page.evaluate(CURRENT) == "5"
        shown = page.locator(".ggu-deck section:visible")
        assert f"Slide 5 of {total}" in shown.inner_text()
        assert built["en"].slides[4].title in shown.inner_text()
        for key, n in [("PageDown", 6), ("ArrowRight", 7), ("PageUp", 6), ("End", total),
                       ("Home", 1), ("ArrowLeft", 1), ("ArrowDown", 2)]:
            page.keyboard.press(key)
            page.wait_for_function(f"() => {CURRENT[6:]} === '{n}'", timeout=10_000)
            assert "presentatie=1" in page.url and page.url.endswith(f"dia={n}"), page.url
        page.reload()                       # a reload (or the link, shared) keeps the place
        page.wait_for_selector(".ggu-deck section.current", timeout=60_000)
        page.wait_for_function(f"() => {CURRENT[6:]} === '2'", timeout=30_000)
        assert "lang=en" in page.url
        page.keyboard.press("Escape")       # back to the page, in its language
        page.wait_for_selector("h1", timeout=60_000)
        wait_for_app(page)
        assert page.locator("h1").first.inner_text() == t("rp.page_title", lang="en", year=YEAR)
        assert "presentatie" not in page.url and "dia=" not in page.url
        assert page.locator("[data-testid='stSidebar']").is_visible()
    finally:
        page.context.close()
