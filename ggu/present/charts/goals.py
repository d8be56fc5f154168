"""Charts of the Strategische doelen page: indicator progress against the time elapsed, the
trend of the measurements, and the budget per goal."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import date_ticks, hover_amount, layout, mln, mln_axis
from ggu.present.labels import verdict_label
from ggu.present.palette import BUDGET_LINE, NORM_COLOUR, SPENT_FILL, VERDICT_COLOURS
from ggu.present.text import plotly


def indicator_bullets(df: pd.DataFrame) -> go.Figure:
    """Per indicator the progress from baseline (0%) to target (100%) as a bar, the progress
    expected by now as a black tick, and the verdict (icon and word) as text.
    `df`: rows of indicator_progress.sql for one goal."""
    names = [f"{plotly(n)}<br><span style='font-size:12px'>{fmt.measurement(b)} → "
             f"{fmt.measurement(t)} {plotly(u)}</span>"
             for n, b, t, u in zip(df["name"], df["baseline_value"], df["target_value"],
                                   df["unit"])]
    progress = df["progress_pct"].astype(float).clip(lower=0, upper=110)
    fig = go.Figure()
    fig.add_bar(x=progress, y=names, orientation="h", width=0.5, showlegend=False,
                marker_color=[VERDICT_COLOURS.get(v, "#9CA3AF") for v in df["verdict"]],
                hovertemplate="%{y}: %{x:.0f}%<extra></extra>")
    fig.add_scatter(x=df["expected_pct"].astype(float), y=names, mode="markers",
                    marker=dict(symbol="line-ns-open", size=34, color=NORM_COLOUR,
                                line=dict(width=4, color=NORM_COLOUR)),
                    name=i18n.t("series.expected"), hovertemplate="%{x:.0f}%<extra></extra>")
    for name, v, p in zip(names, df["verdict"], df["progress_pct"]):
        fig.add_annotation(xref="paper", x=1.01, xanchor="left", y=name, showarrow=False,
                           align="left", text=f"<b>{verdict_label(v)}</b> · {fmt.pct(p, 0)}",
                           font=dict(size=14, color="#111111"))
    fig.add_vline(x=100, line=dict(color="#6B7280", width=1, dash="dot"))
    fig.update_xaxes(range=[0, 112], ticksuffix="%", gridcolor="#E5E7EB",
                     title=i18n.t("series.progress_axis"))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=14))
    layout(fig, height=90 + 70 * len(df))
    fig.update_layout(margin=dict(r=190))
    return fig


def indicator_trend(df: pd.DataFrame) -> go.Figure:
    """The progress (baseline 0% -> target 100%) of each indicator of a goal over time, one line
    and marker symbol per indicator. `df`: rows of indicator_measurements.sql for one goal."""
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x"]
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"]
    for k, (ind, rows) in enumerate(df.groupby("indicator_id", sort=True)):
        fig.add_scatter(x=pd.to_datetime(rows["measured_date"]),
                        customdata=[fmt.date(d) for d in rows["measured_date"]],
                        y=rows["progress_pct"].astype(float), mode="lines+markers",
                        name=plotly(f"{ind} {rows['name'].iloc[0]}"),
                        line=dict(color=colours[k % 5], width=2),
                        marker=dict(symbol=symbols[k % 5], size=7),
                        hovertemplate="%{customdata}: %{y:.0f}%<extra></extra>")
    fig.add_hline(y=100, line=dict(color="#6B7280", width=1, dash="dot"),
                  annotation_text=i18n.t("series.target"), annotation_position="top left")
    fig.update_yaxes(ticksuffix="%", gridcolor="#E5E7EB", title=i18n.t("series.progress_axis"))
    fig.update_xaxes(gridcolor="#F3F4F6", **date_ticks(df["measured_date"]))
    layout(fig, height=320)
    fig.update_layout(legend=dict(orientation="v", y=-0.15, yanchor="top"))
    fig.update_layout(height=320 + 24 * df["indicator_id"].nunique(), margin=dict(b=10))
    return fig


def goal_allocation(df: pd.DataFrame, year: int, compare_year: int | None) -> go.Figure:
    """Per goal the budget of the year (filled, with its share of the total) and of the
    comparison year (outline). `df`: rows of goal_allocation_by_year.sql."""
    names = [plotly(f"{g} {n}") for g, n in zip(df["goal_id"], df["name"])]
    fig = go.Figure()
    if compare_year is not None:
        fig.add_bar(x=mln(df["compare_budget_eur"].fillna(0)), y=names, orientation="h",
                    name=str(compare_year), width=0.75,
                    marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                    hovertemplate="%{y}: " + hover_amount("eur", "x") + "<extra></extra>")
    fig.add_bar(x=mln(df["budget_eur"]), y=names, orientation="h", name=str(year), width=0.5,
                marker_color=SPENT_FILL,
                text=[f"{fmt.eur_mln(b)} · {fmt.pct(s)}"
                      for b, s in zip(df["budget_eur"], df["budget_share_pct"])],
                textposition="outside", textfont=dict(size=14),
                hovertemplate="%{y}: " + hover_amount("eur", "x") + "<extra></extra>")
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(**mln_axis(), rangemode="tozero")
    top = float(max(df["budget_eur"].max(), df["compare_budget_eur"].fillna(0).max())) / 1e6
    fig.update_xaxes(range=[0, top * 1.35])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=14))
    return layout(fig, height=80 + 60 * len(df))
