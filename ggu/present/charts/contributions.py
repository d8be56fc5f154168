"""Charts of the Bijdragen page: funding per year, contributions per province, one
municipality's contributions, and the what-if envelopes per category."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.charts.base import every_other, hover_amount, layout, mln, mln_axis, narrow
from ggu.present.palette import BUDGET_LINE, CATEGORY_COLOURS, FUNDING_COLOURS, SPENT_FILL
from ggu.present.text import plotly


def funding_by_year(years: pd.DataFrame) -> go.Figure:
    """Per year the funding stacked: contributions (Fonds GGU), Rijk and overig; the rate per
    inhabitant above each bar. `years`: rows of contributions_by_year.sql."""
    x = [str(int(y)) for y in years["year"]]
    fig = go.Figure()
    for column, source in (("fund_eur", "fonds_ggu"), ("budget_rijk_eur", "rijk"),
                           ("budget_overig_eur", "overig")):
        name = i18n.t("bij.series_contributions") if source == "fonds_ggu" \
            else i18n.value("funding_source", source)
        fig.add_bar(x=x, y=mln(years[column]), name=name, marker_color=FUNDING_COLOURS[source],
                    hovertemplate=f"{name} %{{x}}: " + hover_amount("eur") + "<extra></extra>")
    total = mln(years["funding_eur"])
    rates = [fmt.eur(r, digits=2) for r in years["rate_per_inhabitant_eur"]]
    fig.add_scatter(x=x, y=total, mode="text", showlegend=False, hoverinfo="skip",
                    text=rates, textposition="top center", textfont=dict(size=13))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(**mln_axis(), rangemode="tozero")
    fig.update_xaxes(type="category")
    layout(fig, height=360)
    # On a phone: the rate above every other year (the last one always), so they never overlap.
    shown = set(every_other(x)["tickvals"])
    return narrow(fig, layout=dict(xaxis=every_other(x), margin=dict(r=30)), traces={3: dict(
        text=[r if y in shown else "" for y, r in zip(x, rates)], textfont=dict(size=12))})


def province_bars(provinces: pd.DataFrame) -> go.Figure:
    """Contributions per province (bars, largest on top), with the amount per inhabitant."""
    df = provinces.sort_values("contribution_eur")
    fig = go.Figure(go.Bar(
        x=mln(df["contribution_eur"]), y=[plotly(p) for p in df["province"]], orientation="h",
        marker_color=SPENT_FILL,
        text=[f"{fmt.eur_mln(c)} · {fmt.eur(p, digits=2)} {i18n.t('bij.per_inh_short')}"
              for c, p in zip(df["contribution_eur"], df["per_inhabitant_eur"])],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: " + hover_amount("eur", "x") + "<extra></extra>"))
    top = float(mln(df["contribution_eur"]).max())
    fig.update_xaxes(**mln_axis(), range=[0, top * 1.45])
    layout(fig, height=460, legend=False)
    # On a phone: the amount only beside each bar (the rate is the same everywhere).
    return narrow(fig, layout=dict(xaxis=dict(range=[0, top * 1.4], dtick=5),
                                   yaxis=dict(tickfont=dict(size=12))),
                  traces={0: dict(text=[fmt.eur_mln(c) for c in df["contribution_eur"]],
                                  textfont=dict(size=12))})


def municipality_trend(trend: pd.DataFrame) -> go.Figure:
    """A municipality's contribution per year, with the rate per inhabitant on each bar."""
    fig = go.Figure(go.Bar(
        x=[str(int(y)) for y in trend["year"]], y=trend["contribution_eur"].astype(float),
        marker_color=SPENT_FILL,
        text=[fmt.eur(c) for c in trend["contribution_eur"]], textposition="outside",
        cliponaxis=False, hovertemplate="%{x}: " + hover_amount("whole_eur") + "<extra></extra>"))
    fig.update_yaxes(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", tickformat=",.0f",
                     gridcolor="#E5E7EB", rangemode="tozero",
                     range=[0, float(trend["contribution_eur"].max()) * 1.18])
    fig.update_xaxes(type="category")
    layout(fig, height=300, legend=False)
    # On a phone the amounts would shrink to specks: the axis and the table say them.
    years = [str(int(y)) for y in trend["year"]]
    return narrow(fig, layout=dict(xaxis=every_other(years)),
                  traces={0: dict(textposition="none")})


def whatif_envelopes(whatif: pd.DataFrame, year: int) -> go.Figure:
    """Per category the envelope at the norm (outlined) next to the year's actual Fonds GGU
    budget (filled), with the gap as text. `whatif`: rows of whatif_fund_by_category.sql."""
    labels = [i18n.value("category", c) for c in whatif["category"]]
    fig = go.Figure()
    fig.add_bar(x=labels, y=mln(whatif["envelope_eur"]), name=i18n.t("bij.series_envelope"),
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                text=[fmt.eur_mln(v) for v in whatif["envelope_eur"]], textposition="outside",
                cliponaxis=False, hovertemplate="%{x}: " + hover_amount("eur") + "<extra></extra>")
    fig.add_bar(x=labels, y=mln(whatif["budget_fonds_eur"]),
                name=i18n.t("bij.series_actual", year=year),
                marker_color=[CATEGORY_COLOURS[c] for c in whatif["category"]],
                text=[fmt.eur_mln(v) for v in whatif["budget_fonds_eur"]],
                textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: " + hover_amount("eur") + "<extra></extra>")
    top = float(mln(whatif[["envelope_eur", "budget_fonds_eur"]].max(axis=None)))
    fig.update_yaxes(**mln_axis(), range=[0, top * 1.2])
    fig.update_layout(barmode="group", bargap=0.3)
    layout(fig, height=360)
    return narrow(fig, traces={0: dict(textfont=dict(size=11)), 1: dict(textfont=dict(size=11))})
