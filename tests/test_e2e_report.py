"""The ALV report as the HTML file the ALV receives, opened in a real browser: every slide, the
blue title slide with its demo mark and slide number included, passes axe-core (WCAG 2.1 AA),
in both languages (the file presents one slide at a time: each is checked as it is shown)."""
from __future__ import annotations

import datetime as dt

import pytest

from ggu import report
from tools.browser import axe, fresh, serious

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_report_passes_axe(chromium, demo_dir, tmp_path, lang):
    built = report.build(2025, demo_dir, lang=lang, made=dt.date(2026, 11, 24))
    assert built.is_demo                       # the title slide carries the demo mark
    path = tmp_path / "rapport.html"
    path.write_bytes(report.render_html(built))
    with fresh(chromium) as b:
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(path.as_uri())
        page.wait_for_selector("section.title .meta .demo")
        found = {}
        for n in range(1, len(built.slides) + 1):
            if n > 1:
                page.keyboard.press("PageDown")
            shown = page.locator(f"section#dia-{n}.current")
            shown.wait_for()
            if built.slides[n - 1].chart is not None:
                shown.locator(".js-plotly-plot .main-svg").first.wait_for()
            if bad := serious(axe(page, app=False)):
                found[n] = bad
    assert found == {}, found
