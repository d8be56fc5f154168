"""The Overzicht's words: chart titles that say the message, and one-line summaries."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.labels import amounts_apart

# Text that goes with the charts: titles that say the message, and a one-line summary.


def split_title(split: pd.DataFrame, year: int, basis: str = "budget") -> str:
    """E.g. 'Begroting 2024: structureel buiten de marge van ±2,0 %-punt rond de norm'."""
    flag = "is_within_tolerance" if basis == "budget" else "is_spent_within_tolerance"
    fields: dict[str, Any] = dict(basis=i18n.t(f"basis.{basis}"), year=year,
                                  tol=fmt.pp(split["tolerance_pp"].iloc[0]).lstrip("+"))
    if all(fmt.missing(ok) for ok in split[flag]):   # no budget (or spending) in the year
        return i18n.t("split.title_none", **fields)
    outside = [i18n.value("category", c).lower()
               for c, ok in zip(split["category"], split[flag]) if not ok]
    if not outside:
        return i18n.t("split.title_ok", **fields)
    listed = ", ".join(outside[:-1]) + f" {i18n.t('word.and')} " + outside[-1] \
        if len(outside) > 1 else outside[0]
    return i18n.t("split.title_off", categories=listed, **fields)


def split_summary(split: pd.DataFrame, year: int, basis: str = "budget") -> str:
    deviation = split["deviation_pp" if basis == "budget" else "spent_deviation_pp"]
    parts = "; ".join(
        i18n.t("split.part", category=i18n.value("category", c), share=fmt.pct(s),
               norm=fmt.pct(n, digits=0), dev=fmt.pp(d))
        for c, s, n, d in zip(split["category"], split[f"{basis}_share_pct"], split["norm_pct"],
                              deviation)
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


def _first_last(totals: pd.DataFrame) -> tuple[dict, str]:
    """The budget's first and last year as the sentence shows them, and which sentence fits:
    'one' (a single year), 'same' (the same amount as shown), 'up' or 'down'."""
    first, last = totals.iloc[0], totals.iloc[-1]
    a, b, way = amounts_apart(first["budget_eur"], last["budget_eur"])
    fields = dict(first=a, y0=int(first["year"]), last=b, y1=int(last["year"]))
    if fields["y0"] == fields["y1"]:
        return fields, "one"
    return fields, {1: "up", -1: "down", 0: "same"}[way]


def trend_title(totals: pd.DataFrame) -> str:
    """E.g. 'De begroting groeide van € 52,3 mln in 2018 naar € 58,9 mln in 2026'; no change
    stated where there is none ('… was in 2026 even groot als in 2018: € 1,2 mln')."""
    fields, way = _first_last(totals)
    return i18n.t(f"trend.title_{way}", **fields)


def trend_summary(totals: pd.DataFrame) -> str:
    """The budget's first and last year, and the range of % realised over the closed years."""
    fields, way = _first_last(totals)
    change = i18n.t("trend.change" if way in ("up", "down") else f"trend.change_{way}", **fields)
    closed = totals[~totals["is_partial_year"].astype(bool)]["realised_pct"].dropna()
    if closed.empty:
        return i18n.t("trend.summary", change=change)
    return i18n.t("trend.summary_realised", change=change, low=fmt.pct(closed.min()),
                  high=fmt.pct(closed.max()))
