"""Each pandas baseline of the benchmark returns what its SQL query returned when the baseline was
frozen (so the timings compare like with like): the results recorded on the tiny fixture
(tests/data/bench_pandas_tiny.json, tools/bench_pandas_record.py), same rows in the same order,
every column present, money to the cent, counts, keys, flags and dates equal. The recording, not
the live query, is the reference: a measure is changed in SQL alone (BENCHMARKS.md)."""
import json

import numpy as np
import pandas as pd
import pytest

from ggu import demo
from ggu.store import loader
from ggu.store.snapshots import Store
from tools import bench, bench_pandas, bench_pandas_record

pytestmark = pytest.mark.sql

YEAR = demo.AS_OF.year - 1
DEFAULT = bench.DEFAULT_PARAMS   # the parameters the benchmark times
# The as-of year (the forecast model instead of actual spending), another rate, every item.
RUNNING = {**DEFAULT, "year": demo.AS_OF.year, "year_to": demo.AS_OF.year, "compare_year": YEAR,
           "item_id": None, "rate": 3.5, "indexation_pct": 2.5}


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


RECORDED = json.loads(bench_pandas_record.RECORDED.read_text(encoding="utf-8"))
CASES = [(run, name) for run, body in RECORDED.items() for name in body["results"]]


@pytest.fixture(scope="module")
def tiny_frames(tiny_dir):
    return bench_pandas.load(loader.snapshot(tiny_dir).path)


@pytest.mark.parametrize("run, name", CASES, ids=[f"{r}-{n}" for r, n in CASES])
def test_baseline_equals_the_recorded_query(tiny_frames, run, name):
    params = RECORDED[run]["params"]
    recorded = bench_pandas_record.decode(RECORDED[run]["results"][name])
    frame = bench_pandas.BASELINES[name](tiny_frames, params)
    volatile = list(bench_pandas_record.VOLATILE.get(name, ()))
    assert set(volatile) <= set(frame.columns), name
    _same(recorded.drop(columns=volatile), frame.drop(columns=volatile), name)


def test_the_recording_covers_every_baseline_with_rows():
    """Every baseline is held to a recorded result, in the as-of year with rows; a run's
    selection is what tools/bench_pandas_record.py says."""
    assert set(RECORDED) == set(bench_pandas_record.RUNS)
    for run, body in RECORDED.items():
        assert list(body["results"]) == bench_pandas_record.names(run, bench_pandas.BASELINES)
        assert body["params"] == bench_pandas_record.RUNS[run][0]
    as_of = RECORDED["as_of_year"]["results"]
    assert set(as_of) == set(bench_pandas.BASELINES)
    assert all(as_of[name]["rows"] for name in as_of), "an empty recorded result proves little"


def test_a_baseline_that_differs_from_the_recording_fails(tiny_frames):
    """The comparison is not vacuous: a cent more on one row is caught."""
    recorded = bench_pandas_record.decode(RECORDED["as_of_year"]["results"]["totals_by_year"])
    frame = bench_pandas.BASELINES["totals_by_year"](tiny_frames, RECORDED["as_of_year"]["params"])
    _same(recorded, frame, "totals_by_year")
    frame.loc[0, "spent_eur"] += 0.01
    with pytest.raises(AssertionError):
        _same(recorded, frame, "totals_by_year")


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


def test_timing_skips_a_baseline_without_its_required_parameters(tiny_dir):
    medians = bench_pandas.time_baseline(loader.snapshot(tiny_dir).path, 1, {"year": 2024})
    assert "spend_by_level" not in medians and "whatif_fund_by_category" not in medians
    assert {"totals_by_year", "exceptions_by_item", "burnup_by_month"} <= set(medians)
