"""Strategische doelen: per goal the money allocated to it (share of the fund), its indicators
against baseline and target with a verdict, the trend of the measurements, the items that serve
it, and the change against a comparison year."""
import streamlit as st

from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import choices, narrative
from ggu.present.labels import verdict_label
from ggu.present.tables import styled_frame
from ggu.present.text import md
from ggu.web import blocks, charts, data, frames

blocks.frame_guard()
year = blocks.year()
years = data.query("years")["year"].tolist()

st.title(t("dl.title", year=year), anchor=False)
st.markdown(t("dl.lead"))

others, first = choices.comparison_years(years, year)
compare = st.selectbox(t("pf.compare_year"), others, key="vergelijk", bind="query-params",
                       index=first) if others else None   # one year of data: nothing to compare
goals = data.query("goal_allocation_by_year", year=year, compare_year=compare)
indicators = data.query("indicator_progress")
measurements = data.query("indicator_measurements")
items = data.query("portfolio_by_item", year=year, compare_year=compare)

st.markdown(md(narrative.goals_verdict_summary(goals, indicators)))

blocks.chart(charts.goal_allocation(goals, year, compare), key="goal_allocation",
             title=narrative.goal_allocation_title(goals, year),
             summary=narrative.goal_allocation_summary(goals, year, compare), table=goals,
             columns=["goal_id", "name", "budget_eur", "budget_share_pct", "spent_eur",
                      "spent_share_pct", "forecast_eur", "compare_budget_eur",
                      "budget_change_pct", "compare_forecast_eur", "forecast_change_pct"])

for goal in goals.itertuples(index=False):
    goal_indicators = frames.rows_of(indicators, "goal_id", goal.goal_id).reset_index(drop=True)
    with st.container(border=True):
        verdict = goal_indicators["goal_verdict"].iloc[0] if len(goal_indicators) else None
        st.header(md(f"{goal.goal_id} · {goal.name}"), anchor=False)
        st.markdown(md(narrative.goal_line(verdict, goal.description)))
        if len(goal_indicators) and goal_indicators["is_goal_stale"].iloc[0]:
            last = frames.latest(goal_indicators, "last_measured_date")
            st.warning(t("dl.stale", last=fmt.date(last)),
                       icon=":material/schedule:")
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(t("kpi.budget"), fmt.eur_mln(goal.budget_eur), border=True,
                  delta=t("dl.share", pct=fmt.pct(goal.budget_share_pct)), delta_color="off",
                  delta_arrow="off")
        m2.metric(t("dl.spent"), fmt.eur_mln(goal.spent_eur), border=True,
                  delta=t("dl.realised", pct=fmt.pct(goal.realised_pct)), delta_color="off",
                  delta_arrow="off")
        if compare is None:   # one year of data
            m3.metric(t("dl.budget_change_none"), "–", border=True,
                      delta=t("dl.no_other_year"), delta_color="off", delta_arrow="off")
        else:
            m3.metric(t("dl.budget_change", compare=compare), fmt.pct(goal.budget_change_pct),
                      border=True, delta=t("dl.was", amount=fmt.eur_mln(goal.compare_budget_eur)),
                      delta_color="off", delta_arrow="off")
        m4.metric(t("dl.items"), fmt.number(goal.item_count), border=True,
                  delta=t("pf.kpi_red", n=goal.red_item_count), delta_color="off",
                  delta_arrow="off")
        if len(goal_indicators):
            blocks.chart(data.cached_figure("indicator_bullets", "indicator_progress",
                                            "goal_id", goal.goal_id),
                         key=f"bullets_{goal.goal_id}", level=3,
                         title=narrative.indicator_title(goal_indicators),
                         summary=narrative.indicator_summary(goal_indicators),
                         table=goal_indicators.assign(
                             verdict=[verdict_label(v) for v in goal_indicators["verdict"]]),
                         columns=["name", "unit", "baseline_value", "baseline_year",
                                  "target_value", "target_year", "latest_value",
                                  "last_measured_date", "progress_pct", "expected_pct",
                                  "verdict"])
            trend = frames.rows_of(measurements, "goal_id", goal.goal_id)
            blocks.chart(data.cached_figure("indicator_trend", "indicator_measurements",
                                            "goal_id", goal.goal_id),
                         key=f"trend_{goal.goal_id}", level=3,
                         title=narrative.trend_measurements_title(trend),
                         summary=narrative.trend_measurements_summary(trend),
                         table=trend, columns=["name", "measured_date", "value", "progress_pct"])
        served = frames.rows_of(items, "goal_id", goal.goal_id)
        with st.expander(t("dl.items_title", n=len(served), year=year)):
            st.dataframe(styled_frame(
                served.assign(reason=narrative.exception_reasons(served)),
                ["name", "status", "budget_eur", "forecast_eur", "budget_change_pct",
                 "reason"]), hide_index=True, placeholder="–")
