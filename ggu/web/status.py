"""Status through time on the pages: what changed since the previous report (a button per item
that opens its detail), an item's status history, the decisions beside a chart, and the one
place where an item's status explanation (Toelichting) is shown or left out."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ggu.i18n import t, value
from ggu.present.labels import short_explanation
from ggu.present.tables import display_frame
from ggu.present.text import md, msg
from ggu.store import codes
from ggu.web import auth, blocks

EXPLANATIONS = ("explanation", "status_reason")   # the columns that hold a status explanation


def explanations_shown() -> bool:
    """Whether this user sees the full status explanations (Toelichting): the College and
    Beheer (auth.can('status_detail')); other readers see each one's first sentence."""
    return auth.can("status_detail")


def explained(text):
    """A status explanation as this user may read it: whole, or its first sentence."""
    return text if explanations_shown() else short_explanation(text)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame with its status explanation columns as this user may read them."""
    return frame.assign(**{c: [explained(x) for x in frame[c]]
                           for c in EXPLANATIONS if c in frame.columns})


def explanation(text) -> None:
    """An item's status explanation as a line of its detail."""
    text = explained(text)
    st.markdown(msg("pf.item_reason", reason=text if isinstance(text, str) and text else "–"))


def changes(rows: pd.DataFrame, key: str, detail: str) -> None:
    """What changed since the previous report, one column per kind of change (went red, worse,
    recovered, new), each item a button that puts it in session_state[key] (the item detail)
    and takes the reader there (`detail`: the anchor of its heading, see blocks.go_to)."""
    def pick(item_id: str) -> None:
        st.session_state[key] = item_id
        blocks.ask_go_to(detail)
    for column, kind in zip(st.columns(len(codes.STATUS_CHANGES)), codes.STATUS_CHANGES):
        found = rows[rows["status_change"] == kind]
        column.markdown(f"**{value('status_change', kind)} ({len(found)})**")
        if found.empty:
            column.caption(t("st.changes_empty_kind"))
        for r in found.itertuples(index=False):
            column.button(md(r.name), key=f"{key}_change_{r.item_id}", type="tertiary",
                          on_click=pick, args=(r.item_id,),
                          help=msg("st.changes_button_help", name=r.name,
                                 section=t("pf.detail_title")))
            was = value("status", r.previous_status) if kind != "nieuw" else ""
            column.caption(md(f"{value('status', r.status)}" + (f" ({was})" if was else "")
                              + (f" · {explained(r.explanation)}"
                                 if isinstance(r.explanation, str) else "")))


def history(rows: pd.DataFrame) -> None:
    """An item's latest status report and every report that changed its status, newest first
    (rows of item_status_history.sql with only_changes), as a table of text."""
    st.markdown(f"**{t('st.history_title')}**")
    if rows.empty:
        st.caption(t("st.history_none"))
        return
    st.caption(t("st.history_caption", n=len(rows)))
    blocks.text_table(display_frame(readable(rows), ["report_date", "status",
                                                     "previous_status", "explanation"]))


def decisions(rows: pd.DataFrame, title: str | None = None, empty: str | None = None) -> None:
    """Decisions as a table (rows of decisions.sql), under a bold title."""
    st.markdown(f"**{title or t('dec.table_title')}**")
    if rows.empty:
        st.caption(empty or t("dec.none"))
        return
    blocks.text_table(display_frame(rows, ["decision_date", "body", "decision"]))


def markers_toggle(key: str) -> bool:
    """The switch that shows or hides the decisions on a page's time charts (on by default)."""
    return st.toggle(t("dec.show"), value=True, key=key, help=t("dec.show_help"))
