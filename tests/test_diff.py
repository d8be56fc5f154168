"""Beheer's comparison of two snapshots names the rows that changed: per sheet the row's key,
and for a changed row each column with its value before and after; added and removed rows with
their values (on the tiny set, one amount changed, one row added and one removed by hand)."""
from __future__ import annotations

import pytest
from conftest import build_tiny

from ggu.ingest import diff, history
from ggu.store.snapshots import Store

pytestmark = pytest.mark.sql

NBSP = "\u00a0"


@pytest.fixture
def changed(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)

    def fill(con):
        con.execute("update budget set budget_eur = 400 where item_id = 'A' and year = 2024")
        con.execute("delete from budget where item_id = 'D' and funding_source = 'rijk'")
        con.execute("insert into budget values ('B', 2025, 'fonds_ggu', 250.50)")
        return {"budget": 8}

    Store(data).write(fill, action="import", user="test")
    return data


def test_the_comparison_lists_which_rows_changed(changed):
    result = history.compare("0001", "0002", changed)
    rows = result["rows"]
    assert result["rows_left_out"] == 0
    assert rows.to_dict("records") == [
        {"sheet": "Begroting", "key": "A · 2024 · Fonds GGU", "change": "changed",
         "column": "Bedrag", "before": f"€{NBSP}300,00", "after": f"€{NBSP}400,00"},
        {"sheet": "Begroting", "key": "B · 2025 · Fonds GGU", "change": "added", "column": "",
         "before": "", "after": f"Bedrag: €{NBSP}250,50"},
        {"sheet": "Begroting", "key": "D · 2024 · Rijk", "change": "removed", "column": "",
         "before": f"Bedrag: €{NBSP}100,00", "after": ""},
    ]
    counts = history.compare_totals(result)   # the counts agree with the rows listed
    assert counts == {"added": 1, "removed": 1, "changed": 1}


def test_the_rows_read_in_english_too(changed):
    shown = diff.display(history.compare("0001", "0002", changed)["rows"], lang="en")
    assert list(shown.columns) == ["Sheet", "Row", "Change", "Column", "Before (A)",
                                   "After (B)"]
    assert shown["Change"].tolist() == ["changed", "added", "removed"]


def test_past_the_limit_the_rest_is_counted(changed):
    store = Store(changed)
    rows, left_out = diff.row_changes(store.path("0001"), store.path("0002"), limit=1)
    # budget: two rows differ on each side (A: A 2024 and D rijk; B: A 2024 and B 2025); the
    # first by key (A 2024) is listed, one more per side is counted
    assert left_out == 2
    assert rows["key"].tolist() == ["A · 2024 · Fonds GGU"]


def test_an_id_is_shown_as_in_the_file(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)

    def fill(con):
        con.execute("delete from spend where tx_id = 7")
        return {"spend": 7}

    Store(data).write(fill, action="import", user="test")
    rows = history.compare("0001", "0002", data)["rows"]
    assert rows[["sheet", "key", "change"]].values.tolist() == [["Uitgaven", "7", "removed"]]
    assert "Project-id: C" in rows["before"].iloc[0] and f"€{NBSP}49,90" in rows["before"].iloc[0]
    assert diff._show("tx_id")(39442) == "39442"   # noqa: SLF001  (not "39.442")
