"""The year-end forecast: known by hand on a small fixture and on the tiny one; invariants and the
backtest on the demo data; the exception rules evaluated as data."""
import pytest

from ggu import cli
from ggu.store import loader
from ggu.store.snapshots import Store

pytestmark = pytest.mark.sql

# X: 2022 spent 60 in Jan and 40 in Dec (40% after October), 2023 80 in Mar and 20 in Nov (20%):
# on average 30% falls after October, so 140 spent by 31 Oct 2024 -> 140 / 0.7 = 200.00; the
# remaining 60 follows the average November (10%) and December (20%) shares: 160 in Nov, 200 Dec.
# Y is new in 2024: run rate 50 x 12 / 10 = 60.00 (55 in Nov, 60 in Dec).
# Backtest 2023 (pattern from 2022 only: 40% after October): 80 / 0.6 = 133.33 against 100.
KNOWN_SQL = """
insert into goal values ('G1', 'Doel', 'Een doel', 1);
insert into item values
    ('X', 'Xray', 'dienst', 'structureel', 'Thema', 'G1', 'Team', 2020, null, 'groen', null,
     'beheer'),
    ('Y', 'Yankee', 'programma', 'kortcyclisch', 'Thema', 'G1', 'Team', 2024, 2024, 'oranje',
     null, 'implementatie');
insert into budget values ('X', 2023, 'fonds_ggu', 100.00), ('X', 2024, 'fonds_ggu', 180.00),
    ('Y', 2024, 'fonds_ggu', 100.00);
insert into spend values
    (1, 'X', '2022-01-10', 60.00, 'personeel', null),
    (2, 'X', '2022-12-10', 40.00, 'personeel', null),
    (3, 'X', '2023-03-10', 80.00, 'personeel', null),
    (4, 'X', '2023-11-10', 20.00, 'personeel', null),
    (5, 'X', '2024-02-10', 70.00, 'personeel', null),
    (6, 'X', '2024-06-10', 70.00, 'personeel', null),
    (7, 'Y', '2024-05-10', 50.00, 'inhuur', null);
insert into exception_rule values
    ('overschrijding_pct', 'forecast_overspend_pct', '>', 5, true),
    ('onderbesteding_pct', 'forecast_underspend_pct', '>', 15, true),
    ('status_rood', 'is_red', '=', 1, true);
"""


def by_category(rows):
    """forecast_by_category.sql indexed by category, its total row as "total"."""
    return rows.assign(category=rows["category"].where(~rows["is_total"], "total")) \
        .set_index("category")


@pytest.fixture(scope="module")
def known_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("known")
    Store(path).write(lambda con: con.execute(KNOWN_SQL) and {"known": 1}, action="import",
                      user="test", meta={"is_demo": "false", "as_of_date": "2024-10-31"})
    return path


def test_pattern_and_run_rate_known_by_hand(known_dir):
    rows = loader.query("portfolio_by_item", known_dir, year=2024).set_index("item_id")
    assert rows.loc["X", "forecast_eur"] == 200.00
    assert rows.loc["X", "forecast_method"] == "pattern"
    assert rows.loc["Y", "forecast_eur"] == 60.00
    assert rows.loc["Y", "forecast_method"] == "run_rate"


def test_rolled_up_per_category_and_total(known_dir):
    fc = by_category(loader.query("forecast_by_category", known_dir, year=2024))
    assert fc.loc["structureel", "forecast_eur"] == 200.00
    assert fc.loc["kortcyclisch", "forecast_eur"] == 60.00
    assert fc.loc["total", "forecast_eur"] == 260.00
    assert fc.loc["total", "forecast_deviation_eur"] == -20.00


def test_burnup_continues_the_forecast_by_the_pattern(known_dir):
    burn = loader.query("burnup_by_month", known_dir, year=2024, item_id="X").set_index("month")
    assert burn.loc[10, "spent_cum_eur"] == 140.00
    assert burn.loc[[10, 11, 12], "forecast_cum_eur"].tolist() == [140.00, 160.00, 200.00]
    assert burn.loc[11:, "spent_cum_eur"].isna().all()
    assert burn.loc[:9, "forecast_cum_eur"].isna().all()
    run = loader.query("burnup_by_month", known_dir, year=2024, item_id="Y").set_index("month")
    assert run.loc[[10, 11, 12], "forecast_cum_eur"].tolist() == [50.00, 55.00, 60.00]


def test_backtest_known_by_hand(known_dir):
    bt = loader.query("forecast_backtest_by_year", known_dir)
    row = bt[bt["year"] == 2023].iloc[0]
    assert row["forecast_eur"] == pytest.approx(133.33)
    assert row["mae_eur"] == pytest.approx(33.33) and row["mae_pct"] == pytest.approx(33.33)


def test_exception_rules_are_data(known_dir):
    exc = loader.query("exceptions_by_item", known_dir, year=2024).set_index("item_id")
    assert [r["rule_id"] for r in exc.loc["X", "rules"]] == ["overschrijding_pct"]
    assert exc.loc["X", "rules"][0]["metric_value"] == pytest.approx(100 * 20 / 180)
    assert [r["rule_id"] for r in exc.loc["Y", "rules"]] == ["onderbesteding_pct"]


def test_tiny_forecast_known_figures(tiny_dir):
    rows = loader.query("portfolio_by_item", tiny_dir, year=2024).set_index("item_id")
    assert rows["forecast_eur"].to_dict() == {"A": 350.10, "B": 100.00, "C": 59.88, "D": 0.00}
    assert rows.loc["C", "forecast_method"] == "run_rate"
    total = by_category(loader.query("forecast_by_category", tiny_dir, year=2024))
    assert total.loc["total", "forecast_eur"] == pytest.approx(509.98)
    bt = loader.query("forecast_backtest_by_year", tiny_dir).set_index("year")
    assert bt.loc[2023, "mae_eur"] == pytest.approx(70.00)
    assert bt.loc[2023, "mae_pct"] == pytest.approx(42.0)


def test_demo_forecast_invariants(demo_dir):
    for year in (2024, 2026):
        fc = loader.query("forecast_by_category", demo_dir, year=year)
        parts, total = fc[~fc["is_total"]], fc[fc["is_total"]].iloc[0]
        for col in ("budget_eur", "spent_eur", "forecast_eur"):   # parts sum to the whole
            assert round(parts[col].sum(), 2) == round(total[col], 2)
    closed = loader.query("forecast_by_category", demo_dir, year=2024)
    assert (closed["forecast_eur"] == closed["spent_eur"]).all()   # a closed year: the actual
    now = by_category(loader.query("forecast_by_category", demo_dir, year=2026))
    assert now.loc["total", "forecast_eur"] > now.loc["total", "spent_eur"]


def test_demo_backtest_every_earlier_year_and_cli(demo_dir):
    data = cli.backtest(demo_dir)
    assert [r["year"] for r in data] == [2019, 2020, 2021, 2022, 2023, 2024, 2025, None]
    overall = data[-1]
    assert 0 < overall["mae_pct"] < 5   # the method is good to a few percent on the demo data
    assert cli.main(["backtest", "--data-dir", str(demo_dir)]) == 0


def test_demo_exceptions_follow_the_default_rules(demo_dir):
    exc = loader.query("exceptions_by_item", demo_dir, year=2026).set_index("item_id")
    rules = {i: {r["rule_id"] for r in rs} for i, rs in exc["rules"].items()}
    assert {"overschrijding_pct", "overschrijding_eur", "status_rood"} <= rules["NIS2"]
    # 68% realised: underspend; and amber since the latest report (green before)
    assert rules["MIJN"] == {"onderbesteding_pct", "status_verslechterd"}
    assert "einde_verstreken" in rules["EDEPOT"]             # ended 2024, still implementing
    assert "STUF" not in rules                               # ended 2024 and 'afgerond'
