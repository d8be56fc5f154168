"""Chart builders: pure functions `DataFrame -> go.Figure`, with the palette and template here.

Colours are from the Okabe-Ito colour-blind-safe palette; no chart carries meaning by colour
alone (labels, icons and the table behind each chart say the same).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import formatting as fmt
from ggu import i18n
from ggu.config import CATEGORIES

CATEGORY_COLOURS = {"structureel": "#0072B2", "meerjarig": "#E69F00", "kortcyclisch": "#CC79A7"}
BUDGET_LINE = "#1F2937"   # outline of budget bars
SPENT_FILL = "#0072B2"
NORM_COLOUR = "#111111"
BAND_COLOUR = "rgba(17, 17, 17, 0.10)"
FONT = "Source Sans Pro, Segoe UI, Arial, sans-serif"
SEPARATORS = {"nl": ",.", "en": ".,"}  # plotly: decimal point, then thousands separator


def _layout(fig: go.Figure, *, height: int, legend: bool = True) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin=dict(l=10, r=20, t=10, b=10),
        font=dict(family=FONT, size=15, color="#111111"),
        separators=SEPARATORS[i18n.lang()],
        showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=14)),
        hoverlabel=dict(font_size=14),
    )
    return fig


def _mln(series: pd.Series) -> pd.Series:
    return series.astype(float) / 1e6


def _mln_axis() -> dict:
    suffix = "\u00a0mln" if i18n.lang() == "nl" else "M"
    return dict(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", ticksuffix=suffix,
                tickformat=",.0f", gridcolor="#E5E7EB")


def split_vs_norm(split: pd.DataFrame, basis: str = "budget") -> go.Figure:
    """Share per category (bars) against the norm (black tick) and its tolerance band (grey).

    `split`: rows of split_by_category_by_year.sql for one year; basis 'budget' or 'spent'.
    """
    share_col = f"{basis}_share_pct"
    dev = split[share_col] - split["norm_pct"]
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
            text=(f"<b>{fmt.pct(share)}</b>  {'✔' if ok else '✖'} {fmt.pp(d)}"
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
    _layout(fig, height=300)
    fig.update_layout(margin=dict(r=220))
    return fig


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
    fig.add_bar(x=labels, y=_mln(df["budget_eur"]), name=i18n.t("series.budget"),
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                width=0.75, hovertemplate="%{x}: € %{y:,.1f} mln<extra></extra>")
    fig.add_bar(x=labels, y=_mln(df["spent_eur"]), name=i18n.t("series.spent"),
                marker_color=SPENT_FILL, width=0.55,
                text=[fmt.pct(r, digits=0) for r in df["realised_pct"]] if x == "category" else None,
                textposition="inside", insidetextanchor="end", textangle=0,
                textfont=dict(color="white", size=14),
                hovertemplate="%{x}: € %{y:,.1f} mln<extra></extra>")
    fig.update_layout(barmode="overlay", bargap=0.25)
    fig.update_yaxes(**_mln_axis(), rangemode="tozero")
    fig.update_xaxes(type="category", tickangle=0)
    return _layout(fig, height=340)


def category_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the fixed category order (structureel, meerjarig, kortcyclisch)."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return df.sort_values("category", key=lambda s: s.map(order)).reset_index(drop=True)


# Text that goes with the charts: titles that say the message, and a one-line summary.

def split_title(split: pd.DataFrame, year: int, basis: str = "budget") -> str:
    """E.g. 'Begroting 2024: structureel buiten de marge van ±2,0 %-punt rond de norm'."""
    flag = "is_within_tolerance" if basis == "budget" else "is_spent_within_tolerance"
    outside = [i18n.value("category", c).lower()
               for c, ok in zip(split["category"], split[flag]) if not ok]
    fields = dict(basis=i18n.t(f"basis.{basis}"), year=year,
                  tol=fmt.pp(split["tolerance_pp"].iloc[0]).lstrip("+"))
    if not outside:
        return i18n.t("split.title_ok", **fields)
    listed = ", ".join(outside[:-1]) + f" {i18n.t('word.and')} " + outside[-1] \
        if len(outside) > 1 else outside[0]
    return i18n.t("split.title_off", categories=listed, **fields)


def split_summary(split: pd.DataFrame, year: int, basis: str = "budget") -> str:
    share = split[f"{basis}_share_pct"]
    parts = "; ".join(
        i18n.t("split.part", category=i18n.value("category", c), share=fmt.pct(s),
               norm=fmt.pct(n, digits=0), dev=fmt.pp(s - n))
        for c, s, n in zip(split["category"], share, split["norm_pct"])
    )
    return i18n.t("split.summary", basis=i18n.t(f"basis.{basis}").lower(), year=year,
                  tol=fmt.pp(split["tolerance_pp"].iloc[0]).lstrip("+"), parts=parts)


def budget_vs_spent_summary(split: pd.DataFrame) -> str:
    parts = "; ".join(
        i18n.t("bvs.part", category=i18n.value("category", c), spent=fmt.eur_mln(s),
               budget=fmt.eur_mln(b), pct=fmt.pct(r))
        for c, b, s, r in zip(split["category"], split["budget_eur"], split["spent_eur"],
                              split["realised_pct"])
    )
    return i18n.t("bvs.summary", parts=parts)


def trend_summary(totals: pd.DataFrame) -> str:
    first, last = totals.iloc[0], totals.iloc[-1]
    return i18n.t("trend.summary", first=fmt.eur_mln(first["budget_eur"]), y0=int(first["year"]),
                  last=fmt.eur_mln(last["budget_eur"]), y1=int(last["year"]))
