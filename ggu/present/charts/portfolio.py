"""Charts of the Portfolio page: the forecast against the budget, one item's burn-up and
years, and the roadmap."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import hover_amount, layout, mln
from ggu.present.charts.overview import budget_vs_spent
from ggu.present.labels import signed_pct
from ggu.present.palette import (
    BUDGET_LINE,
    FORECAST_COLOUR,
    NORM_COLOUR,
    SPENT_FILL,
    STATUS_COLOURS,
    TODAY_COLOUR,
)
from ggu.present.text import plotly
from ggu.store import codes


def forecast_vs_budget(df: pd.DataFrame) -> go.Figure:
    """Per category the budget (outline), spending to date (filled) and the year-end forecast (a
    marked line with its figure). `df`: rows of forecast_by_category.sql without the total."""
    labels = [i18n.value("category", c) for c in df["category"]]
    fig = budget_vs_spent(df, "category")
    fig.update_traces(text=None, selector=dict(name=i18n.t("series.spent")))
    fig.add_scatter(
        x=labels, y=mln(df["forecast_eur"]), mode="markers", name=i18n.t("series.forecast"),
        marker=dict(symbol="line-ew-open", size=70, color=FORECAST_COLOUR,
                    line=dict(width=4, color=FORECAST_COLOUR)),
        hovertemplate="%{x}: " + hover_amount("eur") + "<extra></extra>")
    for label, f, b, d in zip(labels, df["forecast_eur"], df["budget_eur"],
                              df["forecast_deviation_pct"]):
        fig.add_annotation(x=label, y=float(max(f, b)) / 1e6, yshift=6, yanchor="bottom",
                           showarrow=False, font=dict(size=14, color=FORECAST_COLOUR),
                           text=f"<b>{i18n.t('series.forecast').lower()} {fmt.eur_mln(f)}"
                                f"</b> ({signed_pct(d)})")
    top = float(max(df["budget_eur"].max(), df["forecast_eur"].max())) / 1e6
    fig.update_yaxes(range=[0, top * 1.18])
    return fig


def burnup(df: pd.DataFrame) -> go.Figure:
    """Cumulative spending per month (solid), the forecast to 31 December (dashed) and the year's
    budget (a level line). `df`: rows of burnup_by_month.sql."""
    x = pd.Series([fmt.date(d, short=True) for d in df["month_end_date"]])
    fig = go.Figure()
    fig.add_scatter(x=x, y=df["budget_eur"].astype(float), mode="lines",
                    line=dict(color=BUDGET_LINE, width=2), name=i18n.t("series.budget"),
                    hovertemplate="%{x}: " + hover_amount("whole_eur") + "<extra></extra>")
    fig.add_scatter(x=x, y=df["spent_cum_eur"].astype(float), mode="lines+markers",
                    line=dict(color=SPENT_FILL, width=3), marker=dict(size=7),
                    name=i18n.t("series.spent_cum"),
                    hovertemplate="%{x}: " + hover_amount("whole_eur") + "<extra></extra>")
    if df["forecast_cum_eur"].notna().any():
        fig.add_scatter(x=x, y=df["forecast_cum_eur"].astype(float), mode="lines+markers",
                        line=dict(color=FORECAST_COLOUR, width=3, dash="dash"),
                        marker=dict(size=7, symbol="diamond"), name=i18n.t("series.forecast"),
                        hovertemplate="%{x}: " + hover_amount("whole_eur") + "<extra></extra>")
        last = df.iloc[-1]
        fig.add_annotation(x=x.iloc[-1], y=float(last["forecast_cum_eur"]), xanchor="left",
                           showarrow=False, text=f" {fmt.eur_mln(last['forecast_cum_eur'])}",
                           font=dict(color=FORECAST_COLOUR, size=14))
    fig.add_annotation(x=x.iloc[0], y=float(df["budget_eur"].iloc[0]), yanchor="bottom",
                       xanchor="left", showarrow=False, font=dict(size=14),
                       text=f"{i18n.t('series.budget')} {fmt.eur_mln(df['budget_eur'].iloc[0])}")
    prefix = "€\u00a0" if i18n.lang() == "nl" else "€"
    fig.update_yaxes(rangemode="tozero", gridcolor="#E5E7EB", tickprefix=prefix,
                     tickformat=",.0f")
    fig.update_xaxes(type="category", gridcolor="#F3F4F6", tickangle=0)
    layout(fig, height=340)
    fig.update_layout(margin=dict(r=90))
    return fig


def _year_position(day) -> float:
    """A date as a fractional year (2026-11-24 -> 2026.9), for a timeline in years."""
    start = pd.Timestamp(year=day.year, month=1, day=1)
    return day.year + (pd.Timestamp(day) - start).days / 365.25


def roadmap(df: pd.DataFrame, group: str, today, last_year: int) -> go.Figure:
    """Items as bars from the start of their start year to the end of their end year, grouped
    (category or theme), coloured by status with its icon by the name and its word in the bar,
    legend and hover (an item that started before the window starts at its edge); open-ended
    items run to the right edge with '→'. A dotted line marks today, labelled with the date.
    `df`: rows of portfolio_by_item.sql."""
    order = {c: i for i, c in enumerate(codes.CATEGORIES)}
    rows = df.assign(_g=df[group].map(lambda g: order.get(g, g) if group == "category" else g))
    rows = rows.sort_values(["_g", "start_year", "name"], ascending=[True, True, True])
    edge = max(last_year, int(rows["end_year"].max() if rows["end_year"].notna().any() else 0)) + 1
    groups = [plotly(i18n.value(group, g)) for g in rows[group]]
    first = max(int(rows["start_year"].min()), last_year - 8)
    # the status icon beside each name, so no bar needs its colour (or its clipped text) to tell
    names = [f"{plotly(n)} {i18n.value('status', st).split()[0]} " for n, st in zip(rows["name"],
                                                                            rows["status"])]
    fig = go.Figure()
    for status in ("rood", "oranje", "groen"):
        sel = (rows["status"] == status).to_numpy()
        if not sel.any():
            continue
        part = rows[sel]
        ends = [(edge if pd.isna(e) else int(e) + 1) for e in part["end_year"]]
        fig.add_bar(
            y=[[g for g, s in zip(groups, sel) if s], [n for n, s in zip(names, sel) if s]],
            # bars start at the left edge at the earliest, so their label is never cut off
            x=[e - max(int(s), first) for e, s in zip(ends, part["start_year"])],
            base=[max(int(s), first) for s in part["start_year"]],
            orientation="h", name=i18n.value("status", status),
            marker=dict(color=STATUS_COLOURS[status], line=dict(color="#1F2937", width=0.5)),
            text=[f"{i18n.value('status', status)}" + (" →" if pd.isna(e) else "")
                  for e in part["end_year"]],
            textposition="inside", insidetextanchor="start", textfont=dict(color=NORM_COLOUR),
            customdata=[[int(s), "…" if pd.isna(e) else int(e), i18n.value("status", status)]
                        for s, e in zip(part["start_year"], part["end_year"])],
            hovertemplate=("%{y}: %{customdata[0]}–%{customdata[1]} · %{customdata[2]}"
                           "<extra></extra>"))
    x_today = _year_position(today)
    fig.add_vline(x=x_today, line=dict(color=TODAY_COLOUR, width=3, dash="dot"))
    fig.add_annotation(x=x_today, y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=i18n.t("roadmap.today", date=fmt.date(today)),
                       font=dict(size=14, color="#1F2937"), bgcolor="white")
    # the year's label in the middle of its span, the grid on the year boundaries
    fig.update_xaxes(range=[first, edge], tickvals=[y + 0.5 for y in range(first, edge)],
                     ticktext=[str(y) for y in range(first, edge)], tickangle=0, showgrid=False,
                     minor=dict(tickvals=list(range(first, edge + 1)), showgrid=True,
                                gridcolor="#E5E7EB"))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=13))
    fig.update_layout(barmode="overlay", bargap=0.25, uniformtext=dict(minsize=10, mode="hide"))
    layout(fig, height=120 + 26 * len(rows))
    fig.update_layout(legend=dict(y=-0.02, yanchor="top", traceorder="normal"),
                      margin=dict(t=50))
    return fig


def item_history(df: pd.DataFrame, partial_label: str | None = None) -> go.Figure:
    """budget_vs_spent per year for one item: ticks with one decimal (items are small)."""
    fig = budget_vs_spent(df, "year", partial_label)
    fig.update_yaxes(tickformat=",.1f")
    return fig
