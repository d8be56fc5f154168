"""In a real browser: on Portfolio find an item that went red since the previous report, open
its detail and see its status history (with the reasons) and the College's decision about it;
the page Besluiten; axe-core finds no serious problem; in Dutch and in English."""
import pytest

from ggu import i18n
from ggu.i18n import t
from ggu.present.labels import short_explanation
from ggu.store import loader
from tools.browser import axe, fresh, open_page, serious, wait_for_app

pytestmark = pytest.mark.browser


def _accessible(page, where: str) -> None:
    bad = serious(axe(page))
    assert not bad, f"{where}: " + "; ".join(f"{v['id']}: {v['nodes']}" for v in bad)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_an_item_that_went_red_shows_its_history_and_decision(app_url, chromium, demo_dir,
                                                              lang):
    changes = loader.query("status_changes", demo_dir, year=2026)
    red = changes[changes["status_change"] == "rood"].iloc[0]          # first in the column
    decision = loader.query("decisions", demo_dir, item_id=red["item_id"]).iloc[0]
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/portfolio?lang={lang}")
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        wait_for_app(page)
        column = page.locator("[data-testid='stColumn']").filter(
            has_text=i18n.value("status_change", "rood", lang=lang)).last
        button = column.get_by_role("button", name=red["name"])
        button.click()
        wait_for_app(page)
        title = t("st.history_title", lang=lang)
        page.get_by_text(title, exact=True).wait_for(timeout=30_000)
        history = page.locator(".ggu-table").filter(has_text=t("col.report_date", lang=lang))
        text = " ".join(history.first.inner_text().split())
        assert short_explanation(red["explanation"]) in text     # why (a reader: 1 sentence)
        assert " ".join(i18n.value("status", "rood", lang=lang).split()) in text
        decisions = page.locator(".ggu-table").filter(has_text=decision["decision"])
        assert decisions.count() == 1                             # the College's decision
        assert f"project={red['item_id']}" in page.url
        _accessible(page, f"portfolio detail [{lang}]")
        assert not page.locator("[data-testid='stException']").count()
        assert errors == []


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_besluiten_lists_the_decisions(app_url, chromium, demo_dir, lang):
    total = len(loader.query("decisions", demo_dir))
    with fresh(chromium) as b:
        page = open_page(b, f"{app_url}/besluiten?lang={lang}")
        wait_for_app(page)
        assert " ".join(page.get_by_role("heading", level=1).first.inner_text().split()) == \
            t("dec.title", lang=lang)
        page.get_by_text(t("dec.caption", lang=lang, n=total, total=total)).wait_for(
            timeout=30_000)
        assert page.get_by_role("button", name=t("dec.download_csv", lang=lang)).count() == 1
        _accessible(page, f"besluiten [{lang}]")
