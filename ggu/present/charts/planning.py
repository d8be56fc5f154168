"""Charts of the Planning page and the ALV proposal. `realised` are rows of
split_by_category_by_year.sql (the years before the plan) with the fund of each year
(contributions due), `plan` rows of plan_by_year.sql, `compare` rows of the comparison
(ggu.plan.figures.compare)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import hover_amount, layout, mln, mln_axis
from ggu.present.palette import CATEGORY_COLOURS, INK, OVER_COLOUR, UNDER_COLOUR, YEAR_GREYS


def _hover() -> str:
    return "%{x}: " + hover_amount("eur") + "<extra>%{fullData.name}</extra>"


def plan_years(realised: pd.DataFrame, plan: pd.DataFrame) -> go.Figure:
    """Budget per category per year, the realised years then the plan years (lighter, outlined,
    labelled 'plan'), and the
    fund of each year as a line: where the plan stands against what went before."""
    rows = pd.concat([
        realised[["year", "category", "budget_eur"]].assign(is_plan=False),
        plan[["year", "category", "budget_eur"]].assign(is_plan=True),
    ], ignore_index=True)
    labels = {int(y): f"{int(y)}" + (f"<br>({i18n.t('plan.chart_plan')})" if p else "")
              for y, p in zip(rows["year"], rows["is_plan"])}
    fig = go.Figure()
    for category in CATEGORY_COLOURS:
        part = rows[rows["category"] == category]
        fig.add_bar(
            x=[labels[int(y)] for y in part["year"]], y=mln(part["budget_eur"]),
            name=i18n.value("category", category),
            marker=dict(color=CATEGORY_COLOURS[category],
                        opacity=[0.6 if p else 1.0 for p in part["is_plan"]],
                        line=dict(color=[INK if p else CATEGORY_COLOURS[category]
                                         for p in part["is_plan"]], width=1)),
            hovertemplate=_hover())
    fund = pd.concat([realised.drop_duplicates("year")[["year", "fund_eur"]],
                      plan.drop_duplicates("year")[["year", "fund_eur"]]], ignore_index=True)
    fig.add_scatter(x=[labels[int(y)] for y in fund["year"]], y=mln(fund["fund_eur"]),
                    mode="lines+markers", name=i18n.t("plan.chart_fund"),
                    line=dict(color=INK, width=3), marker=dict(size=9, symbol="diamond"),
                    hovertemplate=_hover())
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_yaxes(**mln_axis(), rangemode="tozero")
    fig.update_xaxes(type="category", tickangle=0)
    layout(fig, height=380)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def plan_room(years: pd.DataFrame, names: list[str] | None = None) -> go.Figure:
    """The room per plan year (fund minus the budget from the fund): blue above zero, a red
    bar with '✖' below it. With `names` (the comparison): one bar group per scenario."""
    fig = go.Figure()
    groups: list[str | None] = [*names] if names else [None]
    for i, name in enumerate(groups):
        part = years if name is None else years[years["scenario"] == name]
        room = part["room_eur"].astype(float)
        fig.add_bar(
            x=[str(int(y)) for y in part["year"]], y=mln(part["room_eur"]),
            name=name or i18n.t("plan.room"),
            marker=dict(color=[OVER_COLOUR if r < 0 else (UNDER_COLOUR if name is None
                                                          else YEAR_GREYS[-1 - i % 5])
                               for r in room],
                        line=dict(color=INK, width=1)),
            text=[("✖ " if r < 0 else "") + fmt.eur_mln(r) for r in room],
            textposition="outside", cliponaxis=False,
            hovertemplate=_hover())
    fig.add_hline(y=0, line=dict(color=INK, width=1))
    fig.update_yaxes(**mln_axis())
    fig.update_xaxes(type="category")
    layout(fig, height=320, legend=names is not None)
    fig.update_layout(barmode="group", separators=fig.layout.separators)
    return fig
