"""The results the pandas baseline (tools/bench_pandas.py) is held to: its queries, run by DuckDB
on the tiny fixture of tests/conftest.py under the parameter sets of `RUNS`, recorded in
tests/data/bench_pandas_tiny.json. tests/test_bench_pandas.py compares the baseline with this
file, not with the live queries: the baseline is a frozen comparison, and a measure is changed in
SQL alone.

`python -m tools.bench_pandas_record` records the file again. Do that only when the tiny fixture
or the baseline's set of queries changes, not to follow a changed measure: a recording made after
a measure changed would hold the baseline to the new measure (then change or drop that query's
baseline on purpose, and say so in BENCHMARKS.md)."""
from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

RECORDED = Path(__file__).resolve().parent.parent / "tests" / "data" / "bench_pandas_tiny.json"

# The tiny fixture's as-of year (2024, the forecast), a closed year (2023), and the spending
# explorer per inhabitant, in constant prices with filters, and for one funding source.
_AS_OF = {"year": 2024, "item_id": "A", "year_from": 2023, "year_to": 2024, "unit": "eur",
          "base_year": 2024, "compare_year": 2023, "rate": 3.05, "indexation_pct": 0.0}
_EXPLORER = ["spend_by_level", "spend_by_month"]
RUNS = {
    "as_of_year": (_AS_OF, None),
    # The tiny fixture has no contributions in 2023; the baseline does not mirror the queries'
    # answer for a year without them (nulls, no row), so those two are left out there.
    "closed_year": ({**_AS_OF, "year": 2023, "year_from": 2022, "year_to": 2023,
                     "compare_year": 2022, "item_id": None, "rate": 3.5, "indexation_pct": 2.5},
                    "not contributions_by_year, whatif_fund_by_category"),
    "per_inhabitant": ({**_AS_OF, "unit": "per_inhabitant"}, _EXPLORER),
    "constant_filtered": ({**_AS_OF, "unit": "constant", "base_year": 2023, "year_from": 2022,
                           "categories": ["structureel", "kortcyclisch"],
                           "cost_types": ["personeel", "inhuur", "licenties"],
                           "funding_sources": ["fonds_ggu", "rijk"]}, _EXPLORER),
    "rijk_filtered": ({**_AS_OF, "funding_sources": ["rijk"], "goals": ["G1"],
                       "items": ["A", "D"]}, _EXPLORER),
}
# Columns whose value depends on when or with which schema the fixture was written.
VOLATILE = {"meta": ("created_at", "schema_version")}


def names(run: str, baselines) -> list[str]:
    """The queries recorded under a run."""
    selection = RUNS[run][1]
    if selection is None:
        return sorted(baselines)
    if isinstance(selection, str):
        left_out = selection.removeprefix("not ").split(", ")
        return sorted(n for n in baselines if n not in left_out)
    return list(selection)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else round(float(value), 6)
    return str(value)


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "object"


def encode(frame: pd.DataFrame, skip=()) -> dict:
    return {"columns": {c: _kind(frame[c]) for c in frame.columns},
            "rows": [[None if c in skip else _plain(v) for c, v in row.items()]
                     for _, row in frame.iterrows()]}


def decode(recorded: dict) -> pd.DataFrame:
    """The recorded result as a frame with the dtypes the query gave (bool, float, datetime)."""
    columns = list(recorded["columns"])
    frame = pd.DataFrame(recorded["rows"], columns=columns, dtype=object)
    for column, kind in recorded["columns"].items():
        if kind == "bool":
            frame[column] = frame[column].astype(bool)
        elif kind == "number":
            frame[column] = pd.to_numeric(frame[column].astype(float))
        elif kind == "datetime":
            frame[column] = pd.to_datetime(frame[column])
    return frame


def record(path: Path) -> dict:
    """Every run's parameters and the results of its queries on the snapshot at path."""
    from ggu.store import loader
    from tools.bench_pandas import BASELINES
    out = {}
    for run, (params, _) in RUNS.items():
        results = {}
        for name in names(run, BASELINES):
            frame = loader.run(name, path, **{p: params.get(p) for p in loader.sql_params(name)})
            results[name] = encode(frame, VOLATILE.get(name, ()))
        out[run] = {"params": params, "results": results}
    return out


def dumps(recorded: dict) -> str:
    """JSON with one line per row, so that a new recording shows in a diff row by row."""
    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False)
    out = ["{"]
    for i, (run, body) in enumerate(recorded.items()):
        out += [f" {line(run)}: {{", f"  \"params\": {line(body['params'])},", '  "results": {']
        for j, (name, result) in enumerate(body["results"].items()):
            rows = ",\n".join(f"    {line(row)}" for row in result["rows"])
            out.append(f"   {line(name)}: {{\"columns\": {line(result['columns'])}, \"rows\": ["
                       + (f"\n{rows}\n   " if rows else "") + "]}"
                       + ("," if j < len(body["results"]) - 1 else ""))
        out += ["  }", " }" + ("," if i < len(recorded) - 1 else "")]
    return "\n".join([*out, "}"]) + "\n"


def main() -> int:
    """Build the tiny fixture in a scratch folder and record the queries on it."""
    sys.path.insert(0, str(RECORDED.parent.parent))
    from conftest import build_tiny
    with tempfile.TemporaryDirectory(prefix="ggu-record-") as scratch:
        from ggu.store import loader
        build_tiny(Path(scratch) / "data")
        recorded = record(loader.snapshot(Path(scratch) / "data").path)
    RECORDED.parent.mkdir(exist_ok=True)
    RECORDED.write_text(dumps(recorded), encoding="utf-8")
    print(f"{RECORDED}: {sum(len(r['results']) for r in recorded.values())} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
