"""Each pandas baseline of the benchmark returns what its SQL query returns on the same snapshot
and parameters (so the timings compare like with like): same rows in the same order, every SQL
column present, money to the cent, counts, keys, flags and dates equal."""
import numpy as np
import pandas as pd
import pytest

from ggu import demo
from ggu.store import loader
from ggu.store.snapshots import Store
from tools import bench, bench_pandas

pytestmark = pytest.mark.sql

YEAR = demo.AS_OF.year - 1
DEFAULT = bench.DEFAULT_PARAMS   # the parameters the benchmark times
# The as-of year (the forecast model instead of actual spending), per inhabitant, in constant
# prices, filtered, another rate, every item: the same code paths under other parameters.
RUNNING = {**DEFAULT, "year": demo.AS_OF.year, "year_to": demo.AS_OF.year, "compare_year": YEAR,
           "item_id": None, "rate": 3.5, "indexation_pct": 2.5}
OTHER_UNITS = [{**DEFAULT, "unit": "per_inhabitant"},
               {**DEFAULT, "unit": "constant", "base_year": 2018, "year_from": 2016,
                "categories": ["structureel", "kortcyclisch"],
                "cost_types": ["personeel", "advies"],
                "funding_sources": ["rijk", "overig"]}]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    data = tmp_path_factory.mktemp("bench")
    sid, _ = bench.build(data, 20_000)
    path = Store(data).path(sid)
    return path, bench_pandas.load(path)


def _same(sql: pd.DataFrame, frame: pd.DataFrame, name: str) -> None:
    assert len(frame) == len(sql), name
    assert set(frame.columns) == set(sql.columns), name
    for column in sql.columns:
        want, got = sql[column], frame[column].reset_index(drop=True)
        where = f"{name}.{column}"
        if column == "rules":
            assert [[r["rule_id"] for r in rules] for rules in got] == \
                [[r["rule_id"] for r in rules] for rules in want], where
            assert [r["metric_value"] for rules in got for r in rules] == pytest.approx(
                [r["metric_value"] for rules in want for r in rules], abs=1e-6), where
        elif pd.api.types.is_bool_dtype(want):
            assert got.astype(bool).tolist() == want.tolist(), where
        elif pd.api.types.is_numeric_dtype(want):
            assert got.astype(float).tolist() == pytest.approx(
                want.astype(float).tolist(), abs=0.005, nan_ok=True), where
        elif pd.api.types.is_datetime64_any_dtype(want):
            assert pd.to_datetime(got).tolist() == want.tolist(), where
        else:
            def norm(s):
                return [None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                        else str(v) for v in s]
            assert norm(got) == norm(want), where


def _check(snapshot, name, params):
    path, frames = snapshot
    sql = loader.run(name, path, **{p: params.get(p) for p in loader.sql_params(name)})
    _same(sql, bench_pandas.BASELINES[name](frames, params), name)
    return sql


@pytest.mark.parametrize("name", sorted(bench_pandas.BASELINES))
def test_baseline_equals_the_query_at_the_default_parameters(snapshot, name):
    sql = _check(snapshot, name, DEFAULT)
    assert len(sql) > 0, f"{name} returns no rows at the benchmark's parameters"


@pytest.mark.parametrize("name", sorted(bench_pandas.BASELINES))
def test_baseline_equals_the_query_in_the_running_year(snapshot, name):
    _check(snapshot, name, RUNNING)


@pytest.mark.parametrize("params", OTHER_UNITS, ids=["per_inhabitant", "constant_filtered"])
@pytest.mark.parametrize("name", ["spend_by_level", "spend_by_month"])
def test_spending_explorer_baselines_in_other_units_and_filters(snapshot, name, params):
    _check(snapshot, name, params)


def test_the_default_parameters_give_meaningful_answers(snapshot):
    """Not an empty frame of nulls: the year's spending, forecast and exceptions are there."""
    path, frames = snapshot
    level = bench_pandas.spend_by_level(frames, DEFAULT)
    total = level[level["node_level"] == "total"].iloc[0]
    assert total["item_count"] > 50 and total["spent_eur"] > 100_000_000
    forecast = bench_pandas.forecast_by_category(frames, RUNNING)
    assert set(forecast["category"].dropna()) == {"structureel", "meerjarig", "kortcyclisch"}
    assert len(bench_pandas.exceptions_by_item(frames, RUNNING)) > 0
    assert len(bench_pandas.transactions_by_item(frames, DEFAULT)) > 0
    whatif = bench_pandas.whatif_fund_by_category(frames, DEFAULT)
    assert whatif["fund_change_eur"].tolist() == pytest.approx([0, 0, 0], abs=0.001)


@pytest.mark.slow
def test_timing_runs_every_baseline_in_its_own_process(snapshot):
    path, _ = snapshot
    medians, peak = bench_pandas.time_in_subprocess(path, 1, DEFAULT)
    assert set(medians) == set(bench_pandas.BASELINES)
    assert all(ms > 0 for ms in medians.values()) and peak > 0


def test_timing_skips_a_baseline_without_its_required_parameters(snapshot):
    path, _ = snapshot
    medians = bench_pandas.time_baseline(path, 1, {"year": YEAR})
    assert "spend_by_level" not in medians and "whatif_fund_by_category" not in medians
    assert {"totals_by_year", "exceptions_by_item", "burnup_by_month"} <= set(medians)
