"""Status through time on the tiny fixture (tests/conftest.py: hand-written status reports and
decisions): the status of a year is the one at its end (the as-of date for the running year), on
every query that shows one, in the CLI and the exception rules."""
import json
import subprocess
import sys

import pytest

from ggu.config import ROOT
from ggu.store import loader

pytestmark = pytest.mark.sql


def _status(name, tiny_dir, year):
    rows = loader.query(name, tiny_dir, year=year)
    return dict(zip(rows["item_id"], rows["status"]))


def test_the_portfolio_shows_each_year_its_own_status(tiny_dir):
    # 2023: A's latest report by 31 Dec is amber (15 Dec), C's red; B has none (Projecten)
    assert _status("portfolio_by_item", tiny_dir, 2023) == {"A": "oranje", "B": "groen",
                                                            "C": "rood"}
    # 2024 runs to the as-of date 31 Oct: A red since March, C amber since June, D's first report
    assert _status("portfolio_by_item", tiny_dir, 2024) == {"A": "rood", "B": "groen",
                                                            "C": "oranje", "D": "groen"}
    reasons = loader.query("portfolio_by_item", tiny_dir, year=2023).set_index("item_id")
    assert reasons.loc["A", "status_reason"] == "Capaciteit"
    assert reasons.loc["A", "phase"] == "beheer"   # the report left it empty: Projecten's


def test_the_rules_status_rood_and_verslechterd_use_the_year_end_status(tiny_dir):
    rules = {i: {r["rule_id"] for r in rs} for i, rs in loader.query(
        "exceptions_by_item", tiny_dir, year=2023).set_index("item_id")["rules"].items()}
    assert "status_rood" in rules["C"] and "status_rood" not in rules.get("A", set())
    assert "status_verslechterd" in rules["A"]          # groen in June, oranje in December
    assert "status_verslechterd" not in rules.get("C", set())   # a first report is no change
    exc = loader.query("exceptions_by_item", tiny_dir, year=2023).set_index("item_id")
    assert exc.loc["C", "status"] == "rood" and bool(exc.loc["C", "is_red"])


def test_the_red_items_per_goal_follow_the_year(tiny_dir):
    goals = loader.query("goal_allocation_by_year", tiny_dir, year=2023).set_index("goal_id")
    assert goals["red_item_count"].to_dict() == {"G1": 0, "G2": 1}    # C (G2), not A (G1)
    goals = loader.query("goal_allocation_by_year", tiny_dir, year=2024).set_index("goal_id")
    assert goals["red_item_count"].to_dict() == {"G1": 1, "G2": 0}    # A


def test_status_counts_per_year(tiny_dir):
    counts = loader.query("status_counts_by_year", tiny_dir)
    got = {(r.year, r.status): r.item_count for r in counts.itertuples()}
    assert got == {(2023, "groen"): 1, (2023, "oranje"): 1, (2023, "rood"): 1,
                   (2024, "groen"): 2, (2024, "oranje"): 1, (2024, "rood"): 1}


@pytest.mark.parametrize("year, counts", [(2023, {"groen": 1, "oranje": 1, "rood": 1}),
                                          (2024, {"groen": 2, "oranje": 1, "rood": 1})])
def test_summary_json_counts_the_status_at_the_end_of_the_year(tiny_dir, year, counts):
    out = subprocess.run([sys.executable, "-m", "ggu", "summary", "--year", str(year), "--json",
                          "--data-dir", str(tiny_dir)], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status_counts"] == counts


def test_the_item_list_shows_the_status_on_the_as_of_date(tiny_dir):
    items = loader.query("items", tiny_dir).set_index("item_id")
    assert items["status"].to_dict() == {"A": "rood", "B": "groen", "C": "oranje", "D": "groen"}
    assert items.loc["C", "status_reason"] == "Vertraging"


def test_changes_since_the_previous_report_round(tiny_dir):
    # the latest round (30 Sep 2024) against the one before (30 Jun): only D's first report
    changes = loader.query("status_changes", tiny_dir, year=2024)
    assert list(zip(changes["item_id"], changes["status_change"])) == [("D", "nieuw")]
    assert (changes["since"].iloc[0], str(changes["since_date"].iloc[0])[:10]) == \
        ("vorige_rapportage", "2024-06-30")
    # against the end of 2023: A went red, C recovered, D is new
    changes = loader.query("status_changes", tiny_dir, year=2024, since="jaareinde")
    assert list(zip(changes["item_id"], changes["status_change"], changes["previous_status"])) \
        == [("A", "rood", "oranje"), ("C", "hersteld", "rood"), ("D", "nieuw", "groen")]
    assert (changes["since"].iloc[0], str(changes["since_date"].iloc[0])[:10]) == \
        ("jaareinde", "2023-12-31")


def test_status_by_quarter_ends_at_the_as_of_date(tiny_dir):
    grid = loader.query("status_by_item_quarter", tiny_dir, year=2024)
    a = grid[grid["item_id"] == "A"]
    assert [str(d.date()) for d in a["point_date"]] == [
        "2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31", "2024-06-30",
        "2024-09-30", "2024-10-31"]
    # before its first report A has Projecten's status (rood); then groen, oranje, rood
    assert a["status"].tolist() == ["rood", "groen", "groen", "oranje", "rood", "rood", "rood",
                                    "rood"]
    assert set(grid["item_id"]) == {"A", "B", "C", "D"}


def test_an_items_history_and_the_decisions_about_it(tiny_dir):
    history = loader.query("item_status_history", tiny_dir, item_id="A")
    assert history["status"].tolist() == ["rood", "oranje", "groen"]          # newest first
    assert history["is_worse"].tolist() == [True, True, False]
    assert history["explanation"].tolist() == ["Achterstand", "Capaciteit", "Op koers"]
    decisions = loader.query("decisions", tiny_dir, item_id="A")
    assert decisions["decision"].tolist() == ["Herstelplan gevraagd voor Alfa"]


def test_decisions_filter_by_body_year_and_goal(tiny_dir):
    every = loader.query("decisions", tiny_dir)
    assert every["decision_id"].tolist() == ["ALV-2024-01", "CD-2024-01", "TF-2023-01"]
    assert loader.query("decisions", tiny_dir, bodies=["alv", "college"], year_from=2024,
                        year_to=2024)["decision_id"].tolist() == ["ALV-2024-01", "CD-2024-01"]
    # a goal's decisions: about the goal itself, or about an item that serves it (A serves G1)
    assert loader.query("decisions", tiny_dir, goal_id="G1")["decision_id"].tolist() == \
        ["CD-2024-01"]
    assert loader.query("decisions", tiny_dir, goal_id="G2")["decision_id"].tolist() == \
        ["TF-2023-01"]


def test_the_alv_report_lists_the_years_status_changes_and_decisions(tiny_dir):
    from ggu.report import build
    rep = build(2024, tiny_dir, lang="nl")
    status = next(s for s in rep.slides if s.key == "status")
    assert status.title == "Status in 2024: 1 naar rood, 1 hersteld"
    assert status.lists == [
        ("Naar rood in 2024", ["Alfa · ✖\u00a0Rood (was ▲\u00a0Oranje)"]),
        ("Hersteld in 2024", ["Charlie · ▲\u00a0Oranje (was ✖\u00a0Rood)"])]
    decisions = next(s for s in rep.slides if s.key == "decisions")
    assert decisions.table["Besluit"].tolist() == ["Herstelplan gevraagd voor Alfa",
                                                   "Begroting 2025 vastgesteld"]
    assert decisions.lead.startswith("2 besluiten in 2024: 1 van het College")
    # the exceptions on 'Wat opvalt' use the year-end status too: in 2023 Charlie was red
    items = next(s for s in build(2023, tiny_dir, lang="nl").slides if s.key == "items")
    exceptions = dict(items.lists)["Uitzonderingen (boven begroting, rood of verlopen)"]
    assert any(line.startswith("Charlie") and "status rood" in line for line in exceptions)
    assert not any(line.startswith("Alfa") and "status rood" in line for line in exceptions)
