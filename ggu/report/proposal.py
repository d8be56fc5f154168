"""The ALV proposal of a planning scenario, built once (`build_proposal`) as a Report that the
report's renderers draw: the fund and the rate, the room per year, the split against the norm,
the proposals with their amounts and goals, and the effect per inhabitant; from the same
figures as the Planning page (ggu.plan.figures)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ggu import i18n, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.plan import Plans, Scenario, figures
from ggu.present import charts, narrative
from ggu.present.labels import listing
from ggu.present.tables import display_frame
from ggu.report.model import Chart, Report, Slide


def build_proposal(scenario: str | Scenario, data_dir=None, lang: str | None = None,
                   made: dt.date | None = None, query=None) -> Report:
    """The proposal of a scenario (basis or a saved one by name, or one as edited on the page)
    in a language."""
    with i18n.using(lang) as lang:
        q = query or (lambda n, **p: store.query(n, data_dir, **p))
        if isinstance(scenario, str):
            scenario = figures.resolve(scenario, Plans(data_dir), q)
        return _build(scenario, q, lang, made or dt.date.today())


def _build(scenario, q, lang, made) -> Report:
    meta = q("meta").iloc[0]
    base = figures.base(q)
    plan = figures.by_year(scenario, q)
    years = figures.year_rows(plan)
    lines = figures.lines(scenario, q)
    first = years.iloc[0]
    y1 = int(first["year"])
    slides = [
        Slide("title", t("plan.rp_title", year=y1),
              t("plan.rp_subtitle", name=scenario.name,
                status=t(f"plan.status.{scenario.status}")), notes=[
                  t("plan.rp_params", base_year=int(base["base_year"]),
                    rate=fmt.eur(scenario.rate_per_inhabitant_eur, digits=2),
                    indexation=fmt.pct(scenario.indexation_pct, digits=2)),
                  t("rp.snapshot", snapshot=meta["snapshot_id"]),
                  t("rp.made", date=fmt.date(made))]
              + ([t("rp.demo_note")] if meta["is_demo"] else [])),
        Slide("plan_fund", t("plan.rp_fund_title", year=y1, fund=fmt.eur_mln(first["fund_eur"]),
                             rate=fmt.eur(first["rate_per_inhabitant_eur"], digits=2)),
              t("plan.rp_fund_lead", base_rate=fmt.eur(base["rate_per_inhabitant_eur"], digits=2),
                base_year=int(base["base_year"]), fonds=fmt.eur_mln(first["fonds_budget_eur"])),
              kpis=[(fmt.eur(first["rate_per_inhabitant_eur"], digits=2), t("plan.kpi_rate")),
                    (fmt.eur_mln(first["fund_eur"]), t("plan.kpi_fund")),
                    (fmt.eur_mln(first["room_eur"]),
                     f"{t('plan.kpi_room')}: {narrative.room_word(first['room_eur'])}")]),
        _room(years),
        _split(plan, y1),
        _proposals(lines),
        _effect(q("plan_rate_by_year", scenario=scenario.sql_json(),
                  base_rate=float(base["rate_per_inhabitant_eur"])), first),
        Slide("closing", t("rp.close_title"), notes=[
            t("plan.rp_rules"),
            t("rp.close_source", source=t("rp.demo") if meta["is_demo"] else meta["data_source"],
              snapshot=meta["snapshot_id"], as_of=fmt.date(meta["as_of_date"])),
            t("rp.close_made", date=fmt.date(made))]),
        _decision(scenario, years, lines),
    ]
    figures_ = {"years": years.to_dict("records")}
    return Report(year=y1, lang=lang, snapshot=str(meta["snapshot_id"]),
                  as_of=fmt.date(meta["as_of_date"]), made=fmt.date(made),
                  is_demo=bool(meta["is_demo"]), slides=slides, figures=figures_,
                  header=t("plan.rp_header", year=y1))


def _room(years: pd.DataFrame) -> Slide:
    table = narrative.year_table(years)
    chart = Chart(fig=charts.plan_room(years), kind="column",
                  categories=[str(int(y)) for y in years["year"]],
                  series={t("plan.room"): [float(v) for v in years["room_eur"]]}, unit="eur",
                  table=table)
    return Slide("plan_room", narrative.room_title(years), narrative.room_summary(years),
                 chart=chart)


def _split(plan: pd.DataFrame, year: int) -> Slide:
    split = narrative.as_split(plan, year)
    cats = [i18n.value("category", c) for c in split["category"]]
    chart = Chart(fig=charts.split_vs_norm(split), kind="bar", categories=cats,
                  series={t("rp.split_native_share"): [float(v) for v in
                                                       split["budget_share_pct"]],
                          t("rp.split_native_norm"): [float(v) for v in split["norm_pct"]]},
                  unit="pct", table=display_frame(split, [
                      "category", "budget_eur", "budget_share_pct", "norm_pct", "deviation_pp",
                      "is_within_tolerance"]))
    return Slide("plan_split", narrative.plan_split_title(plan, year),
                 narrative.plan_split_summary(plan), chart=chart)


def _proposals(lines: pd.DataFrame) -> Slide:
    chosen = lines[(lines["line_kind"] == "voorstel") & lines["is_included"]]
    if chosen.empty:
        return Slide("plan_proposals", t("plan.rp_proposals_none"), t("plan.rp_proposals_lead"))
    wide = chosen.pivot_table(index=["line_id", "name", "goal_id", "category"], columns="year",
                              values="amount_eur", aggfunc="sum").reset_index()
    table = pd.DataFrame({
        t("plan.col_proposal"): [f"{i} {n}" for i, n in zip(wide["line_id"], wide["name"])],
        t("rp.col_goal"): wide["goal_id"],
        t("plan.col_category"): [i18n.value("category", c) for c in wide["category"]],
        **{str(int(y)): [fmt.eur_mln(v) for v in wide[y]] for y in wide.columns
           if isinstance(y, (int, float)) and not isinstance(y, bool)}})
    total = chosen.groupby("year")["amount_eur"].sum()
    return Slide("plan_proposals", t("plan.rp_proposals_title", n=len(wide),
                                     amount=fmt.eur_mln(total.iloc[0]),
                                     year=int(total.index[0])),
                 t("plan.rp_proposals_lead"), table=table)


def _effect(rates: pd.DataFrame, first: pd.Series) -> Slide:
    """The rate per year, its change against the year before, and what a municipality of
    10,000 inhabitants pays (plan_rate_by_year.sql: base year first)."""
    table = pd.DataFrame({
        t("plan.col_year"): [str(int(y)) for y in rates["year"]],
        t("plan.kpi_rate"): [fmt.eur(r, digits=2) for r in rates["rate_per_inhabitant_eur"]],
        t("plan.col_change_year"): [fmt.pct(c) if p else "–"
                                    for c, p in zip(rates["change_pct"], rates["is_plan"])],
        t("plan.col_per_10000"): [fmt.eur(v) for v in rates["per_10000_eur"]]})
    base_rate = rates.loc[~rates["is_plan"], "rate_per_inhabitant_eur"].iloc[0]
    return Slide("plan_effect", t("plan.rp_effect_title", year=int(first["year"]),
                                  rate=fmt.eur(first["rate_per_inhabitant_eur"], digits=2),
                                  base=fmt.eur(base_rate, digits=2)),
                 t("plan.rp_effect_lead"), table=table)


def _decision(scenario: Scenario, years: pd.DataFrame, lines: pd.DataFrame) -> Slide:
    """The proposed decision the ALV votes on: the rate and the fund of the first plan year,
    its budget, the proposals it includes (by id and name) and the indexation after it."""
    first = years.iloc[0]
    chosen = lines[(lines["line_kind"] == "voorstel") & lines["is_included"]] \
        .drop_duplicates("line_id").sort_values("line_id")
    proposals = listing([f"{i} {n}" for i, n in zip(chosen["line_id"], chosen["name"])])
    year, last = int(first["year"]), int(years["year"].iloc[-1])
    return Slide("plan_decision", t("plan.rp_decision_title", year=year),
                 t("plan.rp_decision_lead"), notes=[
                     t("plan.rp_decision_rate", year=year,
                       rate=fmt.eur(first["rate_per_inhabitant_eur"], digits=2),
                       fund=fmt.eur(first["fund_eur"], digits=2)),
                     t("plan.rp_decision_budget", year=year,
                       budget=fmt.eur(first["year_budget_eur"], digits=2),
                       fonds=fmt.eur(first["fonds_budget_eur"], digits=2)),
                     t("plan.rp_decision_proposals", proposals=proposals) if len(chosen)
                     else t("plan.rp_decision_no_proposals"),
                     t("plan.rp_decision_indexation", first=year + 1, last=last,
                       indexation=fmt.pct(scenario.indexation_pct, digits=2))])
