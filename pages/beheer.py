"""Beheer: load real figures (template, upload, every problem at once), the history of every
load, comparing two data snapshots, and rolling back. Behind the administrator login."""
import functools

import streamlit as st

from ggu import config
from ggu.i18n import formats as fmt
from ggu.i18n import lang, t
from ggu.ingest import diff, history, load, workbook
from ggu.present.tables import display_frame
from ggu.present.text import md, md_frame
from ggu.store import DataError, Store
from ggu.store.snapshots import DAMAGED_POINTER
from ggu.web import auth, blocks, data, publish

blocks.frame_guard()
st.title(t("bh.title"), anchor=False)
user = auth.gate()
if user is None:
    st.stop()

store = Store()
top_left, top_right = st.columns([5, 1], vertical_alignment="center")
top_left.caption(t("auth.logged_in", user=f"`{user}`") + " " +
                 t("bh.snapshot_now", snapshot=t("bh.pointer_damaged")
                   if store.current_id() == DAMAGED_POINTER else store.current_id() or "–"))
with top_right:
    auth.logout_button()
st.markdown(t("bh.lead"))

tab_load, tab_history, tab_compare, tab_rollback, tab_empty = st.tabs(
    [t("bh.tab.load"), t("bh.tab.history"), t("bh.tab.compare"), t("bh.tab.rollback"),
     t("bh.tab.empty")])

with tab_load:
    st.header(t("bh.step1"), anchor=False)
    st.caption(t("bh.step1_help"))
    c1, c2, _ = st.columns([1, 1, 2])
    c1.download_button(t("bh.download_template"),
                       functools.partial(workbook.template_bytes, lang()),
                       file_name="GGU-sjabloon.xlsx", icon=":material/download:",
                       on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if store.current_id():
        c2.download_button(t("bh.download_export"),
                           functools.partial(workbook.export_bytes, store.readable().path, lang()),
                           file_name=workbook.export_name(store.readable().path),
                           icon=":material/download:", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet")

    st.header(t("bh.step2"), anchor=False)
    st.caption(t("bh.semantics"))
    upload = st.file_uploader(t("bh.upload"), type=["xlsx"], key="upload",
                              help=t("bh.upload_help"),
                              max_upload_size=int(float(config.setting("import_max_mb"))))
    if upload is not None and st.button(t("bh.load_button"), type="primary",
                                        icon=":material/upload:"):
        with st.spinner():
            st.session_state["bh_outcome"] = load.import_bytes(upload.getvalue(), upload.name,
                                                                   user=user)
        st.rerun()   # so that the frame shows the new snapshot at once

    outcome = st.session_state.get("bh_outcome")
    if outcome is not None:
        if outcome.result == "geweigerd":
            st.error(md(outcome.summary()), icon=":material/block:")
            st.markdown(f"**{t('bh.problems')}**")
            st.dataframe(outcome.problem_frame(), hide_index=True)
        else:
            (st.success if outcome.result == "ok" else st.info)(
                md(outcome.summary()), icon=":material/check_circle:")
            st.markdown(f"**{t('bh.changes')}**")
            st.dataframe(outcome.change_frame(), hide_index=True)
        if outcome.notes:
            st.markdown(f"**{t('bh.notes')}**")
            for note in outcome.notes:
                st.text(note)

    st.header(t("bh.step3"), anchor=False)
    st.caption(t("bh.step3_help"))
    st.markdown(publish.state_line())
    if store.current_id() and st.button(t("bh.publish_button"), icon=":material/public:",
                                        key="publish"):
        publish.run()

with tab_history:
    st.caption(t("bh.history_lead"))
    log = history.history()
    if store.damaged_attempts():   # the rest of the log is shown; say what was skipped
        st.warning(t("bh.attempts_damaged", lines=store.damaged_attempts(),
                     file=store.attempts_file.name), icon=":material/broken_image:")
    if log.empty:
        st.info(t("bh.history_empty"))
    else:
        st.dataframe(history.history_display(log), hide_index=True)

snapshots = history.snapshots()
labels = {row["snapshot_id"]: history.snapshot_label(row) for row in snapshots.to_dict("records")}
ids = list(labels)   # newest first

with tab_compare:
    st.caption(t("bh.compare_lead"))
    if len(ids) < 2:
        st.info(t("bh.rollback_only_one"))
    else:
        ca, cb = st.columns(2)
        a = ca.selectbox(t("bh.compare_a"), ids, index=1, format_func=labels.get, key="cmp_a")
        b = cb.selectbox(t("bh.compare_b"), ids, index=0, format_func=labels.get, key="cmp_b")
        if a == b:
            st.warning(t("bh.compare_same"))
        else:
            result = data.compare(a, b, str(store.root))
            counts = history.compare_totals(result)
            if not any(counts.values()):
                st.success(t("bh.compare_none", a=a, b=b))
            else:
                st.markdown(t("bh.compare_summary", a=a, b=b, **{
                    k: fmt.number(v) for k, v in counts.items()}))
            st.markdown(f"**{t('bh.compare_tables')}**")
            st.table(md_frame(display_frame(result["tables"], [
                "sheet", "rows_a", "rows_b", "added", "removed", "changed"])), hide_index=True)
            if not result["rows"].empty:
                st.markdown(f"**{t('bh.compare_rows')}**")
                st.caption(t("bh.compare_rows_lead"))
                st.dataframe(diff.display(result["rows"]), hide_index=True)
                if result["rows_left_out"]:
                    st.caption(t("bh.compare_rows_more", n=fmt.number(result["rows_left_out"]),
                                 limit=diff.LIMIT))
            if not result["totals"].empty:
                st.markdown(f"**{t('bh.compare_totals')}**")
                st.caption(t("bh.compare_years"))
                st.table(md_frame(display_frame(result["totals"], [
                    "year", "budget_a_eur", "budget_b_eur", "budget_difference_eur",
                    "spent_a_eur", "spent_b_eur", "spent_difference_eur"], eur_digits=2)),
                    hide_index=True)
            if not result["split"].empty:
                st.markdown(f"**{t('bh.compare_split')}**")
                st.table(md_frame(display_frame(result["split"], [
                    "year", "category", "share_a_pct", "share_b_pct", "share_shift_pp"])),
                    hide_index=True)

with tab_rollback:
    st.caption(t("bh.rollback_lead"))
    done = st.session_state.pop("bh_rollback_done", None)
    if done:
        st.success(t("bh.rollback_done", new=done[0], old=done[1]),
                   icon=":material/check_circle:")
    earlier = [i for i in ids if i != store.current_id()]
    if not earlier:
        st.info(t("bh.rollback_only_one"))
    else:
        target = st.selectbox(t("bh.rollback_choose"), earlier, format_func=labels.get,
                              key="rollback_to")
        sure = st.checkbox(t("bh.rollback_confirm"), key="rollback_sure")
        if st.button(t("bh.rollback_button"), disabled=not sure, icon=":material/history:"):
            new_id = history.rollback(target, user=user)
            st.session_state["bh_rollback_done"] = (new_id, target)
            st.rerun()

with tab_empty:
    st.caption(t("bh.empty_lead"))
    done = st.session_state.pop("bh_empty_done", None)
    if done:
        st.success(t("bh.empty_done", new=done), icon=":material/check_circle:")
    if store.current_id() and store.meta().get("is_demo") == "true":
        st.info(t("bh.empty_demo"), icon=":material/science:")
    sure = st.checkbox(t("bh.empty_confirm"), key="empty_sure")
    if st.button(t("bh.empty_button"), disabled=not sure or not store.current_id(),
                 icon=":material/delete_sweep:", key="empty_button"):
        try:
            st.session_state["bh_empty_done"] = history.empty(user=user)
        except DataError as error:
            st.error(md(str(error)))
        else:
            st.rerun()

st.caption(t("bh.cli"))
