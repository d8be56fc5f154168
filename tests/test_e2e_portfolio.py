"""In a real browser: choose an item on the Portfolio page and see its burn-up chart drawn, with
the forecast dashed; the shared link (?project=, or the old ?item=) opens the same item, in
English too."""
import re

import pytest

from tools.browser import fresh, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _burnup(page):
    heading = page.get_by_text("Opgeteld per maand", exact=False).or_(
        page.get_by_text("Added up per month", exact=False))
    heading.first.wait_for(timeout=30_000)
    return page.locator(".js-plotly-plot").filter(has_text="31 dec").first


def test_choose_an_item_and_see_its_burnup(app_url, chromium):
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/portfolio")
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.get_by_text("Portfolio 2026").wait_for(timeout=30_000)
        wait_for_app(page)
        box = page.locator("[data-testid='stSelectbox']").filter(has_text=re.compile("^Project"))
        box.locator("input").click()
        page.keyboard.type("GGI-Veilig")
        page.keyboard.press("Enter")
        wait_for_app(page)
        chart = _burnup(page)
        chart.wait_for(timeout=30_000)
        # three lines: budget, spending so far and the dashed forecast to 31 December
        assert chart.locator("g.scatterlayer g.trace").count() == 3
        dashed = chart.locator("g.scatterlayer path.js-line[style*='stroke-dasharray']")
        assert dashed.count() == 1
        text = chart.inner_text()
        for label in ("Begroting", "Besteed (opgeteld)", "Prognose"):
            assert label in text
        assert "project=GGI-VEILIG" in page.url       # the view can be shared as a link
        assert not page.locator("[data-testid='stException']").count()
        assert errors == []


def test_shared_link_opens_the_item_in_english(app_url, chromium):
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/portfolio?item=NIS2&lang=en")
        page.get_by_text("Year-end forecast").first.wait_for(timeout=30_000)
        wait_for_app(page)
        chart = _burnup(page)
        chart.wait_for(timeout=30_000)
        assert "Forecast" in chart.inner_text()
        assert page.get_by_text("Voorbereiding Cyberbeveiligingswet (NIS2)").count() >= 1
        assert not page.locator("[data-testid='stException']").count()


IN_VIEW_AND_FOCUSED = """() => {
    const heading = document.getElementById('project-in-detail');
    const box = heading.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, height: window.innerHeight,
            focused: document.activeElement === heading, text: heading.innerText};
}"""


@pytest.mark.parametrize("by", ["mouse", "keyboard"])
def test_a_changed_item_takes_you_to_its_detail_and_focuses_it(app_url, chromium, by):
    """A button of "Veranderd sinds de vorige rapportage" (far above the detail) opens the item
    and brings "Project in detail" into view with the keyboard focus on it."""
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/portfolio", height=900)
        wait_for_app(page)
        button = page.locator("[class*='st-key-project_change_'] button").first
        name = button.inner_text()
        if by == "keyboard":
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
        wait_for_app(page)
        page.wait_for_function("() => document.activeElement && "
                               "document.activeElement.id === 'project-in-detail'",
                               timeout=15_000)
        where = page.evaluate(IN_VIEW_AND_FOCUSED)
        assert where["focused"] and where["text"].startswith("Project in detail")
        assert 0 <= where["top"] and where["bottom"] <= where["height"]
        assert page.get_by_role("heading", name=name, level=3).is_visible()
        assert "project=" in page.url
