"""Uitgaven: the Taskforce explores where the money goes. Filters (kept in the URL), a
drill-down treemap, spending per month and year on year, the items that stand out, and
downloads of exactly the table on screen."""
import streamlit as st

from ggu import i18n, paths
from ggu.i18n import formats as fmt
from ggu.i18n import t, value
from ggu.present import choices, downloads, narrative
from ggu.present.labels import amount_text
from ggu.present.tables import display_frame
from ggu.present.text import md, md_frame, msg
from ggu.store.codes import CATEGORIES, FUNDING_SOURCES
from ggu.web import blocks, charts, data, status, url

blocks.frame_guard()

TABLE = ["item_name", "budget_eur", "spent_eur", "difference_eur", "realised_pct", "category",
         "theme", "goal_name"]
TOP = ["item_name", "category", "budget_eur", "spent_eur", "difference_eur", "realised_pct"]

year = blocks.year()
meta = data.query("meta").iloc[0]
years = sorted(data.query("years")["year"].tolist())
prices = data.query("price_index_by_year")
options = data.query("spend_filter_options")


def choices_of(kind: str) -> dict:
    rows = options[options["kind"] == kind]
    return dict(zip(rows["option_value"], rows["option_label"]))


themes, goals, items, cost_types = (choices_of(k) for k in ("theme", "goal", "item", "cost_type"))
price_years = choices.price_years(years, prices)
default_price_year = choices.default_price_year(years, prices)
default_span = choices.year_span(years, year)

heading = st.container()

# Filters: initialised from the URL (unknown values ignored), written back after every change.
multi = {  # URL key: (label, allowed values, labels)
    "categorie": ("uit.f_category", list(CATEGORIES), {c: value("category", c)
                                                       for c in CATEGORIES}),
    "thema": ("uit.f_theme", list(themes), themes),
    "doel": ("uit.f_goal", list(goals), goals),
    "project": ("uit.f_item", list(items), items),
    "kostensoort": ("uit.f_cost_type", list(cost_types), {c: value("cost_type", c)
                                                          for c in cost_types}),
    "bron": ("uit.f_funding", list(FUNDING_SOURCES), {f: value("funding_source", f)
                                                      for f in FUNDING_SOURCES}),
}
with st.container(border=True):
    c0, c1, c2, c3 = st.columns([1, 1, 3, 2])
    c0.selectbox(t("uit.f_year_from"), years, key=url.state("van", years, default_span[0]))
    c1.selectbox(t("uit.f_year_to"), years, key=url.state("tot", years, default_span[1]))
    c2.segmented_control(t("uit.f_unit"), choices.UNITS, required=True,
                         key=url.state("eenheid", list(choices.UNITS), "eur"),
                         format_func=lambda u: t(f"unit.{u}"))
    unit = st.session_state["eenheid"]
    url.state("prijsjaar", price_years, default_price_year)
    if unit == "constant":   # only then does the price year mean something
        c3.selectbox(t("uit.f_base_year"), price_years, key="prijsjaar",
                     help=t("uit.f_base_year_help"))
    cols = st.columns(3) + st.columns(3)
    for col, (key, (label, allowed, labels)) in zip(cols, multi.items()):
        col.multiselect(t(label), allowed, key=url.state(key, allowed, [], multi=True),
                        format_func=labels.get, placeholder=t("uit.all"),
                        select_all=False)   # all = none chosen (and Streamlit's is English)
    level_slot = st.container()   # the level: its choices are the selection's nodes

year_from, year_to = sorted((st.session_state["van"], st.session_state["tot"]))
base_year = st.session_state["prijsjaar"]
url.write("van", st.session_state["van"], default_span[0])
url.write("tot", st.session_state["tot"], default_span[1])
url.write("eenheid", unit, "eur")
url.write("prijsjaar", base_year, default_price_year)
for key in multi:
    url.write(key, st.session_state[key])

params = dict(year_from=year_from, year_to=year_to, unit=unit, base_year=base_year,
              **{name: tuple(st.session_state[key]) or None for name, key in (
                  ("categories", "categorie"), ("themes", "thema"), ("goals", "doel"),
                  ("items", "project"), ("cost_types", "kostensoort"),
                  ("funding_sources", "bron"))})
levels = data.query("spend_by_level", **params)
# The level (a node of the treemap: a category, theme or item) narrows everything below the
# treemap like a filter; the treemap shows the whole selection, zoomed in on it.
nodes = choices.levels(levels, lambda c: value("category", c))
level_slot.selectbox(t("uit.f_level"), list(nodes),
                     key=url.follow("niveau", "niveau_clicked", list(nodes), choices.ALL_LEVELS),
                     format_func=lambda n: nodes[n] or t("uit.level_all"),
                     help=t("uit.f_level_help"))
level = st.session_state["niveau"]
url.write("niveau", level, choices.ALL_LEVELS)
at_level = choices.level_params(params, level, levels)
shown = data.query("spend_by_level", **at_level) if level else levels
months = data.query("spend_by_month", **at_level)
digits = choices.amount_digits(unit)

span = narrative.span(year_from, year_to)
heading.title(t("uit.title", years=span), anchor=False)
heading.markdown(t("uit.lead"))
st.caption(md(narrative.notes(unit, base_year, prices, year_from, year_to, meta["as_of_date"],
                              by_funding=bool(st.session_state["bron"]),
                              by_cost_type=bool(st.session_state["kostensoort"]))))

total = shown[shown["node_level"] == "total"]
if total.empty or not total.iloc[0]["item_count"]:
    st.info(t("uit.empty"))
    st.stop()
total = total.iloc[0]
if level:
    st.info(t("uit.level_note", path=nodes[level]), icon=":material/zoom_in:")
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("uit.kpi_budget"), amount_text(total["budget_eur"], unit), border=True)
k2.metric(t("uit.kpi_spent"), amount_text(total["spent_eur"], unit), border=True,
          delta=t("uit.kpi_difference", amount=amount_text(total["difference_eur"], unit)),
          delta_color="off", delta_arrow="off")
k3.metric(t("uit.kpi_realised"), fmt.pct(total["realised_pct"]), border=True)
k4.metric(t("uit.kpi_items"), fmt.number(total["item_count"]), border=True)

blocks.chart(charts.spend_treemap(levels, unit, level), key="tree",
             title=narrative.tree_title(levels), summary=narrative.tree_summary(levels, unit),
             table=levels[levels["node_level"].isin(["category", "theme"])],
             columns=["category", "theme", "budget_eur", "spent_eur", "realised_pct"],
             eur_digits=digits, clicked="niveau_clicked")

left, right = st.columns(2)
with left:
    marked = data.query("decisions", year_from=year_from, year_to=year_to) \
        if status.markers_toggle("uit_markers") else None
    blocks.chart(charts.with_decisions(charts.monthly_spend(months, unit), marked,
                                       charts.date_positions(marked)), key="months",
                 title=narrative.months_title(months, year_to, unit),
                 summary=narrative.months_summary(months, year_to, unit),
                 table=months, columns=["year", "month", "spent_eur", "cumulative_spent_eur",
                                        "budget_eur", "cumulative_realised_pct"],
                 eur_digits=digits, decisions=marked)
with right:
    if year_from == year_to:
        st.header(msg("uit.yoy_title_single", month=narrative.last_month_name(months, year_to)),
                  anchor=False)
        st.info(t("uit.yoy_one_year"))
    else:
        blocks.chart(charts.year_on_year(months, unit), key="yoy",
                     title=narrative.year_on_year_title(months, year_to),
                     summary=narrative.year_on_year_summary(months, year_to, unit),
                     table=months[months["is_same_months"]],
                     columns=["year", "month", "cumulative_spent_eur",
                              "prev_year_cumulative_spent_eur", "change_pct"],
                     eur_digits=digits)

st.header(t("uit.top_title"), anchor=False)
by_item = shown[shown["node_level"] == "item"]
for tab, rank in zip(st.tabs([t("uit.top_spent"), t("uit.top_over"), t("uit.top_under")]),
                     ("rank_spent", "rank_over", "rank_under")):
    top = choices.top(by_item, rank)
    if top.empty:
        tab.success(t("uit.top_none"))
    else:
        tab.table(md_frame(display_frame(top, TOP, eur_digits=digits)), hide_index=True)

st.header(t("uit.table_title"), anchor=False)
st.caption(t("uit.table_caption", n=len(by_item)))
st.dataframe(display_frame(by_item, TABLE, eur_digits=digits), hide_index=True,
             key="items_table")
name = choices.download_name(year_from, year_to, unit)
# The files are made when a button is clicked (not on every run), outside this run: in its
# language, and without rerunning the page.
lang, sheet = i18n.lang(), t("nav.spending")
buttons = st.container(horizontal=True)
buttons.download_button(t("uit.download_csv"), key="download_csv",
                        data=lambda: downloads.to_csv(by_item, TABLE, lang=lang,
                                                      decimals=4 if digits else 2),
                        file_name=paths.file_name(name, ext="csv"), mime="text/csv",
                        icon=":material/download:",
                        on_click="ignore")
buttons.download_button(t("uit.download_xlsx"), key="download_xlsx",
                        data=lambda: downloads.to_xlsx(
                            by_item, TABLE, sheet=sheet, lang=lang,
                            eur_format="#,##0.0000" if digits else None),
                        file_name=paths.file_name(name, ext="xlsx"),
                        icon=":material/download:", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument."
                             "spreadsheetml.sheet")
