"""Charts of the Overzicht (and the ALV report): the split against the norm, budget against
spending per category or per year. Pure functions `DataFrame -> go.Figure`."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import every_other, hover_amount, layout, mln, mln_axis, narrow
from ggu.present.palette import BAND_COLOUR, BUDGET_LINE, CATEGORY_COLOURS, NORM_COLOUR, SPENT_FILL


def _verdict(ok) -> str:
    """✔ within the margin, ✖ outside it, – unknown (a share of nothing)."""
    return "–" if fmt.missing(ok) else "✔" if ok else "✖"


def split_vs_norm(split: pd.DataFrame, basis: str = "budget") -> go.Figure:
    """Share per category (bars) against the norm (black tick) and its tolerance band (grey).

    `split`: rows of split_by_category_by_year.sql (or of plan_by_year.sql, the same shape) for
    one year; basis 'budget' or 'spent'. The deviation and the verdict are the query's.
    """
    share_col = f"{basis}_share_pct"
    dev = split["deviation_pp" if basis == "budget" else "spent_deviation_pp"]
    labels = [i18n.value("category", c) for c in split["category"]]
    fig = go.Figure()
    for i, row in enumerate(split.itertuples(index=False)):
        norm, tol = float(row.norm_pct), float(row.tolerance_pp)
        fig.add_shape(type="rect", x0=norm - tol, x1=norm + tol, y0=i - 0.42, y1=i + 0.42,
                      fillcolor=BAND_COLOUR, line_width=0, layer="below")
        fig.add_shape(type="line", x0=norm, x1=norm, y0=i - 0.45, y1=i + 0.45,
                      line=dict(color=NORM_COLOUR, width=4))
    flag = "is_within_tolerance" if basis == "budget" else "is_spent_within_tolerance"
    fig.add_bar(
        x=split[share_col].astype(float), y=labels, orientation="h",
        marker_color=[CATEGORY_COLOURS[c] for c in split["category"]],
        width=0.55, name=i18n.t("split.share"),
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>", showlegend=False,
    )
    # The figures in a fixed column right of the plot, never on top of a bar or the norm.
    for label, share, norm, d, ok in zip(labels, split[share_col], split["norm_pct"], dev,
                                         split[flag]):
        fig.add_annotation(
            xref="paper", x=1.02, xanchor="left", y=label, showarrow=False, align="left",
            text=(f"<b>{fmt.pct(share)}</b>  {_verdict(ok)} {fmt.pp(d)}"
                  f"<br><span style='font-size:13px'>{i18n.t('split.norm').lower()} "
                  f"{fmt.pct(norm, digits=0)}</span>"),
            font=dict(size=16))
    # Legend entries for the norm tick and the band.
    fig.add_scatter(x=[None], y=[None], mode="lines", line=dict(color=NORM_COLOUR, width=4),
                    name=i18n.t("split.norm"))
    fig.add_scatter(x=[None], y=[None], mode="markers",
                    marker=dict(symbol="square", size=14, color=BAND_COLOUR),
                    name=i18n.t("split.band"))
    top = max(60.0, float(split[share_col].max()) + 5)
    fig.update_xaxes(range=[0, top], ticksuffix="%", title=i18n.t("split.axis"),
                     gridcolor="#E5E7EB")
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    layout(fig, height=300)
    fig.update_layout(margin=dict(r=220))
    # On a phone the figures column is narrower (one line and a small norm), so the bars keep
    # room beside their labels.
    compact = [dict(a.to_plotly_json(), font=dict(size=12),
                    text=(f"<b>{fmt.pct(share)}</b> {_verdict(ok)} {fmt.pp(d)}"
                          f"<br><span style='font-size:11px'>{i18n.t('split.norm').lower()} "
                          f"{fmt.pct(norm, digits=0)}</span>"))
               for a, share, norm, d, ok in zip(fig.layout.annotations, split[share_col],
                                                split["norm_pct"], dev, split[flag])]
    return narrow(fig, layout=dict(
        margin=dict(r=122), annotations=compact, yaxis=dict(tickfont=dict(size=13)),
        legend=dict(y=-0.3),
        xaxis=dict(dtick=20, tickangle=0, tickfont=dict(size=12),
                   title=dict(font=dict(size=13)))))


def budget_vs_spent(df: pd.DataFrame, x: str, partial_label: str | None = None) -> go.Figure:
    """Budget as an outlined bar with the spending inside it, per category or per year.

    `df` has columns x, budget_eur, spent_eur, realised_pct; x is 'category' or 'year'.
    With x='year', `partial_label` marks the running year (e.g. 't/m 31 okt').
    """
    if x == "category":
        labels = [i18n.value("category", v) for v in df[x]]
    else:
        labels = [f"{int(y)}<br>{partial_label}" if partial and partial_label else str(int(y))
                  for y, partial in zip(df["year"], df["is_partial_year"])]
    fig = go.Figure()
    fig.add_bar(x=labels, y=mln(df["budget_eur"]), name=i18n.t("series.budget"),
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                width=0.75, hovertemplate="%{x}: " + hover_amount("eur") + "<extra></extra>")
    fig.add_bar(x=labels, y=mln(df["spent_eur"]), name=i18n.t("series.spent"),
                marker_color=SPENT_FILL, width=0.55,
                text=([fmt.pct(r, digits=0) for r in df["realised_pct"]]
                      if x == "category" else None),
                textposition="inside", insidetextanchor="end", textangle=0,
                textfont=dict(color="white", size=14),
                hovertemplate="%{x}: " + hover_amount("eur") + "<extra></extra>")
    fig.update_layout(barmode="overlay", bargap=0.25)
    fig.update_yaxes(**mln_axis(), rangemode="tozero")
    fig.update_xaxes(type="category", tickangle=0)
    layout(fig, height=340)
    return narrow(fig, layout=dict(xaxis=every_other(labels))) if x == "year" else fig
