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
    assert result["rows_left_out"] == 0
    assert diff.display(result["rows"], lang="nl").to_dict("records") == [
        {"Blad": "Begroting", "Rij": "A · 2024 · Fonds GGU", "Wijziging": "gewijzigd",
         "Kolom": "Bedrag", "Ervoor (A)": f"€{NBSP}300,00", "Erna (B)": f"€{NBSP}400,00"},
        {"Blad": "Begroting", "Rij": "B · 2025 · Fonds GGU", "Wijziging": "toegevoegd",
         "Kolom": "", "Ervoor (A)": "", "Erna (B)": f"Bedrag: €{NBSP}250,50"},
        {"Blad": "Begroting", "Rij": "D · 2024 · Rijk", "Wijziging": "verwijderd",
         "Kolom": "", "Ervoor (A)": f"Bedrag: €{NBSP}100,00", "Erna (B)": ""},
    ]
    counts = history.compare_totals(result)   # the counts agree with the rows listed
    assert counts == {"added": 1, "removed": 1, "changed": 1}


def test_the_rows_read_in_english_in_english_formats(changed):
    """The comparison is cached for every session (ggu.web.data.compare): it holds values, and
    each reader's page writes them in its own language."""
    rows = history.compare("0001", "0002", changed)["rows"]
    shown = diff.display(rows, lang="en")
    assert list(shown.columns) == ["Sheet", "Row", "Change", "Column", "Before (A)",
                                   "After (B)"]
    assert shown["Change"].tolist() == ["changed", "added", "removed"]
    assert shown.iloc[0]["Before (A)"] == "€300.00" and shown.iloc[1]["After (B)"] == \
        "Bedrag: €250.50"
    assert shown.iloc[0]["Row"] == "A · 2024 · GGU Fund"


def test_past_the_limit_the_rest_is_counted(changed):
    store = Store(changed)
    rows, left_out = diff.row_changes(store.path("0001"), store.path("0002"), limit=1)
    # budget: two rows differ on each side (A: A 2024 and D rijk; B: A 2024 and B 2025); the
    # first by key (A 2024) is listed, one more per side is counted
    assert left_out == 2
    assert rows["key"].tolist() == [("A", 2024, "fonds_ggu")]


def test_an_id_is_shown_as_in_the_file(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)

    def fill(con):
        con.execute("delete from spend where tx_id = 7")
        con.execute("update budget set budget_eur = 301 where item_id = 'A' and year = 2024")
        return {"spend": 7}

    Store(data).write(fill, action="import", user="test")
    rows = diff.display(history.compare("0001", "0002", data)["rows"], lang="nl")
    # (a changed amount beside a removed row: pandas holds the missing side as NaN)
    assert rows[["Blad", "Rij", "Wijziging"]].values.tolist() == [
        ["Begroting", "A · 2024 · Fonds GGU", "gewijzigd"], ["Uitgaven", "7", "verwijderd"]]
    assert "Project-id: C" in rows["Ervoor (A)"].iloc[1] and rows["Erna (B)"].iloc[1] == ""
    assert f"€{NBSP}49,90" in rows["Ervoor (A)"].iloc[1]
    assert diff._show("tx_id", "nl")(39442) == "39442"   # noqa: SLF001  (not "39.442")
