"""Portfolio: every item with its budget, spending, year-end forecast and exceptions; the
forecast per category; the detail of one item (shareable as ?project=<id>); the roadmap; and
the change against a comparison year."""
import datetime as dt
from functools import partial

import streamlit as st

from ggu.i18n import formats as fmt
from ggu.i18n import t, value
from ggu.present import choices, narrative
from ggu.present.labels import signed_pct, verdict_label
from ggu.present.tables import display_frame, status_grid, styled_frame
from ggu.present.text import md, msg
from ggu.store.codes import CATEGORIES, KINDS, STATUSES
from ggu.web import blocks, charts, data, frames, parts, status, url

blocks.frame_guard()
rules_help = msg("pf.exceptions_help",
                 rules=narrative.rules_text(data.query("exception_rules")))
year = blocks.year()
meta = data.query("meta").iloc[0]
years = data.query("years")["year"].tolist()
items = data.query("items")
names = dict(zip(items["item_id"], items["name"]))
goal_names = dict(zip(items["goal_id"], items["goal_name"]))

# The item in the URL (?project=IBD, or the old ?item=IBD) is checked against the items that
# exist; anything else is ignored with a message, never an error.
DETAIL = "project-in-detail"   # the anchor of the item detail's heading
if "project" not in st.session_state:
    wanted = url.wanted("project")
    url.state("project", list(names), None)
    st.session_state["project_refused"] = bool(wanted) and wanted not in names
    if st.session_state["project"]:   # a shared link to an item opens at its detail
        blocks.ask_go_to(DETAIL)

st.title(t("pf.title", year=year), anchor=False)
st.markdown(t("pf.lead"))
if st.session_state.pop("project_refused", False):
    st.warning(t("pf.item_unknown"), icon=":material/link_off:")

forecast = data.query("forecast_by_category", year=year)
total = forecast[forecast["is_total"]].iloc[0]
by_category = forecast[~forecast["is_total"]].reset_index(drop=True)
exceptions = data.query("exceptions_by_item", year=year)
is_running = bool(data.query("totals_by_year", year=year).iloc[0]["is_partial_year"])
if is_running:
    st.info(t("pf.partial", year=year, as_of=fmt.date(meta["as_of_date"])),
            icon=":material/event:")
spent_label = (t("kpi.spent_to_date", as_of=fmt.date(meta["as_of_date"])) if is_running
               else t("kpi.spent"))
forecast_label = t("pf.kpi_forecast") if is_running else t("pf.kpi_actual")

k1, k2, k3, k4 = st.columns(4)
k1.metric(t("kpi.budget"), fmt.eur_mln(total["budget_eur"]), border=True)
k2.metric(spent_label, fmt.eur_mln(total["spent_eur"]), border=True)
k3.metric(forecast_label, fmt.eur_mln(total["forecast_eur"]), border=True,
          delta=t("pf.kpi_forecast_delta", pct=signed_pct(total["forecast_deviation_pct"])),
          delta_color="off", delta_arrow="off", help=t("pf.forecast_help"))
k4.metric(t("pf.kpi_exceptions"), fmt.number(len(exceptions)), border=True,
          delta=md(narrative.red_among(exceptions)), delta_color="off",
          delta_arrow="off", help=rules_help)

blocks.chart(charts.forecast_vs_budget(by_category), key="forecast",
             title=narrative.forecast_title(total, year, is_running),
             summary=narrative.forecast_summary(by_category, is_running), table=forecast,
             columns=["category", "budget_eur", "spent_eur", "forecast_eur",
                      "forecast_deviation_eur", "forecast_deviation_pct"])

# -- The items ------------------------------------------------------------------------------
st.header(t("pf.items_title", year=year), anchor=False)
all_rows = data.query("portfolio_by_item", year=year)
all_rows = all_rows.assign(reason=narrative.exception_reasons(all_rows))
f1, f2, f3, f4, f5 = st.columns(5)
categories = f1.multiselect(t("col.category"), CATEGORIES, key="pf_category",
                            format_func=lambda c: value("category", c),
                            placeholder=t("pf.all"), select_all=False)
themes = f2.multiselect(t("col.theme"), frames.options(all_rows, "theme"), key="pf_theme",
                        placeholder=t("pf.all"), select_all=False)
goals = f3.multiselect(t("pf.goal"), frames.options(all_rows, "goal_id"), key="pf_goal",
                       format_func=lambda g: f"{g} {goal_names[g]}", placeholder=t("pf.all"),
                       select_all=False)
statuses = f4.multiselect(t("col.status"), STATUSES, key="pf_status",
                          format_func=lambda s: value("status", s), placeholder=t("pf.all"),
                          select_all=False)
kinds = f5.multiselect(t("col.kind"), KINDS, key="pf_kind",
                       format_func=lambda k: value("kind", k), placeholder=t("pf.all"),
                       select_all=False)
s1, s2 = st.columns([3, 2], vertical_alignment="bottom")
search = s1.text_input(t("pf.search"), key="pf_search", placeholder=t("pf.search_hint"))
only_exceptions = s2.toggle(t("pf.only_exceptions"), key="pf_exceptions", help=rules_help)
filters = dict(categories=categories or None, themes=themes or None, goals=goals or None,
               statuses=statuses or None, kinds=kinds or None, search=search.strip() or None,
               only_exceptions=only_exceptions or None)

rows = data.query("portfolio_by_item", year=year, **filters)
rows = rows.assign(reason=narrative.exception_reasons(rows))
shown_ids = rows["item_id"].tolist()


def _pick(ids: list[str]) -> None:
    """A row clicked in the table becomes the item shown in the detail below, and the page
    goes there."""
    picked = st.session_state["pf_table"].selection.rows
    if picked:
        st.session_state["project"] = ids[picked[0]]
        blocks.ask_go_to(DETAIL)


st.caption(t("pf.items_caption", n=len(rows), total=len(all_rows)))
st.dataframe(styled_frame(rows, ["name", "status", "budget_eur", "spent_eur", "realised_pct",
                                 "forecast_eur", "forecast_deviation_eur",
                                 "forecast_deviation_pct", "reason", "category", "kind",
                                 "theme", "goal_name", "owner"]),
             hide_index=True, key="pf_table", on_select=partial(_pick, shown_ids),
             selection_mode="single-row", height=frames.table_height(len(rows), 560),
             placeholder="–")

# -- Status through time --------------------------------------------------------------------
st.header(t("st.changes_title"), anchor=False)
status_changes = data.query("status_changes", year=year)
if status_changes.empty:
    st.caption(t("st.changes_none"))
else:
    st.caption(md(narrative.changes_lead(status_changes)))
    status.changes(status_changes, key="project", detail=DETAIL)
grid = data.query("status_by_item_quarter", year=year, items=tuple(shown_ids) or None)
if not grid.empty and shown_ids:
    st.header(md(narrative.status_grid_title(grid)), anchor=False)
    st.caption(md(narrative.status_grid_summary(grid)) + " " + t("st.grid_caption"))
    st.dataframe(status_grid(grid), hide_index=True, key="pf_status_grid",
                 height=frames.table_height(grid["item_id"].nunique(), 560))

# -- One item -------------------------------------------------------------------------------
st.header(t("pf.detail_title"), anchor=DETAIL)
blocks.go_to(DETAIL)
item_id = st.selectbox(t("pf.item"), list(names), key="project", index=None,
                       format_func=lambda i: narrative.item_label(i, names[i]),
                       placeholder=t("pf.pick"))
url.write("project", item_id)
if not item_id:
    st.caption(t("pf.pick_hint"))

if item_id:
    item = frames.row_of(items, "item_id", item_id)
    item_decisions = data.query("decisions", item_id=item_id)
    with st.container(border=True):
        st.markdown(f"### {md(item['name'])}")
        st.markdown(md(narrative.item_facts(item)))
        status.explanation(item["status_reason"])
        st.markdown(msg("pf.item_goal", goal=f"{item['goal_id']} {item['goal_name']}"))
        h1, h2 = st.columns(2)
        with h1:
            status.history(data.query("item_status_history", item_id=item_id,
                                      only_changes=True))
        with h2:
            status.decisions(item_decisions, t("st.decisions_title"), t("st.decisions_none"))
        in_year = frames.rows_of(all_rows, "item_id", item_id)
        if in_year.empty:
            st.info(t("pf.item_not_in_year", year=year))
        else:
            r = in_year.iloc[0]
            if r["is_exception"]:
                st.error(msg("pf.item_exception", reason=r["reason"]), icon=":material/flag:")
            d1, d2, d3, d4 = st.columns(4)
            d1.metric(t("kpi.budget"), fmt.eur(r["budget_eur"]))
            d2.metric(spent_label, fmt.eur(r["spent_eur"]), help=t("kpi.realised_help"),
                      delta=fmt.pct(r["realised_pct"]), delta_color="off", delta_arrow="off")
            d3.metric(forecast_label, fmt.eur(r["forecast_eur"]),
                      help=t(f"method.{r['forecast_method']}"))
            d4.metric(t("col.forecast_deviation_eur"), fmt.eur(r["forecast_deviation_eur"]),
                      delta=signed_pct(r["forecast_deviation_pct"]), delta_color="off",
                      delta_arrow="off")
            burn = data.query("burnup_by_month", year=year, item_id=item_id)
            marked = data.query("decisions", item_id=item_id, year_from=year, year_to=year) \
                if status.markers_toggle("pf_markers") else None
            blocks.chart(charts.with_decisions(charts.burnup(burn), marked,
                                               charts.month_positions(marked, burn)),
                         key="burnup", level=3,
                         title=narrative.burnup_title(r, year, is_running),
                         summary=narrative.burnup_summary(burn, r, is_running),
                         table=burn, columns=["month_end_date", "budget_eur", "spent_cum_eur",
                                              "forecast_cum_eur"], decisions=marked)
        history = data.query("budget_spent_forecast_by_year", item_id=item_id)
        if not history.empty:
            short = t("trend.partial", as_of=fmt.date(meta["as_of_date"], short=True))
            blocks.chart(charts.item_history(history, short), key="item_years", level=3,
                         title=narrative.trend_title(history),
                         summary=narrative.trend_summary(history),
                         table=history, columns=["year", "budget_eur", "spent_eur",
                                                 "realised_pct", "forecast_eur"])
        st.markdown(f"**{msg('pf.indicators_title', goal=item['goal_id'])}**")
        indicators = data.query("indicator_progress", goal_id=item["goal_id"])
        st.dataframe(display_frame(
            indicators.assign(verdict=[verdict_label(v) for v in indicators["verdict"]]),
            ["name", "verdict", "latest_value", "target_value", "last_measured_date"]),
            hide_index=True)
        tx = data.query("transactions_by_item", item_id=item_id, year=year)
        with st.expander(t("pf.transactions", n=len(tx), year=year)):
            st.dataframe(styled_frame(tx, ["booking_date", "amount_eur", "cost_type",
                                           "description"]), hide_index=True, placeholder="–")

# -- Roadmap --------------------------------------------------------------------------------
@parts.fragment   # the grouping reruns only the roadmap
def roadmap_block():
    group = st.segmented_control(t("pf.group_by"), ["category", "theme"], default="category",
                                 key="pf_group", required=True,
                                 format_func=lambda g: t(f"col.{g}"))
    if not rows.empty:
        blocks.chart(charts.roadmap(rows, group, dt.date.today(), year), key="roadmap",
                     title=narrative.roadmap_title(rows, year),
                     summary=narrative.roadmap_summary(rows, year), table=rows,
                     columns=["name", "status", "start_year", "end_year", "phase", group])


roadmap_block()

# -- Compare years --------------------------------------------------------------------------
st.header(t("pf.compare_title"), anchor=False)
others, first = choices.comparison_years(years, year)
if not others:   # one year of data: nothing to compare with
    st.info(t("pf.compare_none", year=year), icon=":material/info:")
else:
    compare = st.selectbox(t("pf.compare_year"), others, key="vergelijk",
                           bind="query-params", index=first)
    changes = data.query("portfolio_by_item", year=year, compare_year=compare, **filters)
    st.caption(t("pf.compare_caption", year=year, compare=compare))
    st.dataframe(styled_frame(changes, ["name", "status", "compare_budget_eur", "budget_eur",
                                        "budget_change_pct", "compare_forecast_eur",
                                        "forecast_eur", "forecast_change_pct"],
                              headers={"compare_budget_eur": t("pf.col_budget_in", year=compare),
                                       "budget_eur": t("pf.col_budget_in", year=year),
                                       "compare_forecast_eur": t("pf.col_spent_in",
                                                                 year=compare),
                                       "forecast_eur": t("pf.col_spent_in", year=year)}),
                 hide_index=True, placeholder="–")
