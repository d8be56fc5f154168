"""The words beside status through time: the status per quarter, the items per status at the end
of each year, what changed since the previous report."""
from __future__ import annotations

import pandas as pd

from ggu.i18n import formats as fmt
from ggu.i18n import t


def status_grid_title(grid: pd.DataFrame) -> str:
    """'Status per kwartaal: 3 van de 40 projecten staan nu op rood'. `grid`: rows of
    status_by_item_quarter.sql."""
    now = grid[grid["is_year_end"]]
    red, n = int((now["status"] == "rood").sum()), int(now["item_id"].nunique())
    return t("st.grid_title", red=red, n=n) if red else t("st.grid_title_none", n=n)


def status_grid_summary(grid: pd.DataFrame) -> str:
    years = sorted(int(y) for y in grid["point_year"].unique())
    return t("st.grid_summary", y0=years[0], y1=years[-1], last=fmt.date(grid["point_date"].max()))


def status_counts_title(counts: pd.DataFrame, year: int) -> str:
    """'2026: 8 projecten op rood, 24 op oranje'. `counts`: rows of status_counts_by_year.sql."""
    rows = counts[counts["year"] == year].set_index("status")["item_count"]
    return t("st.counts_title", year=year, red=int(rows.get("rood", 0)),
             amber=int(rows.get("oranje", 0)))


def status_counts_summary(counts: pd.DataFrame, year: int, as_of) -> str:
    """The chart's words. Its last year is counted on the as-of date (the running year): the
    words name that year, whichever year the page is about."""
    red = counts[counts["status"] == "rood"].sort_values("year")
    return t("st.counts_summary", year=int(counts["year"].max()), as_of=fmt.date(as_of),
             first=int(red["item_count"].iloc[0]), y0=int(red["year"].iloc[0]),
             last=int(red["item_count"].iloc[-1]), y1=int(red["year"].iloc[-1]))


def changes_lead(changes: pd.DataFrame) -> str:
    """'De rapportage van 30-09-2026 vergeleken met die van 30-06-2026. …'"""
    return t("st.changes_lead", now=fmt.date(changes["round_date"].iloc[0]),
             before=fmt.date(changes["since_date"].iloc[0]))
