"""Besluiten: every decision of the College, the ALV, the Taskforce and the VNG board, newest
first, filterable by body, years, item and goal (kept in the URL), downloadable as the table on
screen."""
import streamlit as st

from ggu import paths
from ggu.i18n import t, value
from ggu.present import downloads
from ggu.present.tables import display_frame
from ggu.store.codes import BODIES
from ggu.web import blocks, data, frames, url

blocks.frame_guard()

COLUMNS = ["decision_date", "body", "decision", "item_name", "goal_name", "reference",
           "decision_id"]

every = data.query("decisions")
items = data.query("items")
item_names = dict(zip(items["item_id"], items["name"]))
goal_names = dict(zip(items["goal_id"], items["goal_name"]))
years = sorted({int(y) for y in every["decision_year"]}) or [blocks.year()]

st.title(t("dec.title"), anchor=False)
st.markdown(t("dec.lead"))
if every.empty:
    st.info(t("dec.empty"))
    st.stop()

with st.container(border=True):
    c0, c1, c2, c3, c4 = st.columns([3, 1, 1, 2, 2])
    c0.multiselect(t("dec.f_body"), list(BODIES), key=url.state("orgaan", list(BODIES), [],
                                                               multi=True),
                   format_func=lambda b: value("body", b), placeholder=t("dec.all"),
                   select_all=False)
    c1.selectbox(t("dec.f_year_from"), years, key=url.state("besluit_van", years, years[0]))
    c2.selectbox(t("dec.f_year_to"), years, key=url.state("besluit_tot", years, years[-1]))
    c3.selectbox(t("dec.f_item"), list(item_names), index=None, placeholder=t("dec.all"),
                 key=url.state("besluit_project", list(item_names), None),
                 format_func=item_names.get)
    c4.selectbox(t("dec.f_goal"), sorted(goal_names), index=None, placeholder=t("dec.all"),
                 key=url.state("besluit_doel", sorted(goal_names), None),
                 format_func=lambda g: f"{g} {goal_names[g]}")
year_from, year_to = sorted((st.session_state["besluit_van"], st.session_state["besluit_tot"]))
url.write("orgaan", st.session_state["orgaan"])
url.write("besluit_van", st.session_state["besluit_van"], years[0])
url.write("besluit_tot", st.session_state["besluit_tot"], years[-1])
url.write("besluit_project", st.session_state["besluit_project"])
url.write("besluit_doel", st.session_state["besluit_doel"])

rows = data.query("decisions", bodies=tuple(st.session_state["orgaan"]) or None,
                  year_from=year_from, year_to=year_to,
                  item_id=st.session_state["besluit_project"],
                  goal_id=st.session_state["besluit_doel"])
st.caption(t("dec.caption", n=len(rows), total=len(every)))
if rows.empty:
    st.info(t("dec.none"))
    st.stop()
st.dataframe(display_frame(rows, COLUMNS), hide_index=True, key="decisions_table",
             height=frames.table_height(len(rows), 700),
             column_config={t("col.decision"): st.column_config.TextColumn(width="large")})
name = f"GGU-besluiten-{year_from}-{year_to}"
buttons = st.container(horizontal=True)
buttons.download_button(t("dec.download_csv"), key="decisions_csv",
                        data=downloads.to_csv(rows, COLUMNS),
                        file_name=paths.file_name(name, ext="csv"),
                        mime="text/csv", icon=":material/download:", on_click="ignore")
buttons.download_button(t("dec.download_xlsx"), key="decisions_xlsx",
                        data=downloads.to_xlsx(rows, COLUMNS, sheet=t("nav.decisions")),
                        file_name=paths.file_name(name, ext="xlsx"), icon=":material/download:",
                        on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
