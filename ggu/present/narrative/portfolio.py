"""The Portfolio page's words: the forecast, an item's burn-up and the roadmap."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.text import Markdown, msg


def _side(deviation) -> str:
    return i18n.t("fc.over" if deviation > 0 else "fc.under")


def _even(deviation_pct) -> bool:
    """A deviation that rounds to 0,0%: the forecast is the budget, as the page shows it."""
    return fmt.pct(abs(deviation_pct)) == fmt.pct(0)


def forecast_title(total: pd.Series, year: int, partial: bool) -> str:
    """'Prognose 2026: € 57,6 mln, € 1,3 mln (2,2%) onder de begroting' (or 'gelijk aan de
    begroting' for a deviation that rounds to 0,0%)."""
    key = "fc.title" if partial else "fc.title_closed"
    if _even(total["forecast_deviation_pct"]):
        return i18n.t(f"{key}_even", year=year, forecast=fmt.eur_mln(total["forecast_eur"]))
    return i18n.t(key, year=year, forecast=fmt.eur_mln(total["forecast_eur"]),
                  dev=fmt.eur_mln(abs(total["forecast_deviation_eur"])),
                  pct=fmt.pct(abs(total["forecast_deviation_pct"])),
                  side=_side(total["forecast_deviation_eur"]))


def forecast_summary(by_category: pd.DataFrame, partial: bool) -> str:
    parts = "; ".join(
        i18n.t("fc.part_even" if _even(d) else "fc.part",
               category=i18n.value("category", c), forecast=fmt.eur_mln(f),
               budget=fmt.eur_mln(b), pct=fmt.pct(abs(d)), side=_side(d))
        for c, f, b, d in zip(by_category["category"], by_category["forecast_eur"],
                              by_category["budget_eur"], by_category["forecast_deviation_pct"]))
    return i18n.t("fc.summary" if partial else "fc.summary_closed", parts=parts)


def burnup_title(item: pd.Series, year: int, partial: bool) -> str:
    """E.g. 'IBD 2026: € 2.100.000 besteed, prognose € 2.600.000 bij een begroting van …'."""
    return i18n.t("pf.burnup_title" if partial else "pf.burnup_title_closed", year=year,
                  spent=fmt.eur(item["spent_eur"]), forecast=fmt.eur(item["forecast_eur"]),
                  budget=fmt.eur(item["budget_eur"]))


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
    """Items without an end year, ending this year, and overdue (is_overdue of
    portfolio_by_item.sql: the same definition as the points of attention)."""
    return dict(n=len(rows), open=int(rows["end_year"].isna().sum()),
                ending=int((rows["end_year"] == year).sum()),
                overdue=int(rows["is_overdue"].fillna(False).astype(bool).sum()), year=year)


def roadmap_title(rows: pd.DataFrame, year: int) -> str:
    """E.g. 'Roadmap 2026: 3 projecten eindigen dit jaar, 2 hadden al klaar moeten zijn'."""
    return i18n.t("roadmap.title", **_roadmap_counts(rows, year))


def roadmap_summary(rows: pd.DataFrame, year: int) -> str:
    return i18n.t("roadmap.summary", **_roadmap_counts(rows, year))


def item_facts(item: pd.Series) -> Markdown:
    """One line about an item (a row of items.sql): status, kind, category, phase, theme, owner
    and its years, as Markdown (its texts escaped)."""
    return msg("pf.item_facts", status=i18n.value("status", item["status"]),
                  kind=i18n.value("kind", item["kind"]),
                  category=i18n.value("category", item["category"]),
                  phase=i18n.value("phase", item["phase"]), theme=item["theme"],
                  owner=item["owner"], start=item["start_year"],
                  end=i18n.t("pf.open_end") if item["is_open_ended"] else item["end_year"])


def item_label(item_id: str, name: str) -> str:
    """How the item picker shows an item: its name, with the id when the name lacks it."""
    return name if item_id in name else f"{name} ({item_id})"


def red_among(exceptions: pd.DataFrame) -> str:
    """'waarvan 3 rood': the red items among the points of attention (exceptions_by_item.sql)."""
    return i18n.t("pf.kpi_red", n=int(exceptions["is_red"].sum()))
