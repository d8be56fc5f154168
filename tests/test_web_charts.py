"""ggu.web.charts: the figures of ggu.present.charts built once per data, arguments and
language, and shared; a change in any of them builds a new one; what one caller does to its
figure never reaches the next caller (every session of a server shares the cache)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from ggu import i18n
from ggu.present import charts as builders
from ggu.web import charts, data

pytestmark = pytest.mark.unit

TOTALS = pd.DataFrame({"year": [2023, 2024], "budget_eur": [500.0, 1000.0],
                       "spent_eur": [500.0, 500.0], "is_partial_year": [False, True]})


def test_a_figure_is_built_once_per_data_and_language():
    first = charts.budget_vs_spent(TOTALS, "year")
    again = charts.budget_vs_spent(TOTALS.copy(), "year")            # equal data, another frame
    assert json.loads(again.to_json()) == json.loads(first.to_json())
    assert charts._figure(  # noqa: SLF001  (one cached figure for both calls)
        "budget_vs_spent", "nl", (TOTALS, "year"), ()) is charts._figure(  # noqa: SLF001
        "budget_vs_spent", "nl", (TOTALS.copy(), "year"), ())
    built = builders.budget_vs_spent(TOTALS, "year")
    assert json.loads(first.to_json()) == json.loads(built.to_json())
    changed = charts.budget_vs_spent(TOTALS.assign(spent_eur=[500.0, 600.0]), "year")
    assert changed is not first and list(changed.data[1].y) != list(first.data[1].y)
    with i18n.using("en"):
        english = charts.budget_vs_spent(TOTALS, "year")
        assert json.loads(english.to_json()) == json.loads(
            builders.budget_vs_spent(TOTALS, "year").to_json())
    assert english.data[0].name != first.data[0].name                # its labels in English


def test_a_name_that_is_no_builder_is_refused():
    with pytest.raises(AttributeError):
        charts.no_such_chart  # noqa: B018


DECISIONS = pd.DataFrame({"decision_date": pd.to_datetime(["2024-03-01", "2024-06-01"]),
                          "body": ["ALV", "College"], "decision": ["Besluit A", "Besluit B"],
                          "reference": ["R1", "R2"], "item_id": ["A", "B"],
                          "item_name": ["Item A", "Item B"]})


def _look(fig) -> tuple:
    return (len(fig.data), tuple(trace.name for trace in fig.data), fig.layout.title.text,
            fig.layout.font.size)


def test_what_one_caller_adds_to_its_figure_never_reaches_the_next():
    """The root of the decision markers piling up, one more per visit of the Overzicht: a
    figure cached for every session was changed in place by one of them."""
    frame = TOTALS.assign(spent_eur=[400.0, 300.0])
    first = charts.budget_vs_spent(frame, "year")
    before = _look(first)
    first.add_scatter(x=["2023"], y=[1.0], name="Besluiten (2)")     # a session's own additions
    first.update_layout(title="mine", font_size=20)
    marked = charts.with_decisions(charts.budget_vs_spent(frame, "year"), DECISIONS,
                                   ["2023", "2024"])
    assert _look(charts.budget_vs_spent(frame, "year")) == before
    for _ in range(3):   # three more visits: one marker trace each time, never more
        again = charts.with_decisions(charts.budget_vs_spent(frame, "year"), DECISIONS,
                                      ["2023", "2024"])
        assert _look(again) == _look(marked) and len(again.data) == len(before[1]) + 1


def test_with_decisions_leaves_the_figure_it_is_given():
    fig = builders.budget_vs_spent(TOTALS, "year")
    before = fig.to_json()
    marked = builders.with_decisions(fig, DECISIONS, ["2023", "2024"])
    assert fig.to_json() == before
    assert len(marked.data) == len(fig.data) + 1
    assert builders.with_decisions(fig, None, []) is not fig


def test_a_figure_cached_per_snapshot_is_handed_out_as_a_copy(tiny_dir, monkeypatch):
    monkeypatch.setenv("GGU_DATA_DIR", str(tiny_dir))
    goal = data.query("indicator_progress")["goal_id"].iloc[0]
    first = data.cached_figure("indicator_bullets", "indicator_progress", "goal_id", goal)
    before = _look(first)
    first.add_scatter(x=[1], y=[1], name="extra")
    assert _look(data.cached_figure("indicator_bullets", "indicator_progress", "goal_id",
                                    goal)) == before


def test_what_a_helper_returns_is_the_callers_own_too():
    decisions = DECISIONS.assign(decision_year=[2023, 2024])
    years = TOTALS.assign(is_partial_year=[False, False])
    first = charts.year_positions(decisions, years)
    assert first == ["2023", "2024"]
    first.append("2030")
    assert charts.year_positions(decisions, years) == ["2023", "2024"]


def test_the_copy_is_the_same_figure_with_its_arrays():
    """copy_figure (a workaround of plotly 7.1's slow copy): the copy draws the same, its
    values stay arrays (with_decisions reads them) and changing it leaves the original."""
    fig = builders.budget_vs_spent(TOTALS, "year")
    copied = charts.copy_figure(fig)
    assert json.loads(copied.to_json()) == json.loads(fig.to_json())
    assert type(copied.data[1].y) is type(fig.data[1].y) and list(copied.data[1].y) == list(
        fig.data[1].y)
    copied.update_layout(font_size=30, meta={"narrow": {}})
    copied.data[0].name = "anders"
    assert fig.layout.font.size != 30 and fig.layout.meta["narrow"] and \
        fig.data[0].name != "anders"
