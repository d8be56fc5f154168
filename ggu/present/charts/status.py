"""Charts of status through time and the decisions: the items per status at the end of each
year, and the decisions as markers on a time chart (with their text on hover)."""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import every_other, layout, narrow
from ggu.present.palette import INK, STATUS_COLOURS
from ggu.present.text import plotly
from ggu.store import codes

HOVER_DECISIONS = 4     # decisions named in one marker's tooltip; the rest are counted
DECISION_SYMBOL = "triangle-down"
MIN_LABELLED = 3        # a smaller count has no room for its figure (tooltip and table have it)


def status_counts(df: pd.DataFrame, partial_label: str | None = None) -> go.Figure:
    """Items per status at the end of each year, stacked (green at the bottom), the count in
    every segment. `df`: rows of status_counts_by_year.sql. The running year is labelled as the
    trend labels it (e.g. 't/m 31 okt')."""
    years = df.drop_duplicates("year")
    labels = {int(y): f"{int(y)}<br>{partial_label}" if p and partial_label else str(int(y))
              for y, p in zip(years["year"], years["is_partial_year"])}
    fig = go.Figure()
    for status in codes.STATUSES:
        rows = df[df["status"] == status]
        label = i18n.value("status", status)
        fig.add_bar(x=[labels[int(y)] for y in rows["year"]], y=rows["item_count"].astype(int),
                    name=label, marker_color=STATUS_COLOURS[status],
                    text=[str(int(n)) if n >= MIN_LABELLED else "" for n in rows["item_count"]],
                    textposition="inside", insidetextanchor="middle", textangle=0,
                    textfont=dict(color=INK, size=14),
                    hovertemplate=f"%{{x}}: %{{y}} × {label}<extra></extra>")
    fig.update_layout(barmode="stack", bargap=0.3, legend_traceorder="normal")
    fig.update_yaxes(title=i18n.t("st.counts_axis"), gridcolor="#E5E7EB", rangemode="tozero")
    fig.update_xaxes(type="category", tickangle=0)
    layout(fig, height=340)
    return narrow(fig, layout=dict(xaxis=every_other(list(labels.values()))),   # a phone
                  traces={i: dict(textfont=dict(size=11)) for i in range(len(codes.STATUSES))})


def _hover(rows: pd.DataFrame) -> str:
    lines = [f"<b>{fmt.date(r.decision_date)}</b> · {i18n.value('body', r.body)}<br>"
             + "<br>".join(plotly(line) for line in textwrap.wrap(str(r.decision), 60))
             for r in rows.head(HOVER_DECISIONS).itertuples(index=False)]
    if len(rows) > HOVER_DECISIONS:
        lines.append(i18n.t("dec.hover_more", n=len(rows) - HOVER_DECISIONS))
    return "<br>".join(lines)


def with_decisions(fig: go.Figure, decisions: pd.DataFrame | None, positions: list) -> go.Figure:
    """The decisions as markers along the top of a time chart: one marker per position on the x
    axis (`positions`, one per row of `decisions`; None: outside the chart), their text in the
    tooltip, the count in the marker's legend entry. `decisions`: rows of decisions.sql (None:
    the markers switched off). Returns a new figure: `fig` itself is left as it was."""
    fig = go.Figure(fig)   # a deep copy: the figure given may be shared (ggu.web.charts)
    if decisions is None or decisions.empty:
        return fig
    rows = decisions.assign(x=positions)
    rows = rows[rows["x"].notna()]
    if rows.empty:
        return fig
    values = [float(v) for trace in fig.data for v in (trace.y if trace.y is not None else ())
              if v is not None and pd.notna(v)]
    top = max(values, default=0.0) * 1.08 or 1.0
    groups = [(x, group) for x, group in rows.groupby("x", sort=False)]
    fig.add_scatter(
        x=[x for x, _ in groups], y=[top] * len(groups), mode="markers",
        marker=dict(symbol=DECISION_SYMBOL, size=14, color=INK, line=dict(color="white", width=1)),
        name=f"{i18n.t('dec.markers')} ({len(rows)})",
        hovertext=[_hover(group) for _, group in groups], hoverinfo="text")
    return fig


def month_positions(decisions: pd.DataFrame, months: pd.DataFrame) -> list:
    """Where each decision falls on a burn-up's axis (rows of burnup_by_month.sql): the label of
    its month's end; None outside the months shown."""
    if decisions is None:
        return []
    labels = {pd.Timestamp(d).to_period("M"): fmt.date(d, short=True)
              for d in months["month_end_date"]}
    return [labels.get(pd.Timestamp(d).to_period("M")) for d in decisions["decision_date"]]


def year_positions(decisions: pd.DataFrame, years: pd.DataFrame,
                   partial_label: str | None = None) -> list:
    """Where each decision falls on a chart per year (rows with year and is_partial_year, as
    budget_vs_spent labels them); None outside the years shown."""
    if decisions is None:
        return []
    labels = {int(y): f"{int(y)}<br>{partial_label}" if p and partial_label else str(int(y))
              for y, p in zip(years["year"], years["is_partial_year"])}
    return [labels.get(int(y)) for y in decisions["decision_year"]]


def date_positions(decisions: pd.DataFrame) -> list:
    """Each decision at its date (for a chart with a date axis)."""
    if decisions is None:
        return []
    return [pd.Timestamp(d) for d in decisions["decision_date"]]
