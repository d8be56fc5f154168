"""The Planning page's and the ALV proposal's words. `years` are one row per plan year
(ggu.plan.figures.years), `plan` rows of plan_by_year.sql, `compare` rows of
ggu.plan.figures.compare, `effect` rows of plan_contribution_by_year.sql."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.present.narrative.overview import split_title


def room_word(room) -> str:
    """'✖ tekort' for a shortfall, '✔ ruimte' otherwise (icon and word, never colour alone)."""
    return i18n.t("plan.shortfall_word" if float(room) < 0 else "plan.room_word")


def years_title(years: pd.DataFrame, realised: pd.DataFrame) -> str:
    """`realised`: rows of plan_realised_by_year.sql (its last year is the base year)."""
    first = years.iloc[0]
    base = realised.loc[realised["year"] == realised["year"].max(), "budget_eur"].sum()
    return i18n.t("plan.years_title", year=int(first["year"]),
                  budget=fmt.eur_mln(first["year_budget_eur"]), base=fmt.eur_mln(base))


def years_summary(years: pd.DataFrame) -> str:
    first, last = years.iloc[0], years.iloc[-1]
    return i18n.t("plan.years_summary", y0=int(first["year"]), y1=int(last["year"]),
                  b0=fmt.eur_mln(first["year_budget_eur"]),
                  b1=fmt.eur_mln(last["year_budget_eur"]),
                  f0=fmt.eur_mln(first["fund_eur"]), f1=fmt.eur_mln(last["fund_eur"]))


def room_title(years: pd.DataFrame) -> str:
    short = years[years["room_eur"] < 0]
    if short.empty:
        return i18n.t("plan.room_title_ok", low=fmt.eur_mln(years["room_eur"].min()),
                      high=fmt.eur_mln(years["room_eur"].max()))
    return i18n.t("plan.room_title_short", years=", ".join(str(int(y)) for y in short["year"]),
                  worst=fmt.eur_mln(-short["room_eur"].min()))


def room_summary(years: pd.DataFrame) -> str:
    return "; ".join(i18n.t("plan.room_summary_year", year=int(r.year),
                            fund=fmt.eur_mln(r.fund_eur), fonds=fmt.eur_mln(r.fonds_budget_eur),
                            room=fmt.eur_mln(r.room_eur), word=room_word(r.room_eur))
                     for r in years.itertuples(index=False)) + "."


def _money(plan: pd.DataFrame):
    """Amounts in millions, or in euros when the plan is smaller than a million (tiny data)."""
    return fmt.eur_mln if plan["norm_eur"].abs().max() >= 1e6 else fmt.eur


def _gap_words(gap, money) -> str:
    """'nog € 17,4 mln' (the norm asks more), '€ 2,8 mln meer' (more than it asks), 'precies'."""
    gap = float(gap)
    if money(abs(gap)) == money(0):
        return i18n.t("plan.norm_met")
    return i18n.t("plan.norm_short" if gap > 0 else "plan.norm_over", amount=money(abs(gap)))


def norm_sentence(plan: pd.DataFrame, year: int) -> str:
    """One plan year in words: per category what the scenario plans of what the 50/20/30 norm
    asks in euros (norm_eur of plan_by_year.sql) and how far that is, and the room."""
    money, rows = _money(plan), plan[plan["year"] == year]
    parts = [i18n.t("plan.norm_part", category=i18n.value("category", r.category).lower(),
                    budget=money(r.budget_eur), norm=money(r.norm_eur),
                    gap=_gap_words(r.norm_gap_eur, money))
             for r in rows.itertuples(index=False)]
    return i18n.t("plan.norm_year", year=int(year), parts="; ".join(parts),
                  room=money(rows["room_eur"].iloc[0]))


def norm_table(plan: pd.DataFrame) -> pd.DataFrame:
    """Every plan year as text: per category 'planned of asked (how far)', and the room."""
    money = _money(plan)
    out = {i18n.t("plan.col_year"): [str(int(y)) for y in plan["year"].unique()]}
    for category, rows in plan.groupby("category", sort=False):
        head = i18n.t("plan.norm_column", category=i18n.value("category", category),
                      norm=fmt.pct(rows["norm_pct"].iloc[0], digits=0))
        out[head] = [i18n.t("plan.norm_cell", budget=money(r.budget_eur),
                            norm=money(r.norm_eur), gap=_gap_words(r.norm_gap_eur, money))
                     for r in rows.itertuples(index=False)]
    out[i18n.t("plan.kpi_room")] = [f"{room_word(v)} {money(v)}"
                                    for v in plan.drop_duplicates("year")["room_eur"]]
    return pd.DataFrame(out)


def as_split(plan: pd.DataFrame, year: int) -> pd.DataFrame:
    """One plan year's rows (plan_by_year.sql returns the category columns in the shape of
    split_by_category_by_year.sql: the split chart and its title read either)."""
    return plan[plan["year"] == year].reset_index(drop=True)


def plan_split_title(plan: pd.DataFrame, year: int) -> str:
    return split_title(as_split(plan, year), year)


def plan_split_summary(plan: pd.DataFrame) -> str:
    parts = []
    for year, rows in plan.groupby("year", sort=True):
        if all(fmt.missing(ok) for ok in rows["is_within_tolerance"]):   # a budget of nothing
            parts.append(f"{int(year)}: " + i18n.t("plan.split_none"))
            continue
        off = [i18n.value("category", c).lower()
               for c, ok in zip(rows["category"], rows["is_within_tolerance"]) if not ok]
        parts.append(f"{int(year)}: " + (i18n.t("plan.split_all_ok") if not off else
                                        i18n.t("plan.split_off", categories=", ".join(off))))
    return "; ".join(parts) + "."


def compare_title(compare: pd.DataFrame) -> str:
    first_year = int(compare["year"].min())
    rows = compare[compare["year"] == first_year]
    best = rows.loc[rows["room_eur"].idxmax()]
    return i18n.t("plan.compare_title", year=first_year, name=best["scenario"],
                  room=fmt.eur_mln(best["room_eur"]))


def effect_title(name: str, effect: pd.DataFrame) -> str:
    base, first = effect.iloc[0], effect[effect["is_plan"]].iloc[0]
    return i18n.t("plan.effect_title", name=name, year=int(first["year"]),
                  amount=fmt.eur(first["contribution_eur"]), base_year=int(base["year"]),
                  change=signed_eur(first["change_eur"]))


def signed_eur(x) -> str:
    """`+ € 12` / `− € 12` (a change; `€ 0` without a sign)."""
    return _signed(x, fmt.eur)


def year_table(years: pd.DataFrame) -> pd.DataFrame:
    """The plan years as text: rate, fund, budget, budget from the fund, room with its word."""
    return pd.DataFrame({
        i18n.t("plan.col_year"): [str(int(y)) for y in years["year"]],
        i18n.t("plan.kpi_rate"): [fmt.eur(r, digits=4) for r in years["rate_per_inhabitant_eur"]],
        i18n.t("plan.kpi_fund"): [fmt.eur(v) for v in years["fund_eur"]],
        i18n.t("plan.kpi_budget"): [fmt.eur(v) for v in years["year_budget_eur"]],
        i18n.t("plan.kpi_fonds_budget"): [fmt.eur(v) for v in years["fonds_budget_eur"]],
        i18n.t("plan.kpi_room"): [f"{room_word(v)} {fmt.eur(v)}" for v in years["room_eur"]]})


def effect_table(effect: pd.DataFrame) -> pd.DataFrame:
    """One municipality's contribution per year (plan_contribution_by_year.sql) as text."""
    return pd.DataFrame({
        i18n.t("plan.col_year"): [f"{int(y)}" + ("" if p else f" ({i18n.t('plan.base')})")
                                  for y, p in zip(effect["year"], effect["is_plan"])],
        i18n.t("plan.kpi_rate"): [fmt.eur(r, digits=4) for r in effect["rate_per_inhabitant_eur"]],
        i18n.t("col.contribution_eur"): [fmt.eur(v, digits=2) for v in effect["contribution_eur"]],
        i18n.t("plan.col_change"): ["–" if not p else f"{signed_eur(c)} ({fmt.pct(pc)})"
                                    for p, c, pc in zip(effect["is_plan"], effect["change_eur"],
                                                        effect["change_pct"])]})


def compare_table(compare: pd.DataFrame) -> pd.DataFrame:
    """The comparison of scenarios (ggu.plan.figures.compare) as text, by year then scenario."""
    rows = compare.sort_values(["year"], kind="stable")
    return pd.DataFrame({
        i18n.t("plan.col_year"): [str(int(y)) for y in rows["year"]],
        i18n.t("plan.col_scenario"): rows["scenario"],
        i18n.t("plan.kpi_fund"): [fmt.eur_mln(v) for v in rows["fund_eur"]],
        i18n.t("plan.kpi_fonds_budget"): [fmt.eur_mln(v) for v in rows["fonds_budget_eur"]],
        i18n.t("plan.kpi_room"): [f"{room_word(v)} {fmt.eur_mln(v)}" for v in rows["room_eur"]],
        i18n.t("plan.col_room_diff"): [signed_mln(v) for v in rows["room_diff_eur"]]})


def signed_mln(x) -> str:
    """`+ € 1,2 mln` / `− € 1,2 mln` (a difference; `€ 0,0 mln` without a sign)."""
    return _signed(x, fmt.eur_mln)


def _signed(x, formatter) -> str:
    text = formatter(abs(float(x)))
    if text == formatter(0):   # rounds to zero: no "− € 0,0 mln"
        return text
    return ("− " if float(x) < 0 else "+ ") + text
