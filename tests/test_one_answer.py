"""One answer per question: "how many items are red in year Y" (and per status) has one
definition (v_portfolio_status: every item of the year's portfolio, € 0 budget included), read
by the Overzicht's status chart, its points of attention, Portfolio, the goals and `summary
--json`; the monitoring pages show the monitoring years only (not the years of the multi-year
budget after the base year).

The tiny set plus Echo: an item that runs from 2024 without a budget (€ 0) or spending, red
(its status on sheet Projecten, no report), and a 2025 budget line for Alfa (the multi-year
budget; as of 31 Oct 2024 the base year stays 2024). By hand, 2024 (as-of date 31 Oct): Alfa
red, Bravo green, Charlie amber, Delta green, Echo red -> 2 green, 1 amber, 2 red; 2023 (Alfa,
Bravo, Charlie): 1 of each. The years: 2023 and 2024, not 2025."""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from conftest import TINY_SQL
from test_pages import run_app

from ggu.config import ROOT
from ggu.store import loader
from ggu.store.snapshots import Store

pytestmark = [pytest.mark.sql, pytest.mark.slow]

ECHO_SQL = """
insert into item values ('E', 'Echo', 'product', 'kortcyclisch', 'Veiligheid', 'G1', 'Team E',
    2024, null, 'rood', 'Geen dekking', 'beheer');
insert into budget values ('A', 2025, 'fonds_ggu', 400.00);
"""
COUNTS = {2023: {"groen": 1, "oranje": 1, "rood": 1}, 2024: {"groen": 2, "oranje": 1, "rood": 2}}


@pytest.fixture(scope="module")
def echo_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("echo")

    def fill(con):
        con.execute(TINY_SQL + ECHO_SQL)
        return {"tiny": 1}

    Store(path).write(fill, action="import", user="test",
                      meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    return path


def test_the_status_counts_are_the_years_portfolio_in_the_monitoring_years(echo_dir):
    counts = loader.query("status_counts_by_year", echo_dir)
    got = {}
    for r in counts.itertuples():
        got.setdefault(int(r.year), {})[r.status] = int(r.item_count)
    assert got == COUNTS                     # no 2025: a year of the multi-year budget


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_query_counts_the_same_red_items(echo_dir, year):
    red = COUNTS[year]["rood"]
    counts = loader.query("status_counts_by_year", echo_dir, year=year)
    assert int(counts.set_index("status").loc["rood", "item_count"]) == red
    portfolio = loader.query("portfolio_by_item", echo_dir, year=year)
    assert int((portfolio["status"] == "rood").sum()) == red
    assert portfolio["status"].value_counts().to_dict() == {
        s: n for s, n in COUNTS[year].items() if n}
    assert int(loader.query("exceptions_by_item", echo_dir, year=year)["is_red"].sum()) == red
    goals = loader.query("goal_allocation_by_year", echo_dir, year=year)
    assert int(goals["red_item_count"].sum()) == red


def test_summary_json_gives_the_same_answer(echo_dir):
    out = subprocess.run([sys.executable, "-m", "ggu", "summary", "--year", "2024", "--json",
                          "--data-dir", str(echo_dir)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status_counts"] == COUNTS[2024]


def test_no_monitoring_query_runs_past_the_base_year(echo_dir):
    """Every query that gives a row per year, run without parameters, stops at the base year
    2024 (the 2025 budget line is the multi-year budget; the planning's queries read it)."""
    for name in loader.query_names():
        if name.startswith("plan_"):
            continue
        try:
            rows = loader.query(name, echo_dir)
        except duckdb.Error:   # a query with a required parameter
            continue
        if "year" in rows.columns and not rows.empty:
            assert rows["year"].max() <= 2024, name


@pytest.mark.app
def test_the_overzicht_says_one_number_and_shows_the_monitoring_years(echo_dir, monkeypatch):
    at = run_app(echo_dir, monkeypatch, jaar="2024")
    headers = [h.value for h in at.header]
    assert "2024: 2 projecten op rood, 1 op oranje" in headers
    summary = next(c.value for c in at.caption if c.value.startswith("Het aantal projecten"))
    assert "ook met € 0 begroting" in summary            # the set, said once in words
    assert summary.endswith("Rood: 1 in 2023, 2 in 2024.")  # not "0 in 2025"
    at.session_state["status_counts_table"] = True
    at.run()
    table = next(f.value for f in at.dataframe if "Status" in f.value.columns
                 and "Jaar" in f.value.columns)
    assert sorted(set(table["Jaar"].astype(str))) == ["2023", "2024"]
    # the points of attention under it list the same two red items
    listed = next(h.proto.body for h in at.get("html") if "Geen dekking" in h.proto.body)
    assert listed.count("Rood") == 2
