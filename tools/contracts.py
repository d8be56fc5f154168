"""The contract beside every query: `queries/<name>.yml` says what one row of `<name>.sql` is,
what each column means, and which checks hold on every result. docs/queries.md describes the
format; tests/test_query_contracts.py runs every query on the tiny and the demo data and checks
its result here. `python -m tools.contracts DATA_DIR` checks every query on a data folder.

`check(frame, contract)` returns the broken promises as sentences (an empty list: all hold).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import yaml

from ggu.store import codes

QUERIES = Path(__file__).resolve().parent.parent / "queries"
TOLERANCE = 0.01   # parts add up to their total within a cent (or 0.01 percentage point)

# A declared type and the pandas dtypes that fit it. DuckDB returns the sum of an integer column
# as HUGEINT, which pandas reads as float64: an `integer` column may be float64 if every value
# is whole.
TYPES = {"text", "integer", "decimal", "boolean", "date", "timestamp", "list"}
# A column's name fixes its unit: the suffix (or prefix) and the unit it demands.
NAMED_UNITS = (("_eur", "eur"), ("_pct", "pct"), ("_pp", "pp"), ("_date", "date"))
UNITS = {"eur", "pct", "pp", "date", "flag", "year", "month", "quarter", "count",
         "inhabitants", "factor", "code", "text", "timestamp", "list"}
COLUMN_KEYS = {"type", "unit", "description", "not_null", "accepted_values", "min", "max"}
CONTRACT_KEYS = {"description", "grain", "key", "columns", "parts_add_up", "columns_add_up"}
PARTS_KEYS = {"columns", "by", "rows", "parts", "total", "total_row", "total_column"}
TOTALS = ("total", "total_row", "total_column")


def path(name: str) -> Path:
    return QUERIES / f"{name}.yml"


def names() -> list[str]:
    """Every query that has a contract."""
    return sorted(p.stem for p in QUERIES.glob("*.yml"))


def load(name: str) -> dict:
    return yaml.safe_load(path(name).read_text(encoding="utf-8"))


def _column_problems(name: str, spec: dict) -> list[str]:
    out = []
    if not isinstance(spec, dict):
        return [f"column {name}: not a mapping"]
    out += [f"column {name}: unknown key {k!r}" for k in set(spec) - COLUMN_KEYS]
    if spec.get("type") not in TYPES:
        out.append(f"column {name}: type {spec.get('type')!r} is not one of {sorted(TYPES)}")
    if not str(spec.get("description") or "").strip():
        out.append(f"column {name}: no description")
    unit = spec.get("unit")
    if unit is not None and unit not in UNITS:
        out.append(f"column {name}: unit {unit!r} is not one of {sorted(UNITS)}")
    for suffix, wanted in NAMED_UNITS:
        if name.endswith(suffix) and unit != wanted:
            out.append(f"column {name}: named *{suffix}, so its unit must be {wanted}")
    if name.startswith("is_") and (spec.get("type") != "boolean" or unit != "flag"):
        out.append(f"column {name}: named is_*, so type boolean and unit flag")
    if unit == "flag" and not name.startswith("is_"):
        out.append(f"column {name}: a flag is named is_*")
    values = spec.get("accepted_values")
    if isinstance(values, str) and values not in codes.NAMES:
        out.append(f"column {name}: accepted_values {values!r} is not one of {codes.NAMES}")
    return out


def problems(contract: dict) -> list[str]:
    """What is wrong with the contract itself (the format of docs/queries.md)."""
    if not isinstance(contract, dict):
        return ["the contract is not a mapping"]
    out = [f"unknown key {k!r}" for k in set(contract) - CONTRACT_KEYS]
    for key in ("description", "grain"):
        if not str(contract.get(key) or "").strip():
            out.append(f"no {key}")
    columns = contract.get("columns")
    if not isinstance(columns, dict) or not columns:
        return [*out, "no columns"]
    for name, spec in columns.items():
        out += _column_problems(name, spec)
    key = contract.get("key")
    if not isinstance(key, list) or not key:
        out.append("key: a list of the columns that identify a row")
    else:
        out += [f"key: {k} is not a column" for k in key if k not in columns]
    for rule in contract.get("parts_add_up") or []:
        out += [f"parts_add_up: unknown key {k!r}" for k in set(rule) - PARTS_KEYS]
        named = [*rule.get("columns", []), *rule.get("by", []), rule.get("total_column")]
        out += [f"parts_add_up: {c} is not a column" for c in named
                if c is not None and c not in columns]
        if sum(k in rule for k in TOTALS) != 1 or not rule.get("columns"):
            out.append("parts_add_up: columns and one of total (a number), total_row (a filter) "
                       "or total_column (a column)")
    for rule in contract.get("columns_add_up") or []:
        named = [*rule.get("parts", []), rule.get("total")]
        if set(rule) != {"parts", "total"} or any(c not in columns for c in named):
            out.append(f"columns_add_up: parts and total, each a column ({rule})")
    return out


def _fits(series: pd.Series, declared: str) -> bool:
    dtype = series.dtype
    values = series.dropna()
    if declared == "integer":
        if pd.api.types.is_integer_dtype(dtype):
            return True
        return pd.api.types.is_float_dtype(dtype) and bool((values % 1 == 0).all())
    if declared == "decimal":
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if declared == "boolean":
        return pd.api.types.is_bool_dtype(dtype)
    if declared in ("date", "timestamp"):
        return pd.api.types.is_datetime64_any_dtype(dtype)
    textual = pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype)
    if declared == "text":
        return textual and all(isinstance(v, str) for v in values)
    if declared == "list":
        return textual and all(hasattr(v, "__len__") and not isinstance(v, str) for v in values)
    return False


def _accepted(spec) -> set:
    return set(getattr(codes, spec)) if isinstance(spec, str) else set(spec)


def _column_breaks(frame: pd.DataFrame, name: str, spec: dict) -> list[str]:
    series = frame[name]
    out = []
    if not _fits(series, spec["type"]):
        out.append(f"{name}: dtype {series.dtype} does not fit the declared {spec['type']}")
        return out
    if spec.get("not_null") and series.isna().any():
        out.append(f"{name}: {int(series.isna().sum())} null value(s), declared not null")
    values = series.dropna()
    if "accepted_values" in spec:
        wrong = sorted(set(values) - _accepted(spec["accepted_values"]), key=str)
        if wrong:
            out.append(f"{name}: values {wrong[:5]} not among the accepted values")
    if "min" in spec and (values < spec["min"] - 1e-9).any():
        out.append(f"{name}: {values.min()} is below the minimum {spec['min']}")
    if "max" in spec and (values > spec["max"] + 1e-9).any():
        out.append(f"{name}: {values.max()} is above the maximum {spec['max']}")
    return out


def _groups(frame: pd.DataFrame, by: list[str]):
    if not by:
        return [((), frame)]
    return frame.groupby(by, dropna=False, sort=False)


def _sum_breaks(frame: pd.DataFrame, rule: dict) -> list[str]:
    """Among the rows matching `rows` (default all), per group of `by`: the parts (rows matching
    `parts`, else every row but the total row) add up to `total` (a number), to the row matching
    `total_row` or to the value of `total_column` (the same on each row), within TOLERANCE."""
    out = []
    by = rule.get("by", [])
    selected = frame.query(rule["rows"]) if "rows" in rule else frame
    for group, rows in _groups(selected, by):
        total_rows = rows.query(rule["total_row"]) if "total_row" in rule else None
        if "parts" in rule:
            parts = rows.query(rule["parts"])
        else:
            parts = rows if total_rows is None else rows.drop(index=total_rows.index)
        if parts.empty and total_rows is None:
            continue   # nothing to add up (a result without rows)
        if total_rows is not None and len(total_rows) != 1:
            out.append(f"parts_add_up {group}: {len(total_rows)} rows match {rule['total_row']}")
            continue
        for column in rule["columns"]:
            got = parts[column].sum()
            if "total_column" in rule:
                want = rows[rule["total_column"]].iloc[0]
            else:
                want = rule["total"] if total_rows is None else total_rows[column].iloc[0]
            if pd.isna(want) and parts[column].isna().all():
                continue
            if pd.isna(want) or abs(got - want) > TOLERANCE:
                out.append(f"parts_add_up {group}: {column} sums to {got}, not {want}")
    return out


def check(frame: pd.DataFrame, contract: dict) -> list[str]:
    """Every promise of the contract that the frame breaks, as a sentence."""
    out = problems(contract)
    if out:
        return out
    columns = contract["columns"]
    missing = [c for c in columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in columns]
    out += [f"{c}: declared but not returned" for c in missing]
    out += [f"{c}: returned but not declared" for c in extra]
    if missing or extra:
        return out
    for name, spec in columns.items():
        out += _column_breaks(frame, name, spec)
    key = contract["key"]
    duplicated = frame.duplicated(subset=key, keep=False)
    if duplicated.any():
        first = frame.loc[duplicated, key].iloc[0].tolist()
        out.append(f"key {key}: {int(duplicated.sum())} rows share a key, e.g. {first}")
    for rule in contract.get("parts_add_up") or []:
        out += _sum_breaks(frame, rule)
    for rule in contract.get("columns_add_up") or []:
        gap = (frame[rule["parts"]].sum(axis=1, min_count=1) - frame[rule["total"]]).abs()
        if (gap > TOLERANCE).any():
            out.append(f"columns_add_up: {' + '.join(rule['parts'])} is not {rule['total']} "
                       f"on {int((gap > TOLERANCE).sum())} row(s)")
    return out


DOCS = QUERIES.parent / "docs" / "queries.md"
INDEX_START = "<!-- contracts: python -m tools.contracts --index -->"
INDEX_END = "<!-- /contracts -->"


def index() -> str:
    """The table of every contract for docs/queries.md: the query, its grain and its key."""
    rows = ["| Query (its contract) | One row is | Key |", "|---|---|---|"]
    for name in names():
        contract = load(name)
        rows.append(f"| [{name}](../queries/{name}.yml) | {contract['grain']} | "
                    f"{', '.join(contract['key'])} |")
    return "\n".join(rows)


def write_index() -> None:
    text = DOCS.read_text(encoding="utf-8")
    head, rest = text.split(INDEX_START)
    tail = rest.split(INDEX_END)[1]
    DOCS.write_text(f"{head}{INDEX_START}\n{index()}\n{INDEX_END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Check every query on the current snapshot of a data folder (the demo's parameters), or
    with --index rewrite the table of contracts in docs/queries.md."""
    from ggu.store import loader
    if argv == ["--index"]:
        write_index()
        return 0
    data_dir = argv[0] if argv else "data-demo"
    broken = 0
    for name in loader.query_names():
        params = {p: SAMPLE_PARAMS.get(p) for p in loader.sql_params(name)}
        found = check(loader.query(name, data_dir, **params), load(name))
        broken += bool(found)
        print(f"{name}: {'ok' if not found else '; '.join(found)}")
    return 1 if broken else 0


# The parameters `main` runs a query with (the others stay null).
SAMPLE_PARAMS = {"year": 2024, "cbs_code": "GM0363", "year_from": 2023, "year_to": 2024,
                 "unit": "eur", "base_year": 2024, "rate": 3.0, "indexation_pct": 0.0,
                 "scenario": '{"rate_per_inhabitant_eur": "3.0000"}'}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
