"""ggu.web.charts: the figures of ggu.present.charts built once per data, arguments and
language, and shared; a change in any of them builds a new one."""
from __future__ import annotations

import pandas as pd
import pytest

from ggu import i18n
from ggu.present import charts as builders
from ggu.web import charts

pytestmark = pytest.mark.unit

TOTALS = pd.DataFrame({"year": [2023, 2024], "budget_eur": [500.0, 1000.0],
                       "spent_eur": [500.0, 500.0], "is_partial_year": [False, True]})


def test_a_figure_is_built_once_per_data_and_language():
    first = charts.budget_vs_spent(TOTALS, "year")
    again = charts.budget_vs_spent(TOTALS.copy(), "year")            # equal data, another frame
    assert again is first
    assert first.to_json() == builders.budget_vs_spent(TOTALS, "year").to_json()
    changed = charts.budget_vs_spent(TOTALS.assign(spent_eur=[500.0, 600.0]), "year")
    assert changed is not first and list(changed.data[1].y) != list(first.data[1].y)
    with i18n.using("en"):
        english = charts.budget_vs_spent(TOTALS, "year")
        assert english.to_json() == builders.budget_vs_spent(TOTALS, "year").to_json()
    assert english.data[0].name != first.data[0].name                # its labels in English


def test_a_name_that_is_no_builder_is_refused():
    with pytest.raises(AttributeError):
        charts.no_such_chart  # noqa: B018
