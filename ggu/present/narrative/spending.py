"""The Uitgaven page's words: what the figures are (unit, price year, assumptions), and the
titles and summaries of its charts. `levels` are rows of spend_by_level.sql, `months` of
spend_by_month.sql, both for the selection on screen."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.labels import amount_text


def span(year_from: int, year_to: int) -> str:
    """'2024' or '2022–2024'."""
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def notes(unit: str, base_year: int, prices: pd.DataFrame, year_from: int, year_to: int,
          as_of, by_funding: bool, by_cost_type: bool) -> str:
    """What the amounts are: the unit, an assumed CPI, the attribution to funding sources, the
    budget without cost type, a running year."""
    parts = [i18n.t(f"uit.note_{unit}", base=base_year)]
    assumed = prices[prices["is_assumed"]
                     & prices["year"].between(year_from, max(year_to, base_year))]
    if unit == "constant" and not assumed.empty:
        parts.append(i18n.t("uit.note_cpi_assumed",
                            years=", ".join(str(y) for y in assumed["year"]),
                            change=fmt.pct(assumed["used_change_pct"].iloc[0])))
    if by_funding:
        parts.append(i18n.t("uit.note_funding"))
    if by_cost_type:
        parts.append(i18n.t("uit.note_cost_type"))
    if year_from <= as_of.year <= year_to:
        parts.append(i18n.t("uit.note_partial", year=as_of.year, as_of=fmt.date(as_of)))
    return " ".join(parts)


def _top_theme(levels: pd.DataFrame) -> pd.Series:
    return levels[levels["node_level"] == "theme"].sort_values("spent_eur").iloc[-1]


def tree_title(levels: pd.DataFrame) -> str:
    top = _top_theme(levels)
    return i18n.t("uit.tree_title", theme=top["theme"],
                  category=i18n.value("category", top["category"]).lower())


def tree_summary(levels: pd.DataFrame, unit: str) -> str:
    top = _top_theme(levels)
    return i18n.t("uit.tree_summary", theme=top["theme"],
                  spent=amount_text(top["spent_eur"], unit), pct=fmt.pct(top["realised_pct"]))


def _last(months: pd.DataFrame, year_to: int) -> pd.Series:
    """The last month shown of the last year."""
    return months[months["year"] == year_to].iloc[-1]


def last_month_name(months: pd.DataFrame, year_to: int) -> str:
    """'oktober': the last month shown of the last year."""
    return fmt.month(int(_last(months, year_to)["month"]), short=False)


def months_title(months: pd.DataFrame, year_to: int, unit: str) -> str:
    last = _last(months, year_to)
    return i18n.t("uit.month_title", spent=amount_text(last["cumulative_spent_eur"], unit),
                  year=year_to, pct=fmt.pct(last["cumulative_realised_pct"]))


def months_summary(months: pd.DataFrame, year_to: int, unit: str) -> str:
    last = _last(months, year_to)
    return i18n.t("uit.month_summary", year=year_to, month=last_month_name(months, year_to),
                  spent=amount_text(last["cumulative_spent_eur"], unit),
                  budget=amount_text(last["budget_eur"], unit))


def year_on_year_title(months: pd.DataFrame, year_to: int) -> str:
    change = _last(months, year_to)["change_pct"]
    fields: dict[str, Any] = dict(month=last_month_name(months, year_to), year=year_to,
                                  prev=year_to - 1)
    if fmt.pct(abs(change)) == fmt.pct(0):   # rounds to 0,0%: as much, not "0,0% meer"
        return i18n.t("uit.yoy_title_even", **fields)
    word = i18n.t("word.more" if change > 0 else "word.less")
    return i18n.t("uit.yoy_title", change=f"{fmt.pct(abs(change))} {word}", **fields)


def year_on_year_summary(months: pd.DataFrame, year_to: int, unit: str) -> str:
    last = _last(months, year_to)
    return i18n.t("uit.yoy_summary", year=year_to, prev=year_to - 1,
                  spent=amount_text(last["cumulative_spent_eur"], unit),
                  prev_spent=amount_text(last["prev_year_cumulative_spent_eur"], unit))
