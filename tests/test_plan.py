"""Planning on the small fixture with hand-computed figures; saving that loses nothing and
refuses a second save of one version; `ggu plan`; export -> import; the Voorstellen sheet.

The fixture (conftest TINY_SQL) has base year 2024 (as of 31 October 2024): A structureel
300 (fonds), B meerjarig 200 until 2025, C kortcyclisch ended 2024, D structureel 200 (fonds)
+ 100 (rijk); GM0001 1000 and GM0002 3000 inhabitants at € 3,00. Added here: proposals P1
(kortcyclisch, fonds: 150 in 2025, 100 in 2026) and P2 (meerjarig, rijk: 50 in 2025), and a
multi-year budget row B 2026 fonds 120,00 (after B's end year: used as it is)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from conftest import TINY_SQL

from ggu import cli, store
from ggu.ingest import load
from ggu.plan import Change, Conflict, PlanError, Plans, Scenario, figures
from ggu.store import Store

pytestmark = pytest.mark.sql

PLAN_SQL = """
insert into proposal values
    ('P1', 'Plan een', 'kortcyclisch', 'Veiligheid', 'G1', 'fonds_ggu', 2025, 150.00, 'Een'),
    ('P1', 'Plan een', 'kortcyclisch', 'Veiligheid', 'G1', 'fonds_ggu', 2026, 100.00, 'Een'),
    ('P2', 'Plan twee', 'meerjarig', 'Standaarden', 'G2', 'rijk', 2025, 50.00, null);
insert into budget values ('B', 2026, 'fonds_ggu', 120.00);
"""

# rate 3,25 from 2025, 2% a year, P1 in, D dropped from 2027, A 2026 set to 400, B ends 2025
SCENARIO = Scenario("groei", Decimal("3.25"), Decimal("2"), proposals=("P1",), changes=(
    Change("D", from_year=2027), Change("A", year=2026, funding_source="fonds_ggu",
                                        amount_eur=Decimal("400")), Change("B", end_year=2025)))


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan")
    Store(path).write(lambda con: con.execute(TINY_SQL + PLAN_SQL) and {"tiny": 1},
                      action="import", user="test",
                      meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    return path


def q_for(path):
    return lambda name, **p: store.query(name, path, **p)


def test_basis_carries_the_portfolio_forward(plan_dir):
    q = q_for(plan_dir)
    assert figures.basis(q).rate_per_inhabitant_eur == Decimal("3.0000")
    years = figures.years(figures.basis(q), q)
    # 2025: A 300 + B 200 + D 200 + 100 (rijk); 2026: A, D and B's multi-year row 120
    assert years["year_budget_eur"].tolist() == [800.00, 720.00, 600.00, 600.00]
    assert years["fonds_budget_eur"].tolist() == [700.00, 620.00, 500.00, 500.00]
    assert years["fund_eur"].tolist() == [12000.00] * 4          # 2 x (1500 + 4500)
    assert years["room_eur"].tolist() == [11300.00, 11380.00, 11500.00, 11500.00]


def test_a_scenario_to_the_cent(plan_dir):
    q = q_for(plan_dir)
    years = figures.years(SCENARIO, q)
    assert years["rate_per_inhabitant_eur"].tolist() == [3.25, 3.315, 3.3813, 3.4489]
    # fund 2027: 2 x (1000 x 3,3813 / 2) + 2 x (3000 x 3,3813 / 2) = 3381,30 + 10143,90
    assert years["fund_eur"].tolist() == [13000.00, 13260.00, 13525.20, 13795.60]
    # 2025: A 306 + D 204 + 102 + B 200 + P1 150; 2026: A 400 (changed) + D 208,08 + 104,04
    # + P1 100 (B ends 2025: its 2026 row falls away); 2027: A 318,36 (300 x 1,02^3 =
    # 318,3624), D dropped; 2028: A 324,73 (300 x 1,08243216)
    assert years["year_budget_eur"].tolist() == [962.00, 812.12, 318.36, 324.73]
    assert years["fonds_budget_eur"].tolist() == [860.00, 708.08, 318.36, 324.73]
    assert years["room_eur"].tolist() == [12140.00, 12551.92, 13206.84, 13470.87]


def test_parts_add_up_and_the_split_is_checked(plan_dir):
    q = q_for(plan_dir)
    plan = figures.by_year(SCENARIO, q)
    lines = figures.lines(SCENARIO, q)
    for year, rows in plan.groupby("year"):
        assert round(rows["budget_eur"].sum(), 2) == rows["year_budget_eur"].iloc[0]
        assert round(lines.loc[lines["year"] == year, "amount_eur"].sum(), 2) == \
            rows["year_budget_eur"].iloc[0]
    y25 = plan[plan["year"] == 2025].set_index("category")
    assert y25.loc["structureel", "budget_eur"] == 612.00      # A 306 + D 306
    assert y25.loc["kortcyclisch", "budget_eur"] == 150.00     # P1
    assert round(y25.loc["structureel", "budget_share_pct"], 2) == 63.62       # 612 / 962
    # 63,62% vs 50 out; 200 / 962 = 20,79% vs 20 within 2 pp; 15,59% vs 30 out
    assert y25["is_within_tolerance"].tolist() == [False, True, False]
    assert lines.query("line_id == 'P2'")["amount_eur"].tolist() == [0.0]   # not included


def test_show_json_has_exactly_the_agreed_shape(plan_dir):
    data = figures.show(SCENARIO, q_for(plan_dir))
    assert list(data) == ["name", "status", "base_year", "rate_per_inhabitant_eur",
                          "indexation_pct", "years"]
    assert list(data["years"][0]) == ["year", "rate_per_inhabitant_eur", "fund_eur",
                                      "budget_eur", "fonds_budget_eur", "room_eur", "categories"]
    assert list(data["years"][0]["categories"][0]) == [
        "category", "budget_eur", "share_pct", "norm_pct", "deviation_pp", "within_tolerance"]
    assert data["years"][1]["room_eur"] == 12551.92


def test_second_save_of_one_version_is_refused(tmp_path):
    plans = Plans(tmp_path)
    first = plans.save(SCENARIO, "anna")
    mine = first.replace(rate_per_inhabitant_eur=Decimal("3.5000"))
    theirs = first.replace(indexation_pct=Decimal("1.00"))
    assert plans.save(theirs, "bert").version == 2
    with pytest.raises(Conflict, match="bert"):
        plans.save(mine, "anna")
    assert plans.load("groei").indexation_pct == Decimal("1.00")    # bert's stands
    assert [s.version for s in plans.history("groei")] == [1, 2]
    with pytest.raises(PlanError, match="bestaat al"):
        plans.save(SCENARIO, "carla")                                 # a new one by that name
    with pytest.raises(PlanError, match="basis"):
        plans.save(SCENARIO.replace(name="basis"), "anna")


SAVER = """
import sys
from decimal import Decimal
from ggu.plan import Plans, Scenario
plans = Plans(sys.argv[1])
current = plans.load("druk") or plans.save(Scenario("druk", Decimal("3")), "x")
while True:
    current = plans.save(current.replace(description="x" * 200_000), "x")
"""


def test_a_kill_mid_save_loses_nothing(tmp_path):
    """kill -9 a process that saves over and over: every saved version stays whole."""
    folder = tmp_path / "plans" / "druk"
    for wait in (0.05, 0.2, 0.5):
        before = len(list(folder.glob("[0-9]*.json")))
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path)],
                                cwd=os.path.dirname(os.path.dirname(__file__)))
        deadline = time.monotonic() + 60    # until this process has saved (start-up is slow)
        while len(list(folder.glob("[0-9]*.json"))) < before + 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(wait)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        files = sorted(folder.glob("[0-9]*.json"))
        assert [int(f.stem) for f in files] == list(range(1, len(files) + 1))
        for f in files:
            json.loads(f.read_text(encoding="utf-8"))                # complete, never torn
        latest = Plans(tmp_path).load("druk")
        assert (latest.version if latest else 0) == len(files)
    assert len(files) >= 2   # the kills came while saving, not before the first save


def test_plan_commands(plan_dir, capsys):
    d = ["--data-dir", str(plan_dir)]
    assert cli.main(["plan", "new", "cli", "--rate", "3.25", "--indexation", "2",
                     "--include", "P1", "--drop", "D:2027", *d]) == 0
    assert cli.main(["plan", "show", "cli", "--json", *d]) == 0
    shown = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [y["fund_eur"] for y in shown["years"]] == [13000.00, 13260.00, 13525.20, 13795.60]
    for bad in (["plan", "new", "cli"], ["plan", "new", "x", "--rate", "25"],
                ["plan", "new", "x", "--include", "P9"], ["plan", "new", "x", "--drop", "Z"],
                ["plan", "show", "onbekend"]):
        assert cli.main([*bad, *d]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("ggu: ")
    assert cli.main(["plan", "publish", "cli", *d]) == 0
    assert cli.main(["plan", "list", "--json", *d]) == 0
    listed = {s["name"]: s["status"] for s in json.loads(capsys.readouterr().out.split(
        "\n", 1)[1])}
    assert listed == {"basis": "gepubliceerd", "cli": "gepubliceerd"}


def test_export_then_import_gives_the_plan_years_budget(plan_dir, tmp_path):
    q = q_for(plan_dir)
    copy = tmp_path / "data"
    Store(copy).write(lambda con: con.execute(TINY_SQL + PLAN_SQL) and {"tiny": 1},
                      action="import", user="test",
                      meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    out = tmp_path / "plan.xlsx"
    assert cli.main(["plan", "export", "basis", "--out", str(out), "--data-dir",
                     str(plan_dir)]) == 0
    from ggu.plan import export
    export.export(SCENARIO, q, out)
    assert load.import_path(out, copy, user="t").result == "ok"
    imported = store.query("plan_lines", copy, scenario=figures.basis(q).sql_json())
    want = figures.lines(SCENARIO, q)
    counted = want[want["amount_eur"] != 0]
    got = imported[imported["line_kind"] == "project"]
    assert sorted(zip(got["line_id"], got["year"], got["funding_source"], got["amount_eur"])) \
        == sorted(zip(counted["line_id"], counted["year"], counted["funding_source"],
                      counted["amount_eur"]))
    assert set(got["origin"]) == {"begroting"}       # every plan line is now a budget row
    items = store.query("items", copy).set_index("item_id")
    assert items.loc["D", "end_year"] == 2026 and items.loc["P1", "category"] == "kortcyclisch"


def test_the_proposals_sheet_is_validated_like_every_sheet(tmp_path):
    from conftest import build_tiny
    from test_import import tiny_sheets, write_xlsx
    data = tmp_path / "data"
    before = build_tiny(data).current_id()
    sheets = tiny_sheets()
    sheets["Voorstellen"] += [
        ["P1", "Plan een", "kortcyclisch", "Veiligheid", "G1", "fonds_ggu", 2025, 150, None],
        ["P1", "Plan 1", "kortcyclisch", "Veiligheid", "G1", "fonds_ggu", 2026, 100, None],
        ["P2", "Plan twee", "anders", "Standaarden", "G9", "fonds_ggu", 2025, 50, None],
        ["P2", "Plan twee", "anders", "Standaarden", "G9", "fonds_ggu", 2025, 60, None]]
    outcome = load.import_path(write_xlsx(tmp_path / "bad.xlsx", sheets), data, user="t")
    assert outcome.result == "geweigerd"
    found = {(p.sheet, p.row, p.column, p.code) for p in outcome.problems}
    assert {("Voorstellen", 3, "Naam", "proposal_differs"),
            ("Voorstellen", 4, "Categorie", "allowed"),
            ("Voorstellen", 4, "Doel-id", "reference"),
            ("Voorstellen", 5, "Jaar", "duplicate")} <= found
    line = next(p for p in outcome.problems if p.code == "proposal_differs").line("nl")
    assert "Voorstellen, rij 3, kolom Naam" in line and 'rij 2 heeft "Plan een"' in line
    assert Store(data).current_id() == before
