"""Uitgaven: the Taskforce explores where the money goes. Filters (kept in the URL), a
drill-down treemap, spending per month and year on year, the items that stand out, and
downloads of exactly the table on screen."""
import streamlit as st

from ggu import charts, db, downloads, ui
from ggu import formatting as fmt
from ggu import i18n
from ggu.config import CATEGORIES, FUNDING_SOURCES
from ggu.i18n import t

ui.frame_guard()

UNITS = ("eur", "per_inhabitant", "constant")
TABLE = ["item_name", "budget_eur", "spent_eur", "difference_eur", "realised_pct", "category",
         "theme", "goal_name"]
TOP = ["item_name", "category", "budget_eur", "spent_eur", "difference_eur", "realised_pct"]

year = ui.year()
meta = db.query("meta").iloc[0]
years = sorted(db.query("years")["year"].tolist())
prices = db.query("price_index_by_year")
options = db.query("spend_filter_options")


def choices(kind: str) -> dict:
    rows = options[options["kind"] == kind]
    return dict(zip(rows["option_value"], rows["option_label"]))


themes, goals, items, cost_types = (choices(k) for k in ("theme", "goal", "item", "cost_type"))
known_prices = prices[~prices["is_assumed"]]["year"].tolist()
base_years = [y for y in years if y in prices["year"].tolist()]
default_base = max([y for y in base_years if y in known_prices] or base_years)
default_range = (max(years[0], year - 2), year)

heading = st.container()

# Filters: initialised from the URL (unknown values ignored), written back after every change.
multi = {  # URL key: (label, allowed values, labels)
    "categorie": ("uit.f_category", list(CATEGORIES), {c: i18n.value("category", c)
                                                       for c in CATEGORIES}),
    "thema": ("uit.f_theme", list(themes), themes),
    "doel": ("uit.f_goal", list(goals), goals),
    "project": ("uit.f_item", list(items), items),
    "kostensoort": ("uit.f_cost_type", list(cost_types), {c: i18n.value("cost_type", c)
                                                          for c in cost_types}),
    "bron": ("uit.f_funding", list(FUNDING_SOURCES), {f: i18n.value("funding_source", f)
                                                      for f in FUNDING_SOURCES}),
}
with st.container(border=True):
    c0, c1, c2, c3 = st.columns([1, 1, 3, 2])
    c0.selectbox(t("uit.f_year_from"), years, key=ui.url_state("van", years, default_range[0]))
    c1.selectbox(t("uit.f_year_to"), years, key=ui.url_state("tot", years, default_range[1]))
    c2.segmented_control(t("uit.f_unit"), UNITS, required=True,
                         key=ui.url_state("eenheid", list(UNITS), "eur"),
                         format_func=lambda u: t(f"unit.{u}"))
    unit = st.session_state["eenheid"]
    ui.url_state("prijsjaar", base_years, default_base)
    if unit == "constant":   # only then does the price year mean something
        c3.selectbox(t("uit.f_base_year"), base_years, key="prijsjaar",
                     help=t("uit.f_base_year_help"))
    cols = st.columns(3) + st.columns(3)
    for col, (key, (label, allowed, labels)) in zip(cols, multi.items()):
        col.multiselect(t(label), allowed, key=ui.url_state(key, allowed, [], multi=True),
                        format_func=labels.get, placeholder=t("uit.all"))

year_from, year_to = sorted((st.session_state["van"], st.session_state["tot"]))
base_year = st.session_state["prijsjaar"]
ui.url_write("van", st.session_state["van"], default_range[0])
ui.url_write("tot", st.session_state["tot"], default_range[1])
ui.url_write("eenheid", unit, "eur")
ui.url_write("prijsjaar", base_year, default_base)
for key in multi:
    ui.url_write(key, st.session_state[key])

params = dict(year_from=year_from, year_to=year_to, unit=unit, base_year=base_year,
              **{name: tuple(st.session_state[key]) or None for name, key in (
                  ("categories", "categorie"), ("themes", "thema"), ("goals", "doel"),
                  ("items", "project"), ("cost_types", "kostensoort"),
                  ("funding_sources", "bron"))})
levels = db.query("spend_by_level", **params)
months = db.query("spend_by_month", **params)
digits = 2 if unit == "per_inhabitant" else 0

span = str(year_from) if year_from == year_to else f"{year_from}–{year_to}"
heading.title(t("uit.title", years=span), anchor=False)
heading.markdown(t("uit.lead"))

notes = [t(f"uit.note_{unit}", base=base_year)]
assumed = prices[prices["is_assumed"] & prices["year"].between(year_from, max(year_to, base_year))]
if unit == "constant" and not assumed.empty:
    notes.append(t("uit.note_cpi_assumed", years=", ".join(str(y) for y in assumed["year"]),
                   change=fmt.pct(assumed["used_change_pct"].iloc[0])))
if st.session_state["bron"]:
    notes.append(t("uit.note_funding"))
if st.session_state["kostensoort"]:
    notes.append(t("uit.note_cost_type"))
as_of = meta["as_of_date"]
if year_from <= as_of.year <= year_to:
    notes.append(t("uit.note_partial", year=as_of.year, as_of=fmt.date(as_of)))
st.caption(" ".join(notes))

total = levels[levels["node_level"] == "total"]
if total.empty or not total.iloc[0]["item_count"]:
    st.info(t("uit.empty"))
    st.stop()
total = total.iloc[0]
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("uit.kpi_budget"), charts.amount_text(total["budget_eur"], unit), border=True)
k2.metric(t("uit.kpi_spent"), charts.amount_text(total["spent_eur"], unit), border=True,
          delta=t("uit.kpi_difference", amount=charts.amount_text(total["difference_eur"], unit)),
          delta_color="off", delta_arrow="off")
k3.metric(t("uit.kpi_realised"), fmt.pct(total["realised_pct"]), border=True)
k4.metric(t("uit.kpi_items"), fmt.number(total["item_count"]), border=True)

tree_themes = levels[levels["node_level"] == "theme"]
top_theme = tree_themes.sort_values("spent_eur").iloc[-1]
ui.chart(charts.spend_treemap(levels, unit), key="tree",
         title=t("uit.tree_title", theme=top_theme["theme"],
                 category=i18n.value("category", top_theme["category"]).lower()),
         summary=t("uit.tree_summary", theme=top_theme["theme"],
                   spent=charts.amount_text(top_theme["spent_eur"], unit),
                   pct=fmt.pct(top_theme["realised_pct"])),
         table=levels[levels["node_level"].isin(["category", "theme"])],
         columns=["category", "theme", "budget_eur", "spent_eur", "realised_pct"],
         eur_digits=digits)

left, right = st.columns(2)
last = months[months["year"] == year_to].iloc[-1]
month_name = fmt.date(f"{year_to}-{int(last['month']):02d}-01").split(" ")[1]
with left:
    ui.chart(charts.monthly_spend(months, unit), key="months",
             title=t("uit.month_title", spent=charts.amount_text(last["cumulative_spent_eur"], unit),
                     year=year_to, pct=fmt.pct(last["cumulative_realised_pct"])),
             summary=t("uit.month_summary", year=year_to, month=month_name,
                       spent=charts.amount_text(last["cumulative_spent_eur"], unit),
                       budget=charts.amount_text(last["budget_eur"], unit)),
             table=months, columns=["year", "month", "spent_eur", "cumulative_spent_eur",
                                    "budget_eur", "cumulative_realised_pct"],
             eur_digits=digits)
with right:
    if year_from == year_to:
        st.header(t("uit.yoy_title_single", month=month_name), anchor=False)
        st.info(t("uit.yoy_one_year"))
    else:
        change = last["change_pct"]
        ui.chart(charts.year_on_year(months, unit), key="yoy",
                 title=t("uit.yoy_title", month=month_name, year=year_to, prev=year_to - 1,
                         change=f"{fmt.pct(abs(change))} "
                                f"{t('word.more' if change >= 0 else 'word.less')}"),
                 summary=t("uit.yoy_summary", year=year_to, prev=year_to - 1,
                           spent=charts.amount_text(last["cumulative_spent_eur"], unit),
                           prev_spent=charts.amount_text(
                               last["prev_year_cumulative_spent_eur"], unit)),
                 table=months[months["is_same_months"]],
                 columns=["year", "month", "cumulative_spent_eur",
                          "prev_year_cumulative_spent_eur", "change_pct"],
                 eur_digits=digits)

st.header(t("uit.top_title"), anchor=False)
by_item = levels[levels["node_level"] == "item"]
for tab, rank in zip(st.tabs([t("uit.top_spent"), t("uit.top_over"), t("uit.top_under")]),
                     ("rank_spent", "rank_over", "rank_under")):
    top = by_item[by_item[rank] <= 10].sort_values(rank)
    if top.empty:
        tab.success(t("uit.top_none"))
    else:
        tab.table(fmt.display_frame(top, TOP, eur_digits=digits), hide_index=True)

st.header(t("uit.table_title"), anchor=False)
st.caption(t("uit.table_caption", n=len(by_item)))
st.dataframe(fmt.display_frame(by_item, TABLE, eur_digits=digits), hide_index=True,
             key="items_table")
name = f"ggu-uitgaven-{span.replace('–', '-')}-{unit}"
buttons = st.container(horizontal=True)
buttons.download_button(t("uit.download_csv"), key="download_csv",
                   data=downloads.to_csv(by_item, TABLE, decimals=4 if digits else 2),
                   file_name=f"{name}.csv", mime="text/csv", icon=":material/download:")
buttons.download_button(t("uit.download_xlsx"), key="download_xlsx",
                   data=downloads.to_xlsx(by_item, TABLE, sheet=t("nav.spending"),
                                          eur_format="#,##0.0000" if digits else None),
                   file_name=f"{name}.xlsx", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
