"""The Bijdragen page's words: funding per year, one municipality, the provinces and the
what-if. `by_year` are rows of contributions_by_year.sql, `trend` of
municipality_contribution_by_year.sql, `provinces` of contribution_by_province.sql and
`whatif` of whatif_fund_by_category.sql."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt


def _rates(rows: pd.DataFrame) -> tuple[dict, bool]:
    """The first and last year's rate per inhabitant as text, and whether they differ as shown."""
    rate = rows["rate_per_inhabitant_eur"]
    r0, r1 = fmt.eur(rate.iloc[0], digits=2), fmt.eur(rate.iloc[-1], digits=2)
    return dict(r0=r0, r1=r1, y0=int(rows["year"].iloc[0]), y1=int(rows["year"].iloc[-1])), r0 != r1


def funding_title(by_year: pd.DataFrame) -> str:
    """'… het tarief ging van € 2,90 naar € 3,10 per inwoner' (or 'was € 3,00 … in 2024 en in
    2026' when it is the same)."""
    rates, changed = _rates(by_year)
    return i18n.t("bij.funding_title" if changed else "bij.funding_title_same",
                  first=rates["r0"], last=rates["r1"], y0=rates["y0"], y1=rates["y1"])


def funding_summary(this: pd.Series, year: int) -> str:
    return i18n.t("bij.funding_summary", year=year, due=fmt.eur_mln(this["fund_eur"]),
                  rijk=fmt.eur_mln(this["budget_rijk_eur"]),
                  overig=fmt.eur_mln(this["budget_overig_eur"]))


def _ends(trend: pd.DataFrame) -> tuple[dict, bool]:
    t0, t1 = trend.iloc[0], trend.iloc[-1]
    first, last = fmt.eur(t0["contribution_eur"]), fmt.eur(t1["contribution_eur"])
    return dict(first=first, y0=int(t0["year"]), last=last, y1=int(t1["year"])), first != last


def municipality_trend_title(name: str, trend: pd.DataFrame) -> str:
    ends, changed = _ends(trend)
    return i18n.t("bij.mine_trend_title" if changed else "bij.mine_trend_title_same", name=name,
                  **ends)


def municipality_trend_summary(trend: pd.DataFrame) -> str:
    ends, changed = _ends(trend)
    rates, rate_changed = _rates(trend)
    amount = i18n.t("bij.mine_amount" if changed else "bij.mine_amount_same", **ends)
    rate = i18n.t("bij.mine_rate" if rate_changed else "bij.mine_rate_same", **rates)
    return i18n.t("bij.mine_trend_summary", amount=amount, rate=rate)


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
    return i18n.t("bij.whatif_summary", fund=fmt.eur_mln(whatif["whatif_fund_eur"].iloc[0]),
                  year=year,
                  norms=" / ".join(fmt.pct(n, digits=0) for n in whatif["norm_pct"]))
