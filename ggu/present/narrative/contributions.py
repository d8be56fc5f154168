"""The Bijdragen page's words: funding per year, one municipality, the provinces and the
what-if. `by_year` are rows of contributions_by_year.sql, `trend` of
municipality_contribution_by_year.sql, `provinces` of contribution_by_province.sql and
`whatif` of whatif_fund_by_category.sql."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt


def funding_title(by_year: pd.DataFrame) -> str:
    first, last = by_year.iloc[0], by_year.iloc[-1]
    return i18n.t("bij.funding_title", first=fmt.eur(first["rate_per_inhabitant_eur"], digits=2),
                  last=fmt.eur(last["rate_per_inhabitant_eur"], digits=2))


def funding_summary(this: pd.Series, year: int) -> str:
    return i18n.t("bij.funding_summary", year=year, due=fmt.eur_mln(this["contributions_due_eur"]),
                  rijk=fmt.eur_mln(this["budget_rijk_eur"]),
                  overig=fmt.eur_mln(this["budget_overig_eur"]))


def _ends(trend: pd.DataFrame) -> dict:
    t0, t1 = trend.iloc[0], trend.iloc[-1]
    return dict(first=fmt.eur(t0["contribution_eur"]), y0=int(t0["year"]),
                last=fmt.eur(t1["contribution_eur"]), y1=int(t1["year"]))


def municipality_trend_title(name: str, trend: pd.DataFrame) -> str:
    return i18n.t("bij.mine_trend_title", name=name, **_ends(trend))


def municipality_trend_summary(trend: pd.DataFrame) -> str:
    t0, t1 = trend.iloc[0], trend.iloc[-1]
    return i18n.t("bij.mine_trend_summary", r0=fmt.eur(t0["rate_per_inhabitant_eur"], digits=2),
                  r1=fmt.eur(t1["rate_per_inhabitant_eur"], digits=2), **_ends(trend))


def province_title(provinces: pd.DataFrame, year: int) -> str:
    return i18n.t("bij.province_title", year=year, top=provinces.iloc[0]["province"])


def province_summary(provinces: pd.DataFrame) -> str:
    top = provinces.iloc[0]
    return i18n.t("bij.province_summary", top=top["province"],
                  amount=fmt.eur_mln(top["contribution_eur"]))


def whatif_title(whatif: pd.DataFrame, rate) -> str:
    """'Bij € 3,25 per inwoner: structureel € 1,2 mln ruimte, meerjarig € 0,3 mln tekort, …'."""
    parts = ", ".join(
        i18n.t("bij.whatif_part_more" if gap >= 0 else "bij.whatif_part_less",
               category=i18n.value("category", c).lower(), amount=fmt.eur_mln(abs(gap)))
        for c, gap in zip(whatif["category"], whatif["gap_eur"]))
    return i18n.t("bij.whatif_chart_title", rate=fmt.eur(rate, digits=2), parts=parts)


def whatif_summary(whatif: pd.DataFrame, year: int) -> str:
    return i18n.t("bij.whatif_summary", fund=fmt.eur_mln(whatif["fund_eur"].iloc[0]), year=year,
                  norms=" / ".join(fmt.pct(n, digits=0) for n in whatif["norm_pct"]))
