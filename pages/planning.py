"""Planning ("Begroting {year}"): scenarios for the coming years' budget and contribution,
checked live against the fund and the 50/20/30 norm, compared with basis, and handed to the
ALV as a proposal and to the import as next year's budget."""
import streamlit as st

from ggu import i18n, paths, report
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.plan import BASIS, PlanError, export, figures
from ggu.present import narrative
from ggu.present.text import md
from ggu.web import auth, blocks, charts, data, planning, url
from ggu.web.plot import plot

blocks.frame_guard()
q = data.query
base = figures.base(q)
first, last = int(base["first_plan_year"]), int(base["last_plan_year"])
st.title(t("plan.title", year=first), anchor=False)
st.markdown(t("plan.lead", first=first, last=last))
if base.isna()["rate_per_inhabitant_eur"]:
    st.info(t("plan.no_rate"), icon=":material/info:")
    st.stop()
with st.expander(t("plan.rules_title"), icon=":material/calculate:"):
    st.markdown(t("plan.rules", base_year=int(base["base_year"]), first=first, last=last,
                  inhabitants_year=int(base["inhabitants_year"])))

who = planning.editor() if auth.can("plan_concept") else None   # college and beheer
options = {s.name: s for s in planning.visible(who is not None)}
for line in planning.damaged(who is not None):   # only those who may see concepts
    st.warning(line, icon=":material/broken_image:")
key = url.state("scenario", list(options), BASIS)
if st.session_state.get("plan_pending") in options:   # a copy just made opens
    st.session_state[key] = st.session_state.pop("plan_pending")
st.selectbox(t("plan.pick"), list(options), key=key, help=t("plan.pick_help"))
url.write("scenario", st.session_state[key], default=BASIS)
origin = planning.opened(options[st.session_state[key]])
st.caption(md(planning.label(origin) + (" · " + t(
    "plan.version", version=origin.version, user=origin.saved_by,
    at=fmt.timestamp(origin.saved_at)) if origin.version else "")))
editable = who is not None and not origin.is_basis
if who is None:
    st.info(t("plan.readonly"), icon=":material/lock:")
else:
    if origin.is_basis:
        st.info(t("plan.basis_note"), icon=":material/content_copy:")
    with st.form("copy", border=False):
        name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        name = name_col.text_input(t("plan.copy_name"), key="copy_name")
        if button_col.form_submit_button(t("plan.copy"), icon=":material/content_copy:"):
            try:
                st.session_state["plan_pending"] = planning.copy(origin, name, who).name
                st.session_state["plan_saved"] = t("plan.copied", name=name.strip(),
                                                   source=origin.name)
                st.rerun()
            except PlanError as error:
                st.error(md(str(error)), icon=":material/error:")

state = f"{origin.name}_{origin.version}"   # a saved version opens with fresh widgets
left, right = st.columns(2)
# text, not st.number_input: that writes `3.10` whatever the page's language
rate = left.text_input(t("plan.rate", year=first),
                       planning.number_text(origin.rate_per_inhabitant_eur, 2),
                       key=f"rate_{state}", disabled=not editable, help=t("plan.rate_help"))
indexation = right.text_input(t("plan.indexation"), planning.number_text(origin.indexation_pct, 2),
                              key=f"index_{state}", disabled=not editable,
                              help=t("plan.indexation_help"))

st.header(t("plan.lines_title"), anchor=False)
st.caption(t("plan.lines_help"))
lines = figures.lines(origin, q)
frame = planning.editor_frame(origin, lines)
order, config = planning.editor_columns(frame)
edited = st.data_editor(frame, column_order=order, column_config=config, hide_index=True,
                        disabled=not editable, key=f"lines_{state}", height=420)
try:
    draft = planning.draft(origin, lines, edited, rate, indexation)
except PlanError as error:
    st.error(md(str(error)), icon=":material/error:")
    st.stop()

if editable:
    save_col, publish_col, note_col = st.columns([1, 1, 3], vertical_alignment="center")
    if draft != origin:
        note_col.caption(t("plan.unsaved"))
    published = planning.last_published(origin.name)
    for col, action in ((save_col, "save"), (publish_col, "publish")):
        if col.button(t(f"plan.{action}"), key=f"{action}_{state}",
                      type="primary" if action == "save" else "secondary",
                      disabled=action == "publish" and origin.is_published and draft == origin,
                      help=t(f"plan.{action}_help")):
            try:
                saved = planning.save(draft, who, publish=action == "publish")
                st.session_state["plan_saved"] = (
                    t("plan.published", version=saved.version) if action == "publish" else
                    t("plan.saved_concept", version=saved.version, published=published)
                    if published else t("plan.saved", version=saved.version))
                st.rerun()
            except PlanError as error:
                st.error(md(str(error)), icon=":material/error:")
                st.session_state["plan_conflict"] = True
    if st.session_state.get("plan_conflict"):
        st.button(t("plan.reopen"), key=f"reopen_{state}", icon=":material/refresh:",
                  on_click=planning.reopen, args=(origin.name,))
if "plan_saved" in st.session_state:   # copied, saved or published: said where it was done
    message = st.session_state.pop("plan_saved")
    st.success(md(message), icon=":material/check:")

plan = figures.by_year(draft, q)
years = figures.year_rows(plan)
realised = q("plan_realised_by_year")
st.header(t("plan.years_heading"), anchor=False)
if origin.is_basis:
    st.info(t("plan.basis_start"), icon=":material/flag:")
for col, row in zip(st.columns(len(years)), years.itertuples(index=False)):
    col.metric(str(int(row.year)), fmt.eur_mln(row.room_eur), border=True,
               delta=f"{md(narrative.room_word(row.room_eur))} · {t('plan.kpi_fund').lower()} "
                     f"{fmt.eur_mln(row.fund_eur)}", delta_color="off", delta_arrow="off",
               help=t("plan.kpi_room"))
blocks.text_table(narrative.year_table(years))
st.subheader(t("plan.norm_heading"), anchor=False)
st.caption(t("plan.norm_lead"))
blocks.text_table(narrative.norm_table(plan))
blocks.chart(charts.plan_years(realised, plan), key="plan_years",
             title=narrative.years_title(years, realised),
             summary=narrative.years_summary(years), table=plan,
             columns=["year", "category", "budget_eur", "fund_eur"])
blocks.chart(charts.plan_room(years), key="plan_room", title=narrative.room_title(years),
             summary=narrative.room_summary(years), table=years,
             columns=["year", "fund_eur", "fonds_budget_eur", "room_eur"])
split_year = st.segmented_control(t("plan.split_year"), years["year"].tolist(), default=first,
                                  key="split_year") or first
st.markdown(md(narrative.norm_sentence(plan, split_year)))
blocks.chart(charts.split_vs_norm(narrative.as_split(plan, split_year)), key="plan_split",
             title=narrative.plan_split_title(plan, split_year),
             summary=narrative.plan_split_summary(plan), table=narrative.as_split(plan, split_year),
             columns=["category", "budget_eur", "budget_share_pct", "norm_pct", "deviation_pp",
                      "is_within_tolerance"])

st.header(t("plan.effect_heading"), anchor=False)
municipalities = q("contribution_by_municipality", year=int(base["base_year"]))
names = dict(zip(municipalities["cbs_code"], municipalities["name"]))
code = st.selectbox(t("plan.effect_pick"), list(names), format_func=names.get, index=None,
                    key="plan_gemeente", placeholder=t("bij.mine_placeholder"))
if code is not None:
    effect = figures.contribution(draft, code, q)
    st.subheader(md(narrative.effect_title(names[code], effect)), anchor=False)
    st.caption(t("plan.effect_summary"))
    blocks.text_table(narrative.effect_table(effect))

st.header(t("plan.compare_heading"), anchor=False)
others = [n for n in options if n != BASIS]
picked = st.multiselect(t("plan.compare_pick"), others, max_selections=4, key="plan_compare",
                        placeholder=t("plan.compare_placeholder"), select_all=False) \
    if others else []
if not others:
    st.caption(t("plan.compare_none"))
if picked:
    compared = figures.compare([options[BASIS]] + [options[n] for n in picked], q)
    st.subheader(md(narrative.compare_title(compared)), anchor=False)
    plot(charts.plan_room(compared, [BASIS, *picked]), key="plan_compare_chart")
    st.caption(t("plan.compare_summary"))
    blocks.text_table(narrative.compare_table(compared))

st.header(t("plan.downloads"), anchor=False)
lang = i18n.lang()
for col, fmt_name in zip(st.columns(4), [*report.FORMATS, "xlsx"]):
    if fmt_name == "xlsx":
        col.download_button(t("plan.download_xlsx"), key="plan_xlsx",
                            data=lambda s=draft: export.workbook_bytes(s, q),
                            file_name=paths.file_name("ggu-begroting", first, draft.name,
                                                      ext="xlsx"),
                            icon=":material/download:", on_click="ignore")
        continue
    col.download_button(
        t("plan.download", fmt=fmt_name.upper()), key=f"plan_{fmt_name}",
        data=lambda f=fmt_name, s=draft: report.render(
            report.build_proposal(s, lang=lang, query=q), f),
        file_name=paths.file_name("ggu-alv-voorstel", first, draft.name, ext=fmt_name),
        mime=report.FORMATS[fmt_name], icon=":material/download:", on_click="ignore")
