"""Charts of the Uitgaven page: the drill-down treemap, spending per month against the budget,
and the years over the same months."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present import choices
from ggu.present.charts.base import amount, amount_axis, date_ticks, hover_amount, layout
from ggu.present.labels import amount_text
from ggu.present.palette import BUDGET_LINE, REALISED_SCALE, SPENT_FILL, YEAR_DASHES, YEAR_GREYS
from ggu.present.text import plotly


def spend_treemap(tree: pd.DataFrame, unit: str = "eur", level: str = "") -> go.Figure:
    """Category -> theme -> item, sized by spending, coloured by % of the budget realised,
    zoomed in on `level` (a treemap id, see ggu.present.choices.levels; '': all).

    `tree`: the category, theme and item rows of spend_by_level.sql. Blue: below budget,
    vermillion: above; the % is in every label, so the colour is never the only cue.
    """
    rows = tree
    ids, parents, labels = [], [], []
    for r in rows.itertuples(index=False):
        ids.append(choices.node_id(r))
        if r.node_level == "total":
            parents.append("")
            labels.append(i18n.t("uit.tree_root"))
        elif r.node_level == "category":
            parents.append("total")
            labels.append(i18n.value("category", r.category))
        elif r.node_level == "theme":
            parents.append(f"c/{r.category}")
            labels.append(plotly(r.theme))
        else:
            parents.append(f"t/{r.category}/{r.theme}")
            labels.append(plotly(r.item_name))
    is_item = rows["node_level"] == "item"
    values = [max(float(v), 0.0) if item else 0.0 for v, item in zip(rows["spent_eur"], is_item)]
    realised = rows["realised_pct"].astype(float).fillna(100.0)
    text = [f"{amount_text(s, unit)} · {fmt.pct(p, digits=0)}"
            for s, p in zip(rows["spent_eur"], rows["realised_pct"])]
    fig = go.Figure(go.Treemap(
        ids=ids, parents=parents, labels=labels, values=values, branchvalues="remainder",
        text=text, texttemplate="<b>%{label}</b><br>%{text}", textfont=dict(size=14),
        hovertemplate="<b>%{label}</b><br>%{text}<extra></extra>",
        marker=dict(colors=realised.clip(70, 130), colorscale=REALISED_SCALE, cmin=70, cmax=130,
                    cmid=100, line=dict(color="white", width=1),
                    colorbar=dict(title=dict(text=i18n.t("uit.tree_colour"), side="right"),
                                  ticksuffix="%", tickvals=[70, 85, 100, 115, 130],
                                  ticktext=["≤70%", "85%", "100%", "115%", "≥130%"],
                                  thickness=14)),
        maxdepth=3, tiling=dict(pad=2), pathbar=dict(visible=True),
        level=level or None,
    ))
    layout(fig, height=560, legend=False)
    fig.update_layout(margin=dict(l=5, r=5, t=30, b=5))  # plotly shrinks each label to fit
    return fig


def monthly_spend(months: pd.DataFrame, unit: str = "eur") -> go.Figure:
    """Spending per month (bars), cumulative within each year (line) against the year's
    budget (dashed step line). `months`: rows of spend_by_month.sql."""
    x = pd.to_datetime(dict(year=months["year"], month=months["month"], day=15))
    fig = go.Figure()
    fig.add_bar(x=x, y=amount(months["spent_eur"], unit), name=i18n.t("uit.month_spent"),
                marker_color="#9CC3E6", customdata=[fmt.month_year(d) for d in x],
                hovertemplate="%{customdata}: " + hover_amount(unit) + "<extra></extra>")
    for year, rows in months.groupby("year", sort=True):
        xs = pd.to_datetime(dict(year=rows["year"], month=rows["month"], day=15))
        first = year == months["year"].min()
        fig.add_scatter(x=xs, y=amount(rows["cumulative_spent_eur"], unit), mode="lines+markers",
                        line=dict(color=SPENT_FILL, width=3), marker=dict(size=5),
                        name=i18n.t("uit.cumulative"), legendgroup="cum", showlegend=bool(first),
                        customdata=[fmt.month_year(d) for d in xs],
                        hovertemplate="%{customdata}: " + hover_amount(unit) + "<extra></extra>")
        start, end = pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31)
        budget = amount(rows["budget_eur"], unit).iloc[0]
        fig.add_scatter(x=[start, end], y=[budget, budget], mode="lines",
                        line=dict(color=BUDGET_LINE, width=2, dash="dash"),
                        name=i18n.t("series.budget"), legendgroup="budget",
                        showlegend=bool(first),
                        hovertemplate=f"{int(year)}: " + hover_amount(unit) + "<extra></extra>")
    fig.update_yaxes(**amount_axis(unit), rangemode="tozero")
    fig.update_xaxes(gridcolor="#E5E7EB", **date_ticks(x))
    return layout(fig, height=380)


def year_on_year(months: pd.DataFrame, unit: str = "eur") -> go.Figure:
    """Cumulative spending per month, one line per year over the same months; the years differ
    by dash and width as well as colour, and are named in the legend."""
    rows = months[months["is_same_months"]]
    years = sorted(rows["year"].unique())
    greys = YEAR_GREYS[-len(years):] if len(years) <= len(YEAR_GREYS) else YEAR_GREYS
    fig = go.Figure()
    for k, year in enumerate(years):
        r = rows[rows["year"] == year]
        last = year == years[-1]
        colour = SPENT_FILL if last else greys[min(k, len(greys) - 1)]
        labels = [fmt.month(m) for m in r["month"]]
        fig.add_scatter(x=labels, y=amount(r["cumulative_spent_eur"], unit),
                        mode="lines+markers", name=str(int(year)),
                        line=dict(color=colour, width=4 if last else 2,
                                  dash="solid" if last else YEAR_DASHES[k % len(YEAR_DASHES)]),
                        hovertemplate=f"{int(year)} %{{x}}: " + hover_amount(unit)
                        + "<extra></extra>")
    fig.update_yaxes(**amount_axis(unit), rangemode="tozero")
    fig.update_xaxes(type="category")
    return layout(fig, height=380)
