"""The Strategische doelen page in AppTest: allocation, verdicts, the stale goal, compare years."""
import pytest
from test_pages import metrics, run_app

from ggu.i18n import formats as fmt
from ggu.store import loader

pytestmark = pytest.mark.app

PAGE = "pages/doelen.py"


def test_goals_show_their_money_and_verdicts(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    assert at.title[0].value == "Strategische doelen 2026"
    goals = loader.query("goal_allocation_by_year", demo_dir, year=2026, compare_year=2025)
    budgets = [m.value for m in at.metric if m.label == "Begroting"]
    assert budgets == [fmt.eur_mln(b, lang="nl") for b in goals["budget_eur"]]
    summary = at.markdown[1].value
    assert "✖\u00a0Achter" in summary and "D2 Samen organiseren" in summary
    # D2 has no measurement after 30 June 2025: said once, for D2 only
    stale = [w.value for w in at.warning if "Geen meting in de laatste 12 maanden" in w.value]
    assert stale == [
        "Geen meting in de laatste 12 maanden: de laatste meting is van 30 juni 2025. "
        "Het oordeel gaat over die meting."]


def test_verdict_rule_on_tiny(tiny_dir):
    ind = loader.query("indicator_progress", tiny_dir).set_index("indicator_id")
    assert ind.loc["G1.1", "verdict"] == "op_koers" and not ind.loc["G1.1", "is_stale"]
    assert ind.loc["G2.1", "verdict"] == "achter" and ind.loc["G2.1", "is_goal_stale"]
    assert round(ind.loc["G1.1", "progress_pct"], 1) == 75.0


def test_compare_year_and_year_change_the_figures(demo_dir, monkeypatch):
    at = run_app(demo_dir, monkeypatch, PAGE)
    at.selectbox(key="vergelijk").set_value(2022).run()
    goals = loader.query("goal_allocation_by_year", demo_dir, year=2026, compare_year=2022)
    assert metrics(at)["Begroting t.o.v. 2022"] == fmt.pct(goals["budget_change_pct"].iloc[-1],
                                                           lang="nl")
    at = run_app(demo_dir, monkeypatch, PAGE, jaar="2023", vergelijk="2022")
    assert at.title[0].value == "Strategische doelen 2023"
    goals = loader.query("goal_allocation_by_year", demo_dir, year=2023, compare_year=2022)
    assert [m.value for m in at.metric if m.label == "Begroting"][0] == \
        fmt.eur_mln(goals["budget_eur"].iloc[0], lang="nl")


def test_runs_on_the_tiny_data(tiny_dir, monkeypatch):
    at = run_app(tiny_dir, monkeypatch, PAGE)
    assert at.title[0].value == "Strategische doelen 2024"
    assert sum("Geen meting in de laatste 12 maanden" in w.value for w in at.warning) == 1
