"""Every query keeps its contract (queries/<name>.yml, docs/queries.md) on the tiny fixture and on
the demo data: the columns it returns are the ones documented, each of the declared type, and
every check holds (unique key, not null, accepted values, ranges, parts that add up). The
checker itself is shown to catch a broken result and a broken contract."""
import copy

import numpy as np
import pandas as pd
import pytest
from test_queries import _params

from ggu.store import loader
from tools import contracts

pytestmark = pytest.mark.sql


def test_every_query_has_a_contract_and_every_contract_a_query():
    assert contracts.names() == loader.query_names()


@pytest.mark.parametrize("name", contracts.names())
def test_the_contract_is_well_formed(name):
    assert contracts.problems(contracts.load(name)) == []


# A closed year and the running year (the forecast, to the as-of date) of each data set.
RUNS = [("tiny", 2023), ("tiny", 2024), ("demo", 2024), ("demo", 2026)]
# Parameters test_queries.py leaves null that a contract's checks should see given.
EXTRA = {"base_rate": 3.05}


@pytest.mark.parametrize("name", loader.query_names())
def test_the_query_keeps_its_contract_on_tiny_and_demo(name, tiny_dir, demo_dir):
    contract = contracts.load(name)
    for data, year in RUNS:
        where, code = (tiny_dir, "GM0002") if data == "tiny" else (demo_dir, "GM0363")
        params = {**_params(name, year, cbs_code=code),
                  **{k: v for k, v in EXTRA.items() if k in loader.sql_params(name)}}
        result = loader.query(name, where, **params)
        assert contracts.check(result, contract) == [], f"{data} {year}"


def test_the_docs_list_every_contract():
    """docs/queries.md links every contract with its grain and key (`tools.contracts --index`)."""
    text = contracts.DOCS.read_text(encoding="utf-8")
    assert f"{contracts.INDEX_START}\n{contracts.index()}\n{contracts.INDEX_END}" in text


# -- The checker catches what it should: on synthetic frames, not by editing queries --

SPLIT = {
    "description": "One row per year x category.", "grain": "One row per year x category",
    "key": ["year", "category"],
    "columns": {
        "year": {"type": "integer", "unit": "year", "not_null": True, "description": "The year."},
        "category": {"type": "text", "not_null": True, "accepted_values": "CATEGORIES",
                     "description": "The category."},
        "budget_eur": {"type": "decimal", "unit": "eur", "min": 0, "description": "Budget."},
        "share_pct": {"type": "decimal", "unit": "pct", "min": 0, "max": 100,
                      "description": "The share."},
        "is_within_tolerance": {"type": "boolean", "unit": "flag", "description": "Within."},
    },
    "parts_add_up": [{"columns": ["share_pct"], "by": ["year"], "total": 100}],
}


def _split_frame() -> pd.DataFrame:
    return pd.DataFrame({"year": np.array([2024] * 3, dtype="int32"),
                         "category": ["structureel", "meerjarig", "kortcyclisch"],
                         "budget_eur": [600.0, 200.0, 200.0], "share_pct": [60.0, 20.0, 20.0],
                         "is_within_tolerance": [False, True, False]})


def test_a_frame_that_keeps_the_contract_passes():
    assert contracts.check(_split_frame(), SPLIT) == []


@pytest.mark.parametrize("breakage, complaint", [
    (lambda f: f.assign(extra=1), "extra: returned but not declared"),
    (lambda f: f.drop(columns="budget_eur"), "budget_eur: declared but not returned"),
    (lambda f: f.assign(year=f["year"].astype(str)), "year: dtype"),
    (lambda f: f.assign(year=[2024.0, 2024.5, 2024.0]), "year: dtype float64"),
    (lambda f: f.assign(is_within_tolerance=[0, 1, 0]), "is_within_tolerance: dtype"),
    (lambda f: f.assign(category=["structureel", "meerjarig", "structureel"]),
     "key ['year', 'category']: 2 rows share a key"),
    (lambda f: f.assign(category=["structureel", "meerjarig", "incidenteel"]),
     "category: values ['incidenteel'] not among the accepted values"),
    (lambda f: f.assign(year=pd.array([2024, None, 2024], dtype="Int32")),
     "year: 1 null value(s)"),
    (lambda f: f.assign(budget_eur=[600.0, -0.5, 200.0]), "budget_eur: -0.5 is below"),
    (lambda f: f.assign(share_pct=[101.0, -1.0, 0.0]), "share_pct: 101.0 is above"),
    (lambda f: f.assign(share_pct=[60.0, 20.0, 20.02]), "share_pct sums to 100.02, not 100"),
])
def test_a_broken_result_is_caught(breakage, complaint):
    found = contracts.check(breakage(_split_frame()), SPLIT)
    assert any(complaint in problem for problem in found), found


def _with(**columns):
    contract = copy.deepcopy(SPLIT)
    contract["columns"]["category"]["accepted_values"] = ["structureel", "meerjarig",
                                                          "kortcyclisch", "totaal"]
    contract["columns"].update(columns)
    return contract


def test_the_parts_must_add_up_to_the_total_row():
    contract = _with(is_total={"type": "boolean", "unit": "flag", "description": "Total."})
    contract["parts_add_up"] = [{"columns": ["budget_eur"], "total_row": "is_total"}]
    total = pd.DataFrame({"year": np.array([2024], dtype="int32"), "category": ["totaal"],
                          "budget_eur": [1000.0], "share_pct": [100.0],
                          "is_within_tolerance": [True], "is_total": [True]})
    frame = pd.concat([_split_frame().assign(is_total=False), total], ignore_index=True)
    assert contracts.check(frame, contract) == []
    frame.loc[3, "budget_eur"] = 999.98
    assert contracts.check(frame, contract) == [
        "parts_add_up (): budget_eur sums to 1000.0, not 999.98"]


def test_the_parts_must_add_up_to_a_total_column_and_columns_to_theirs():
    contract = _with(fund_eur={"type": "decimal", "unit": "eur", "description": "Fund."},
                     rest_eur={"type": "decimal", "unit": "eur", "description": "Rest."})
    contract["parts_add_up"] = [{"columns": ["budget_eur"], "total_column": "fund_eur"}]
    contract["columns_add_up"] = [{"parts": ["budget_eur", "rest_eur"], "total": "fund_eur"}]
    frame = _split_frame().assign(fund_eur=1000.0, rest_eur=[400.0, 800.0, 800.0])
    assert contracts.check(frame, contract) == []
    frame["fund_eur"] = 1000.02
    assert contracts.check(frame, contract) == [
        "parts_add_up (): budget_eur sums to 1000.0, not 1000.02",
        "columns_add_up: budget_eur + rest_eur is not fund_eur on 3 row(s)"]


@pytest.mark.parametrize("breakage, complaint", [
    (lambda c: c.pop("grain"), "no grain"),
    (lambda c: c.update(key=["year", "month"]), "key: month is not a column"),
    (lambda c: c["columns"]["budget_eur"].update(unit="pct"),
     "named *_eur, so its unit must be eur"),
    (lambda c: c["columns"]["share_pct"].pop("unit"), "named *_pct, so its unit must be pct"),
    (lambda c: c["columns"]["is_within_tolerance"].update(type="text"), "named is_*"),
    (lambda c: c["columns"]["year"].update(type="int"), "type 'int' is not one of"),
    (lambda c: c["columns"]["year"].pop("description"), "column year: no description"),
    (lambda c: c["columns"]["year"].update(nullable=True), "unknown key 'nullable'"),
    (lambda c: c["columns"]["category"].update(accepted_values="COLOURS"), "'COLOURS' is not"),
    (lambda c: c["parts_add_up"][0].update(total_row="is_total"), "parts_add_up: columns and one"),
])
def test_a_broken_contract_is_caught(breakage, complaint):
    contract = copy.deepcopy(SPLIT)
    breakage(contract)
    found = contracts.check(_split_frame(), contract)
    assert any(complaint in problem for problem in found), found
