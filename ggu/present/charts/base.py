"""What every chart shares: the layout (template, font, legend, number separators of the
language), money axes in millions or per inhabitant, hover texts and date ticks in the
language shown (Plotly's own month names are English only)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.palette import FONT, SEPARATORS, TEMPLATE


def layout(fig: go.Figure, *, height: int, legend: bool = True) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        margin=dict(l=10, r=20, t=10, b=10),
        font=dict(family=FONT, size=15, color="#111111"),
        separators=SEPARATORS[i18n.lang()],
        showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=dict(size=14)),
        hoverlabel=dict(font_size=14),
    )
    # On a phone (ggu/web/plot.js): the legend below the chart, smaller type.
    return narrow(fig, layout=dict(font=dict(size=13), legend=dict(
        orientation="h", x=0, xanchor="left", y=-0.16, yanchor="top", font=dict(size=13))))


def narrow(fig: go.Figure, layout: dict | None = None,
           traces: dict[int, dict] | None = None) -> go.Figure:
    """Add to what the chart changes when drawn narrower than a phone's 500 px (ggu/web/plot.js
    applies it): `layout` changes, and per trace index its changes. Kept in layout.meta, which
    every other renderer ignores."""
    meta = dict(fig.layout.meta or {})
    current = meta.get("narrow", {})
    merged = {"layout": _merge(current.get("layout", {}), layout or {}),
              "traces": {**current.get("traces", {}),
                         **{str(i): changes for i, changes in (traces or {}).items()}}}
    fig.update_layout(meta={**meta, "narrow": merged})
    return fig


def _merge(base: dict, changes: dict) -> dict:
    out = dict(base)
    for key, value in changes.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


def every_other(labels: list[str]) -> dict:
    """Axis ticks for a phone: every other category label, the last one always shown."""
    kept = labels[::-1][::2][::-1]
    return dict(tickvals=kept, ticktext=kept, tickangle=0)


def mln(series: pd.Series) -> pd.Series:
    return series.astype(float) / 1e6


def mln_axis() -> dict:
    suffix = "\u00a0mln" if i18n.lang() == "nl" else "M"
    return dict(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", ticksuffix=suffix,
                tickformat=",.0f", gridcolor="#E5E7EB")


def amount(series: pd.Series, unit: str) -> pd.Series:
    return series.astype(float) if unit == "per_inhabitant" else mln(series)


def date_ticks(dates: pd.Series) -> dict:
    """Ticks for a date axis with labels in the current language (plotly's month names are
    English only): one per year over two years or more, else one per quarter (`apr 2026`)."""
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return {}
    lo, hi = dates.min(), dates.max()
    if hi.year - lo.year >= 2:
        ticks = pd.date_range(f"{lo.year}-01-01", f"{hi.year + 1}-01-01", freq="YS")
        return dict(tickvals=list(ticks), ticktext=[str(d.year) for d in ticks])
    ticks = pd.date_range(f"{lo.year}-01-01", f"{hi.year + 1}-01-01", freq="3MS")
    return dict(tickvals=list(ticks), ticktext=[fmt.month_year(d) for d in ticks])


def amount_axis(unit: str) -> dict:
    if unit == "per_inhabitant":
        return dict(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", tickformat=",.2f",
                    gridcolor="#E5E7EB")
    return mln_axis()


def eur_prefix() -> str:
    return "€\u00a0" if i18n.lang() == "nl" else "€"


def hover_amount(unit: str, axis: str = "y") -> str:
    """The hover text of an amount on an axis, in the current language: `€ 12,3 mln` /
    `€12.3M`, `€ 3,10` / `€3.10` per inhabitant, `€ 1.234` / `€1,234` for whole euros."""
    value = "%{" + axis
    if unit == "per_inhabitant":
        return f"{eur_prefix()}{value}:,.2f}}"
    if unit == "whole_eur":
        return f"{eur_prefix()}{value}:,.0f}}"
    return f"€\u00a0{value}:,.1f}}\u00a0mln" if i18n.lang() == "nl" else f"€{value}:,.1f}}M"
