"""The pandas baseline of the benchmark: what 18 of the queries in queries/ return, written the
way a typical Streamlit dashboard does it: the raw tables held in memory as DataFrames (the
transactions included), and groupby/merge over them on every call. No pre-aggregated table is
read: the monthly spending and the year-end forecast are computed from the transactions each time.

The baseline is a FROZEN comparison, not a second definition of the measures: it covers the
fixed set of queries in `BASELINES`, as they were when it was verified against them (issue 26).
tests/test_bench_pandas.py checks it against RECORDED results of those queries on the tiny
fixture (tests/data/bench_pandas_tiny.json, `python -m tools.bench_pandas_record`), not against
the live queries, so a measure is changed in SQL only; the benchmark then compares the query with
the baseline as recorded (BENCHMARKS.md says so).

`BASELINES` maps a query name to fn(frames, params) -> DataFrame; the functions live in
bench_pandas_spend.py and bench_pandas_fund.py, the shared pieces in bench_pandas_base.py."""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tools.bench_pandas_base import load
from tools.bench_pandas_fund import (
    contribution_by_municipality,
    contribution_by_province,
    contributions_by_year,
    goal_allocation_by_year,
    meta,
    split_by_category_by_year,
    totals_by_year,
    whatif_fund_by_category,
    years,
)
from tools.bench_pandas_spend import (
    budget_spent_forecast_by_year,
    burnup_by_month,
    exceptions_by_item,
    forecast_by_category,
    portfolio_by_item,
    spend_by_level,
    spend_by_month,
    spend_filter_options,
    transactions_by_item,
)

__all__ = ["BASELINES", "REQUIRED", "load", "time_baseline", "time_in_subprocess"]

BASELINES = {fn.__name__: fn for fn in (
    spend_by_level, spend_by_month, forecast_by_category, portfolio_by_item, exceptions_by_item,
    burnup_by_month, budget_spent_forecast_by_year, contributions_by_year,
    contribution_by_municipality, contribution_by_province, goal_allocation_by_year,
    transactions_by_item, whatif_fund_by_category, spend_filter_options, totals_by_year,
    split_by_category_by_year, years, meta)}
# The parameters without which a query answers nothing worth timing (the baseline is skipped).
_EXPLORER = ("year_from", "year_to", "unit", "base_year")
REQUIRED = {"spend_by_level": _EXPLORER, "spend_by_month": _EXPLORER,
            "whatif_fund_by_category": ("year", "rate", "indexation_pct"),
            **{name: ("year",) for name in (
                "forecast_by_category", "portfolio_by_item", "exceptions_by_item",
                "burnup_by_month", "contribution_by_municipality", "contribution_by_province",
                "goal_allocation_by_year")}}


def time_baseline(path: Path, runs: int, params: dict) -> dict[str, float]:
    """Median ms per query name that has a pandas equivalent and its required parameters."""
    frames = load(path)
    out = {}
    for name, fn in BASELINES.items():
        if any(params.get(key) is None for key in REQUIRED.get(name, ())):
            continue
        fn(frames, params)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn(frames, params)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = round(statistics.median(times), 2)
    return out


def time_in_subprocess(path: Path, runs: int, params: dict) -> tuple[dict[str, float], float]:
    """The baseline in its own process (its frames would dominate our peak memory).

    Returns (median ms per query, peak memory of that process in MB)."""
    out = subprocess.run([sys.executable, "-m", "tools.bench_pandas", str(path), str(runs),
                          json.dumps(params)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.splitlines()[-1])  # after any progress bar output
    return result["medians"], result["peak_rss_mb"]


if __name__ == "__main__":
    medians = time_baseline(Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]))
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print("\n" + json.dumps({"medians": medians, "peak_rss_mb": peak}))
