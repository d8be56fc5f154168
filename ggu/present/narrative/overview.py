"""The Overzicht's words: chart titles that say the message, and one-line summaries."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt

# Text that goes with the charts: titles that say the message, and a one-line summary.


def split_title(split: pd.DataFrame, year: int, basis: str = "budget") -> str:
    """E.g. 'Begroting 2024: structureel buiten de marge van ±2,0 %-punt rond de norm'."""
    flag = "is_within_tolerance" if basis == "budget" else "is_spent_within_tolerance"
    fields = dict(basis=i18n.t(f"basis.{basis}"), year=year,
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
