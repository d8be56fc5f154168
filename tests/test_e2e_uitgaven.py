"""In a real browser: a shared link with a filter reproduces the filtered Uitgaven view, and the
CSV download holds exactly the filtered rows, in Dutch Excel conventions, without formulas."""
import csv
import io

import pytest

from ggu.i18n import formats as fmt
from ggu.store import loader
from tools.browser import fresh, open_page, wait_for_app

pytestmark = pytest.mark.browser


def test_filter_from_the_url_and_csv_download(app_url, demo_dir, tmp_path, chromium):
    levels = loader.query("spend_by_level", demo_dir, year_from=2024, year_to=2026,
                      categories=("meerjarig",), unit="eur", base_year=2025)
    total = levels[levels["node_level"] == "total"].iloc[0]
    items = levels[levels["node_level"] == "item"]
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/uitgaven?categorie=meerjarig")
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.get_by_text("Uitgaven 2024–2026").wait_for(timeout=30_000)
        wait_for_app(page)
        spent = page.locator("[data-testid='stMetric']", has_text="Besteed")
        assert fmt.eur_mln(total["spent_eur"], lang="nl") in spent.inner_text()
        assert "categorie=meerjarig" in page.url
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name="Download CSV (Excel)").click()
        path = tmp_path / "download.csv"
        info.value.save_as(path)
        assert info.value.suggested_filename == "ggu-uitgaven-2024-2026-eur.csv"
        assert not errors
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:5] == ["Project", "Begroting", "Besteed", "Verschil met begroting",
                           "Gerealiseerd"]
    assert len(rows) - 1 == len(items) > 0
    assert {r[5] for r in rows[1:]} == {"Meerjarig"}
    assert [r[0] for r in rows[1:]] == items["item_name"].tolist()
    assert [r[2] for r in rows[1:]] == [f"{v:.2f}".replace(".", ",") for v in items["spent_eur"]]
    assert not any(c.startswith(("=", "+", "@")) for r in rows for c in r)


def test_a_click_in_the_treemap_filters_what_is_shown_and_downloaded(app_url, demo_dir, tmp_path,
                                                                      chromium):
    """Clicking the category Meerjarig in the treemap zooms in, puts ?niveau= in the URL and
    narrows the KPIs, the table and the CSV to its items."""
    levels = loader.query("spend_by_level", demo_dir, year_from=2024, year_to=2026,
                          categories=("meerjarig",), unit="eur", base_year=2025)
    total = levels[levels["node_level"] == "total"].iloc[0]
    items = levels[levels["node_level"] == "item"]
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/uitgaven")
        wait_for_app(page)
        tiles = page.locator(".ggu-plot g.slice")
        tiles.first.wait_for(timeout=30_000)
        tile = tiles.filter(has=page.locator("text", has_text="Meerjarig")).first
        tile.scroll_into_view_if_needed()
        box = tile.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + 8)          # the category's header
        page.wait_for_url("**niveau=c%2Fmeerjarig**", timeout=30_000)
        wait_for_app(page)
        spent = page.locator("[data-testid='stMetric']", has_text="Besteed")
        assert fmt.eur_mln(total["spent_eur"], lang="nl") in spent.inner_text()
        count = page.locator("[data-testid='stMetric']", has_text="Projecten")
        assert count.inner_text().split()[-1] == str(len(items))
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name="Download CSV (Excel)").click()
        path = tmp_path / "level.csv"
        info.value.save_as(path)
        # the path bar's "Alle uitgaven" zooms out: the level leaves the URL, all items again
        crumb = page.locator(".ggu-plot g.pathbar").filter(has_text="Alle uitgaven").first
        crumb.scroll_into_view_if_needed()
        box = crumb.bounding_box()
        page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)
        page.wait_for_url(lambda u: "niveau=" not in u, timeout=30_000)
        wait_for_app(page)
        assert count.inner_text().split()[-1] != str(len(items))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""),
                           delimiter=";"))
    assert [r[0] for r in rows[1:]] == items["item_name"].tolist()
    assert {r[5] for r in rows[1:]} == {"Meerjarig"}
