"""The Strategische doelen page's words: which goals are behind, the budget per goal, the
indicators and their trend."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.labels import listing, signed_pct, verdict_label
from ggu.present.text import Markdown, md, msg
from ggu.store import codes


def goals_by_verdict(goals: pd.DataFrame, indicators: pd.DataFrame) -> list[tuple[str, list]]:
    """The goals grouped by their verdict (the worst of their indicators, goal_verdict of
    indicator_progress.sql), worst first: [(verdict, [goal rows…]), …], empty groups left out.
    The one grouping the Strategische doelen page and the ALV report both show."""
    verdict = indicators.drop_duplicates("goal_id").set_index("goal_id")["goal_verdict"]
    groups = []
    for v in reversed(codes.VERDICTS):
        rows = [g for g in goals.itertuples(index=False) if verdict.get(g.goal_id) == v]
        if rows:
            groups.append((v, rows))
    return groups


def goals_verdict_summary(goals: pd.DataFrame, indicators: pd.DataFrame) -> Markdown:
    """Which goals are behind, need attention or are on course (the worst indicator counts), as
    a Markdown list (the goals' ids and names escaped)."""
    lines = [f"- **{verdict_label(v)}**: "
             f"{md(listing([f'{g.goal_id} {g.name}' for g in rows]))}"
             for v, rows in goals_by_verdict(goals, indicators)]
    stale = sorted(indicators.loc[indicators["is_goal_stale"], "goal_id"].unique())
    if stale:
        lines.append(f"- {msg('dl.stale_list', goals=listing(list(stale)))}")
    return Markdown(i18n.t("dl.verdicts") + "\n\n" + "\n".join(lines))


def goal_allocation_title(goals: pd.DataFrame, year: int) -> str:
    top = goals.sort_values("budget_share_pct", ascending=False).iloc[0]
    return i18n.t("dl.alloc_title", year=year, goal=f"{top['goal_id']} {top['name']}",
                  pct=fmt.pct(top["budget_share_pct"]))


def goal_line(verdict, description) -> Markdown:
    """'**✔ Op koers** · its description', without the description when there is none."""
    label = f"**{verdict_label(verdict)}**"
    return Markdown(label if fmt.missing(description) else f"{label} · {md(description)}")


def goal_allocation_summary(goals: pd.DataFrame, year: int, compare: int | None) -> str:
    if compare is None:   # one year of data
        parts = "; ".join(i18n.t("dl.alloc_part_single", goal=g, budget=fmt.eur_mln(b),
                                 pct=fmt.pct(s))
                          for g, b, s in zip(goals["goal_id"], goals["budget_eur"],
                                             goals["budget_share_pct"]))
        return i18n.t("dl.alloc_summary_single", year=year, parts=parts)
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
    return i18n.t("dl.ind_title", n=len(indicators), parts=listing(parts))


def indicator_summary(indicators: pd.DataFrame) -> str:
    parts = "; ".join(
        i18n.t("dl.ind_part", name=n, value=fmt.measurement(v), unit=u, target=fmt.measurement(t),
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
