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
_AXIS = dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", ticks="",
             automargin=True, title=dict(standoff=15))
# The look of plotly_white, built once: plotly's own templates are rebuilt on every use
# (about 40 ms a chart), this small one costs next to nothing.
TEMPLATE = go.layout.Template(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", xaxis=_AXIS, yaxis=_AXIS,
    colorway=["#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00", "#F0E442"],
    hovermode="closest", title=dict(x=0.05)))


def _layout(fig: go.Figure, *, height: int, legend: bool = True) -> go.Figure:
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
                width=0.75, hovertemplate="%{x}: " + _hover_amount("eur") + "<extra></extra>")
    fig.add_bar(x=labels, y=_mln(df["spent_eur"]), name=i18n.t("series.spent"),
                marker_color=SPENT_FILL, width=0.55,
                text=[fmt.pct(r, digits=0) for r in df["realised_pct"]] if x == "category" else None,
                textposition="inside", insidetextanchor="end", textangle=0,
                textfont=dict(color="white", size=14),
                hovertemplate="%{x}: " + _hover_amount("eur") + "<extra></extra>")
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


def budget_vs_spent_title(split: pd.DataFrame, year: int) -> str:
    """Which category has spent the most and the least of its budget, e.g. 'Kortcyclisch heeft
    in 2026 het meest van de begroting besteed (84,7%), meerjarig het minst (70,8%)'."""
    ranked = split.dropna(subset=["realised_pct"]).sort_values("realised_pct")
    if ranked.empty:
        return i18n.t("bvs.title", year=year)
    best, worst = ranked.iloc[-1], ranked.iloc[0]
    return i18n.t("bvs.title_ranked", year=year, best=i18n.value("category", best["category"]),
                  best_pct=fmt.pct(best["realised_pct"]),
                  worst=i18n.value("category", worst["category"]).lower(),
                  worst_pct=fmt.pct(worst["realised_pct"]))


def budget_vs_spent_summary(split: pd.DataFrame) -> str:
    parts = "; ".join(
        i18n.t("bvs.part", category=i18n.value("category", c), spent=fmt.eur_mln(s),
               budget=fmt.eur_mln(b), pct=fmt.pct(r))
        for c, b, s, r in zip(split["category"], split["budget_eur"], split["spent_eur"],
                              split["realised_pct"])
    )
    return i18n.t("bvs.summary", parts=parts)


def _first_last(totals: pd.DataFrame) -> dict:
    first, last = totals.iloc[0], totals.iloc[-1]
    return dict(first=fmt.eur_mln(first["budget_eur"]), y0=int(first["year"]),
                last=fmt.eur_mln(last["budget_eur"]), y1=int(last["year"]))


def trend_title(totals: pd.DataFrame) -> str:
    """E.g. 'De begroting groeide van € 52,3 mln in 2018 naar € 58,9 mln in 2026'."""
    grew = totals["budget_eur"].iloc[-1] >= totals["budget_eur"].iloc[0]
    return i18n.t("trend.title_up" if grew else "trend.title_down", **_first_last(totals))


def trend_summary(totals: pd.DataFrame) -> str:
    """The budget's first and last year, and the range of % realised over the closed years."""
    closed = totals[~totals["is_partial_year"].astype(bool)]["realised_pct"].dropna()
    if closed.empty:
        return i18n.t("trend.summary", **_first_last(totals))
    return i18n.t("trend.summary_realised", low=fmt.pct(closed.min()), high=fmt.pct(closed.max()),
                  **_first_last(totals))


# Uitgaven and Bijdragen pages (issue 4).

UNDER_COLOUR = "#0072B2"    # Okabe-Ito blue: less spent than budgeted
OVER_COLOUR = "#D55E00"     # Okabe-Ito vermillion: more spent than budgeted
REALISED_SCALE = [[0.0, UNDER_COLOUR], [0.5, "#F2F2F2"], [1.0, OVER_COLOUR]]
FUNDING_COLOURS = {"fonds_ggu": "#0072B2", "rijk": "#009E73", "overig": "#E69F00"}
YEAR_GREYS = ["#BBBBBB", "#999999", "#777777", "#555555", "#333333"]
YEAR_DASHES = ["dot", "dash", "dashdot", "longdash", "longdashdot"]


def amount_text(x, unit: str) -> str:
    """An amount as shown in the chosen unit: `€ 58,0 mln`, or `€ 3,10` per inhabitant."""
    return fmt.eur(x, digits=2) if unit == "per_inhabitant" else fmt.eur_mln(x)


def _amount(series: pd.Series, unit: str) -> pd.Series:
    return series.astype(float) if unit == "per_inhabitant" else _mln(series)


def _date_ticks(dates: pd.Series) -> dict:
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


def _amount_axis(unit: str) -> dict:
    if unit == "per_inhabitant":
        return dict(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", tickformat=",.2f",
                    gridcolor="#E5E7EB")
    return _mln_axis()


def _eur_prefix() -> str:
    return "€\u00a0" if i18n.lang() == "nl" else "€"


def _hover_amount(unit: str, axis: str = "y") -> str:
    """The hover text of an amount on an axis, in the current language: `€ 12,3 mln` /
    `€12.3M`, `€ 3,10` / `€3.10` per inhabitant, `€ 1.234` / `€1,234` for whole euros."""
    value = "%{" + axis
    if unit == "per_inhabitant":
        return f"{_eur_prefix()}{value}:,.2f}}"
    if unit == "whole_eur":
        return f"{_eur_prefix()}{value}:,.0f}}"
    return f"€\u00a0{value}:,.1f}}\u00a0mln" if i18n.lang() == "nl" else f"€{value}:,.1f}}M"


def spend_treemap(tree: pd.DataFrame, unit: str = "eur") -> go.Figure:
    """Category -> theme -> item, sized by spending, coloured by % of the budget realised.

    `tree`: the category, theme and item rows of spend_by_level.sql. Blue: below budget,
    vermillion: above; the % is in every label, so the colour is never the only cue.
    """
    rows = tree
    ids, parents, labels = [], [], []
    for r in rows.itertuples(index=False):
        if r.node_level == "total":
            ids.append("total")
            parents.append("")
            labels.append(i18n.t("uit.tree_root"))
        elif r.node_level == "category":
            ids.append(f"c/{r.category}")
            parents.append("total")
            labels.append(i18n.value("category", r.category))
        elif r.node_level == "theme":
            ids.append(f"t/{r.category}/{r.theme}")
            parents.append(f"c/{r.category}")
            labels.append(r.theme)
        else:
            ids.append(f"i/{r.item_id}")
            parents.append(f"t/{r.category}/{r.theme}")
            labels.append(r.item_name)
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
    ))
    _layout(fig, height=560, legend=False)
    fig.update_layout(margin=dict(l=5, r=5, t=30, b=5))  # plotly shrinks each label to fit
    return fig


def monthly_spend(months: pd.DataFrame, unit: str = "eur") -> go.Figure:
    """Spending per month (bars), cumulative within each year (line) against the year's
    budget (dashed step line). `months`: rows of spend_by_month.sql."""
    x = pd.to_datetime(dict(year=months["year"], month=months["month"], day=15))
    fig = go.Figure()
    fig.add_bar(x=x, y=_amount(months["spent_eur"], unit), name=i18n.t("uit.month_spent"),
                marker_color="#9CC3E6", customdata=[fmt.month_year(d) for d in x],
                hovertemplate="%{customdata}: " + _hover_amount(unit) + "<extra></extra>")
    for year, rows in months.groupby("year", sort=True):
        xs = pd.to_datetime(dict(year=rows["year"], month=rows["month"], day=15))
        first = year == months["year"].min()
        fig.add_scatter(x=xs, y=_amount(rows["cumulative_spent_eur"], unit), mode="lines+markers",
                        line=dict(color=SPENT_FILL, width=3), marker=dict(size=5),
                        name=i18n.t("uit.cumulative"), legendgroup="cum", showlegend=bool(first),
                        customdata=[fmt.month_year(d) for d in xs],
                        hovertemplate="%{customdata}: " + _hover_amount(unit) + "<extra></extra>")
        start, end = pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31)
        budget = _amount(rows["budget_eur"], unit).iloc[0]
        fig.add_scatter(x=[start, end], y=[budget, budget], mode="lines",
                        line=dict(color=BUDGET_LINE, width=2, dash="dash"),
                        name=i18n.t("series.budget"), legendgroup="budget",
                        showlegend=bool(first),
                        hovertemplate=f"{int(year)}: " + _hover_amount(unit) + "<extra></extra>")
    fig.update_yaxes(**_amount_axis(unit), rangemode="tozero")
    fig.update_xaxes(gridcolor="#E5E7EB", **_date_ticks(x))
    return _layout(fig, height=380)


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
        fig.add_scatter(x=labels, y=_amount(r["cumulative_spent_eur"], unit),
                        mode="lines+markers", name=str(int(year)),
                        line=dict(color=colour, width=4 if last else 2,
                                  dash="solid" if last else YEAR_DASHES[k % len(YEAR_DASHES)]),
                        hovertemplate=f"{int(year)} %{{x}}: " + _hover_amount(unit)
                        + "<extra></extra>")
    fig.update_yaxes(**_amount_axis(unit), rangemode="tozero")
    fig.update_xaxes(type="category")
    return _layout(fig, height=380)


def funding_by_year(years: pd.DataFrame) -> go.Figure:
    """Per year the funding stacked: contributions (Fonds GGU), Rijk and overig; the rate per
    inhabitant above each bar. `years`: rows of contributions_by_year.sql."""
    x = [str(int(y)) for y in years["year"]]
    fig = go.Figure()
    for column, source in (("contributions_due_eur", "fonds_ggu"), ("budget_rijk_eur", "rijk"),
                           ("budget_overig_eur", "overig")):
        name = i18n.t("bij.series_contributions") if source == "fonds_ggu" \
            else i18n.value("funding_source", source)
        fig.add_bar(x=x, y=_mln(years[column]), name=name, marker_color=FUNDING_COLOURS[source],
                    hovertemplate=f"{name} %{{x}}: " + _hover_amount("eur") + "<extra></extra>")
    total = _mln(years["contributions_due_eur"] + years["budget_rijk_eur"]
                 + years["budget_overig_eur"])
    fig.add_scatter(x=x, y=total, mode="text", showlegend=False, hoverinfo="skip",
                    text=[fmt.eur(r, digits=2) for r in years["rate_per_inhabitant_eur"]],
                    textposition="top center", textfont=dict(size=13))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(**_mln_axis(), rangemode="tozero")
    fig.update_xaxes(type="category")
    return _layout(fig, height=360)


def province_bars(provinces: pd.DataFrame) -> go.Figure:
    """Contributions per province (bars, largest on top), with the amount per inhabitant."""
    df = provinces.sort_values("contribution_eur")
    fig = go.Figure(go.Bar(
        x=_mln(df["contribution_eur"]), y=df["province"], orientation="h",
        marker_color=SPENT_FILL,
        text=[f"{fmt.eur_mln(c)} · {fmt.eur(p, digits=2)} {i18n.t('bij.per_inh_short')}"
              for c, p in zip(df["contribution_eur"], df["per_inhabitant_eur"])],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: " + _hover_amount("eur", "x") + "<extra></extra>"))
    fig.update_xaxes(**_mln_axis(), range=[0, float(_mln(df["contribution_eur"]).max()) * 1.45])
    return _layout(fig, height=460, legend=False)


def municipality_trend(trend: pd.DataFrame) -> go.Figure:
    """A municipality's contribution per year, with the rate per inhabitant on each bar."""
    fig = go.Figure(go.Bar(
        x=[str(int(y)) for y in trend["year"]], y=trend["contribution_eur"].astype(float),
        marker_color=SPENT_FILL,
        text=[fmt.eur(c) for c in trend["contribution_eur"]], textposition="outside",
        cliponaxis=False, hovertemplate="%{x}: " + _hover_amount("whole_eur") + "<extra></extra>"))
    fig.update_yaxes(tickprefix="€\u00a0" if i18n.lang() == "nl" else "€", tickformat=",.0f",
                     gridcolor="#E5E7EB", rangemode="tozero",
                     range=[0, float(trend["contribution_eur"].max()) * 1.18])
    fig.update_xaxes(type="category")
    return _layout(fig, height=300, legend=False)


def whatif_envelopes(whatif: pd.DataFrame, year: int) -> go.Figure:
    """Per category the envelope at the norm (outlined) next to the year's actual Fonds GGU
    budget (filled), with the gap as text. `whatif`: rows of whatif_fund_by_category.sql."""
    labels = [i18n.value("category", c) for c in whatif["category"]]
    fig = go.Figure()
    fig.add_bar(x=labels, y=_mln(whatif["envelope_eur"]), name=i18n.t("bij.series_envelope"),
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                text=[fmt.eur_mln(v) for v in whatif["envelope_eur"]], textposition="outside",
                cliponaxis=False, hovertemplate="%{x}: " + _hover_amount("eur") + "<extra></extra>")
    fig.add_bar(x=labels, y=_mln(whatif["budget_fonds_eur"]), name=i18n.t("bij.series_actual", year=year),
                marker_color=[CATEGORY_COLOURS[c] for c in whatif["category"]],
                text=[fmt.eur_mln(v) for v in whatif["budget_fonds_eur"]],
                textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: " + _hover_amount("eur") + "<extra></extra>")
    top = float(_mln(whatif[["envelope_eur", "budget_fonds_eur"]].max(axis=None)))
    fig.update_yaxes(**_mln_axis(), range=[0, top * 1.2])
    fig.update_layout(barmode="group", bargap=0.3)
    return _layout(fig, height=360)


# -- Portfolio and Strategische doelen (issue 3) ------------------------------------------------

# Text on these fills is dark (#111: 4.7:1 on vermillion, 5.6:1 on green, 9:1 on orange).
STATUS_COLOURS = {"groen": "#009E73", "oranje": "#E69F00", "rood": "#D55E00"}
VERDICT_COLOURS = {"op_koers": "#009E73", "aandacht": "#E69F00", "achter": "#D55E00"}
VERDICT_ICONS = {"op_koers": "✔", "aandacht": "▲", "achter": "✖", None: "–"}
FORECAST_COLOUR = "#D55E00"
TODAY_COLOUR = "#56B4E9"


def verdict_label(verdict, lang: str | None = None) -> str:
    """'✔ Op koers', '▲ Aandacht', '✖ Achter' or '– Geen meting': icon and word, never colour."""
    word = i18n.t(f"verdict.{verdict or 'none'}", lang=lang)
    return f"{VERDICT_ICONS.get(verdict, '–')}\u00a0{word}"


def signed_pct(x) -> str:
    """'+2,5%' / '-11,3%': a change in percent with its sign."""
    return ("+" if pd.notna(x) and x > 0 else "") + fmt.pct(x)


def forecast_vs_budget(df: pd.DataFrame) -> go.Figure:
    """Per category the budget (outline), spending to date (filled) and the year-end forecast (a
    marked line with its figure). `df`: rows of forecast_by_category.sql without the total."""
    labels = [i18n.value("category", c) for c in df["category"]]
    fig = budget_vs_spent(df, "category")
    fig.update_traces(text=None, selector=dict(name=i18n.t("series.spent")))
    fig.add_scatter(
        x=labels, y=_mln(df["forecast_eur"]), mode="markers", name=i18n.t("series.forecast"),
        marker=dict(symbol="line-ew-open", size=70, color=FORECAST_COLOUR,
                    line=dict(width=4, color=FORECAST_COLOUR)),
        hovertemplate="%{x}: " + _hover_amount("eur") + "<extra></extra>")
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
                    hovertemplate="%{x}: " + _hover_amount("whole_eur") + "<extra></extra>")
    fig.add_scatter(x=x, y=df["spent_cum_eur"].astype(float), mode="lines+markers",
                    line=dict(color=SPENT_FILL, width=3), marker=dict(size=7),
                    name=i18n.t("series.spent_cum"),
                    hovertemplate="%{x}: " + _hover_amount("whole_eur") + "<extra></extra>")
    if df["forecast_cum_eur"].notna().any():
        fig.add_scatter(x=x, y=df["forecast_cum_eur"].astype(float), mode="lines+markers",
                        line=dict(color=FORECAST_COLOUR, width=3, dash="dash"),
                        marker=dict(size=7, symbol="diamond"), name=i18n.t("series.forecast"),
                        hovertemplate="%{x}: " + _hover_amount("whole_eur") + "<extra></extra>")
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
    _layout(fig, height=340)
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
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows = df.assign(_g=df[group].map(lambda g: order.get(g, g) if group == "category" else g))
    rows = rows.sort_values(["_g", "start_year", "name"], ascending=[True, True, True])
    edge = max(last_year, int(rows["end_year"].max() if rows["end_year"].notna().any() else 0)) + 1
    groups = [i18n.value(group, g) for g in rows[group]]
    first = max(int(rows["start_year"].min()), last_year - 8)
    # the status icon beside each name, so no bar needs its colour (or its clipped text) to tell
    names = [f"{n} {i18n.value('status', st).split()[0]} " for n, st in zip(rows["name"],
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
            hovertemplate="%{y}: %{customdata[0]}–%{customdata[1]} · %{customdata[2]}<extra></extra>")
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
    _layout(fig, height=120 + 26 * len(rows))
    fig.update_layout(legend=dict(y=-0.02, yanchor="top", traceorder="normal"),
                      margin=dict(t=50))
    return fig


def indicator_bullets(df: pd.DataFrame) -> go.Figure:
    """Per indicator the progress from baseline (0%) to target (100%) as a bar, the progress
    expected by now as a black tick, and the verdict (icon and word) as text.
    `df`: rows of indicator_progress.sql for one goal."""
    names = [f"{n}<br><span style='font-size:12px'>{fmt.number(b, 1)} → {fmt.number(t, 1)} "
             f"{u}</span>" for n, b, t, u in zip(df["name"], df["baseline_value"],
                                                 df["target_value"], df["unit"])]
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
    _layout(fig, height=90 + 70 * len(df))
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
                        name=f"{ind} {rows['name'].iloc[0]}",
                        line=dict(color=colours[k % 5], width=2),
                        marker=dict(symbol=symbols[k % 5], size=7),
                        hovertemplate="%{customdata}: %{y:.0f}%<extra></extra>")
    fig.add_hline(y=100, line=dict(color="#6B7280", width=1, dash="dot"),
                  annotation_text=i18n.t("series.target"), annotation_position="top left")
    fig.update_yaxes(ticksuffix="%", gridcolor="#E5E7EB", title=i18n.t("series.progress_axis"))
    fig.update_xaxes(gridcolor="#F3F4F6", **_date_ticks(df["measured_date"]))
    _layout(fig, height=320)
    fig.update_layout(legend=dict(orientation="v", y=-0.15, yanchor="top"))
    fig.update_layout(height=320 + 24 * df["indicator_id"].nunique(), margin=dict(b=10))
    return fig


def goal_allocation(df: pd.DataFrame, year: int, compare_year: int | None) -> go.Figure:
    """Per goal the budget of the year (filled, with its share of the total) and of the
    comparison year (outline). `df`: rows of goal_allocation_by_year.sql."""
    names = [f"{g} {n}" for g, n in zip(df["goal_id"], df["name"])]
    fig = go.Figure()
    if compare_year is not None:
        fig.add_bar(x=_mln(df["compare_budget_eur"].fillna(0)), y=names, orientation="h",
                    name=str(compare_year), width=0.75,
                    marker=dict(color="rgba(0,0,0,0)", line=dict(color=BUDGET_LINE, width=2)),
                    hovertemplate="%{y}: " + _hover_amount("eur", "x") + "<extra></extra>")
    fig.add_bar(x=_mln(df["budget_eur"]), y=names, orientation="h", name=str(year), width=0.5,
                marker_color=SPENT_FILL,
                text=[f"{fmt.eur_mln(b)} · {fmt.pct(s)}"
                      for b, s in zip(df["budget_eur"], df["budget_share_pct"])],
                textposition="outside", textfont=dict(size=14),
                hovertemplate="%{y}: " + _hover_amount("eur", "x") + "<extra></extra>")
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(**_mln_axis(), rangemode="tozero")
    top = float(max(df["budget_eur"].max(), df["compare_budget_eur"].fillna(0).max())) / 1e6
    fig.update_xaxes(range=[0, top * 1.35])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=14))
    return _layout(fig, height=80 + 60 * len(df))


def _listing(parts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {i18n.t('word.and')} " + parts[-1]


def _side(deviation) -> str:
    return i18n.t("fc.over" if deviation > 0 else "fc.under")


def forecast_title(total: pd.Series, year: int, partial: bool) -> str:
    """'Prognose 2026: € 57,6 mln, € 1,3 mln (2,2%) onder de begroting'."""
    key = "fc.title" if partial else "fc.title_closed"
    return i18n.t(key, year=year, forecast=fmt.eur_mln(total["forecast_eur"]),
                  dev=fmt.eur_mln(abs(total["forecast_deviation_eur"])),
                  pct=fmt.pct(abs(total["forecast_deviation_pct"])),
                  side=_side(total["forecast_deviation_eur"]))


def forecast_summary(by_category: pd.DataFrame, partial: bool) -> str:
    parts = "; ".join(
        i18n.t("fc.part", category=i18n.value("category", c), forecast=fmt.eur_mln(f),
               budget=fmt.eur_mln(b), pct=fmt.pct(abs(d)), side=_side(d))
        for c, f, b, d in zip(by_category["category"], by_category["forecast_eur"],
                              by_category["budget_eur"], by_category["forecast_deviation_pct"]))
    return i18n.t("fc.summary" if partial else "fc.summary_closed", parts=parts)


def burnup_summary(burn: pd.DataFrame, item: pd.Series, partial: bool) -> str:
    """One line: spent so far, the forecast at 31 December and how it compares with the budget."""
    spent = burn["spent_cum_eur"].dropna()
    if not partial:
        return i18n.t("burnup.summary_closed", spent=fmt.eur(spent.iloc[-1]),
                      budget=fmt.eur(item["budget_eur"]), pct=fmt.pct(item["realised_pct"]))
    return i18n.t("burnup.summary", spent=fmt.eur(spent.iloc[-1]),
                  month=fmt.date(burn["month_end_date"].iloc[len(spent) - 1]),
                  forecast=fmt.eur(item["forecast_eur"]), budget=fmt.eur(item["budget_eur"]),
                  method=i18n.t(f"method.{item['forecast_method']}"))


def _roadmap_counts(rows: pd.DataFrame, year: int) -> dict:
    return dict(n=len(rows), open=int(rows["end_year"].isna().sum()),
                ending=int((rows["end_year"] == year).sum()),
                overdue=int((rows["end_year"] < year).sum()), year=year)


def roadmap_title(rows: pd.DataFrame, year: int) -> str:
    """E.g. 'Roadmap 2026: 3 projecten eindigen dit jaar, 2 hadden al klaar moeten zijn'."""
    return i18n.t("roadmap.title", **_roadmap_counts(rows, year))


def roadmap_summary(rows: pd.DataFrame, year: int) -> str:
    return i18n.t("roadmap.summary", **_roadmap_counts(rows, year))


def goals_verdict_summary(goals: pd.DataFrame, indicators: pd.DataFrame) -> str:
    """Which goals are behind, need attention or are on course (the worst indicator counts)."""
    verdict = indicators.drop_duplicates("goal_id").set_index("goal_id")["goal_verdict"]
    lines = []
    for v in ("achter", "aandacht", "op_koers"):
        listed = [f"{g} {n}" for g, n in zip(goals["goal_id"], goals["name"])
                  if verdict.get(g) == v]
        if listed:
            lines.append(f"- **{verdict_label(v)}**: {_listing(listed)}")
    stale = sorted(indicators.loc[indicators["is_goal_stale"], "goal_id"].unique())
    if stale:
        lines.append(f"- {i18n.t('dl.stale_list', goals=_listing(list(stale)))}")
    return i18n.t("dl.verdicts") + "\n\n" + "\n".join(lines)


def goal_allocation_title(goals: pd.DataFrame, year: int) -> str:
    top = goals.sort_values("budget_share_pct", ascending=False).iloc[0]
    return i18n.t("dl.alloc_title", year=year, goal=f"{top['goal_id']} {top['name']}",
                  pct=fmt.pct(top["budget_share_pct"]))


def goal_allocation_summary(goals: pd.DataFrame, year: int, compare: int) -> str:
    parts = "; ".join(
        i18n.t("dl.alloc_part", goal=g, budget=fmt.eur_mln(b), pct=fmt.pct(s),
               change=signed_pct(c))
        for g, b, s, c in zip(goals["goal_id"], goals["budget_eur"], goals["budget_share_pct"],
                              goals["budget_change_pct"]))
    return i18n.t("dl.alloc_summary", year=year, compare=compare, parts=parts)


def indicator_title(indicators: pd.DataFrame) -> str:
    counts = indicators["verdict"].value_counts()
    parts = [f"{int(counts[v])} {i18n.t(f'verdict.{v}').lower()}"
             for v in ("op_koers", "aandacht", "achter") if v in counts]
    return i18n.t("dl.ind_title", n=len(indicators), parts=_listing(parts))


def indicator_summary(indicators: pd.DataFrame) -> str:
    parts = "; ".join(
        i18n.t("dl.ind_part", name=n, value=fmt.number(v, 1), unit=u, target=fmt.number(t, 1),
               year=y, verdict=verdict_label(d).split("\u00a0", 1)[1].lower())
        for n, v, u, t, y, d in zip(indicators["name"], indicators["latest_value"],
                                    indicators["unit"], indicators["target_value"],
                                    indicators["target_year"], indicators["verdict"]))
    return i18n.t("dl.ind_summary", parts=parts)


def trend_measurements_title(trend: pd.DataFrame) -> str:
    """Which indicator has come furthest on its way to the target at its latest measurement."""
    latest = trend.sort_values("measured_date").groupby("name", sort=False).tail(1)
    latest = latest.dropna(subset=["progress_pct"]).sort_values("progress_pct")
    if latest.empty:
        return i18n.t("dl.trend_title")
    best, worst = latest.iloc[-1], latest.iloc[0]
    if len(latest) == 1:
        return i18n.t("dl.trend_title_one", name=best["name"],
                      pct=fmt.pct(best["progress_pct"], 0))
    return i18n.t("dl.trend_title_many", best=best["name"],
                  best_pct=fmt.pct(best["progress_pct"], 0), worst=worst["name"],
                  worst_pct=fmt.pct(worst["progress_pct"], 0))


def trend_measurements_summary(trend: pd.DataFrame) -> str:
    if trend.empty:
        return i18n.t("dl.trend_none")
    return i18n.t("dl.trend_summary", n=len(trend), first=fmt.date(trend["measured_date"].min()),
                  last=fmt.date(trend["measured_date"].max()))


def item_history(df: pd.DataFrame, partial_label: str | None = None) -> go.Figure:
    """budget_vs_spent per year for one item: ticks with one decimal (items are small)."""
    fig = budget_vs_spent(df, "year", partial_label)
    fig.update_yaxes(tickformat=",.1f")
    return fig
