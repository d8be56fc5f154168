"""Streamlit building blocks shared by the frame and the pages: a chart with its title, summary
and table; a table of texts; the shared year; the page's language and focus ring."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ggu.i18n import t
from ggu.present.tables import display_frame
from ggu.present.text import md
from ggu.web import parts
from ggu.web.plot import plot


def frame_guard() -> None:
    """The first call of every page. Workaround, for Streamlit 1.67: while a pages/ folder
    exists, Streamlit runs a fresh server's first request for /<page> in its old multipage
    mode, the page file on its own, without the frame; then switch to st.navigation mode for
    good and rerun through the frame. Remove once Streamlit runs a deep link through
    st.navigation on a fresh server (tests/test_pages.py, the first_request tests, tell)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# A focus ring that cannot be missed on every control reached with the keyboard (WCAG 2.4.7;
# Streamlit's own is a faint grey background on links and tabs).
FOCUS_CSS = (":focus-visible{outline:3px solid #0B5394 !important;outline-offset:2px;}"
             "[data-testid='stSidebarNavLink']:focus-visible{outline-offset:-3px;}")


def accessibility(lang: str) -> None:
    """Once per run, from the frame: `<html lang>` set to the language shown (WCAG 3.1.1: a
    screen reader then reads Dutch as Dutch) and the focus ring. Workaround, for Streamlit
    1.67, whose page always says lang="en": remove the script once st.set_page_config takes a
    language."""
    st.html(f"<style>{FOCUS_CSS}</style>"
            f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
            unsafe_allow_javascript=True)


def year() -> int:
    """The year chosen in the frame's shared year filter."""
    return int(st.session_state["jaar"])


@parts.fragment
def chart(fig: go.Figure, *, title: str, summary: str, table: pd.DataFrame,
          columns: list[str], key: str, eur_digits: int = 0, level: int = 2,
          decisions: pd.DataFrame | None = None) -> None:
    """A chart with a title that says the message, its text summary, and its data as a table.
    `level` 3 for a chart inside a section that has its own h2 (headings stay in order).
    The table is sent only once its expander is opened (a rerun of this chart only, a
    fragment): a page that opens with its tables closed need not load Streamlit's data grid,
    about 0.3 s of a first visit. `decisions` (rows of decisions.sql): the decisions marked on
    the chart, listed under its table."""
    (st.header if level == 2 else st.subheader)(md(title), anchor=False)
    plot(fig, key=key)
    st.caption(md(summary))
    with st.expander(t("table.show"), key=f"{key}_table", on_change="rerun") as box:
        if box.open:
            st.dataframe(display_frame(table, columns, eur_digits=eur_digits), hide_index=True)
            if decisions is not None and not decisions.empty:
                st.markdown(f"**{t('dec.table_title')}**")
                st.dataframe(display_frame(decisions, ["decision_date", "body", "decision",
                                                       "reference"]), hide_index=True)


# st.table's look (a rounded frame, hairlines, grey headings), for text_table.
TABLE_CSS = (
    ".ggu-table{border:1px solid rgba(17,17,17,.1);border-radius:8px;overflow:auto;"
    "font-size:14px;line-height:1.5;margin-bottom:1rem}"
    ".ggu-table table{width:100%;border-collapse:separate;border-spacing:0}"
    ".ggu-table th,.ggu-table td{padding:4px 6px 4px 8px;text-align:left;font-weight:400;"
    "vertical-align:middle;border:solid rgba(17,17,17,.1);border-width:0 1px 1px 0}"
    ".ggu-table th{color:rgba(17,17,17,.7)}"
    # on a phone a long name (Informatiebeveiligingsdienst) may break, so the amounts fit
    ".ggu-table td:first-child{overflow-wrap:anywhere;min-width:9em}"
    ".ggu-table tr:last-child td{border-bottom:0}"
    ".ggu-table th:last-child,.ggu-table td:last-child{border-right:0}")


def text_table(frame: pd.DataFrame) -> None:
    """A table of texts (as display_frame gives) as plain HTML, escaped by pandas, looking
    as st.table does. For the start page: st.table makes the browser load Streamlit's Arrow
    code, about 0.25 s of a first visit."""
    # tabindex: on a phone a wide table scrolls sideways, which the keyboard must reach too
    # (WCAG 2.1.1; axe's scrollable-region-focusable).
    st.html(f"<style>{TABLE_CSS}</style>"
            f"<div class='ggu-table' tabindex='0'>{frame.to_html(index=False, border=0)}</div>")


def slides_style(css: str) -> None:
    """The ALV report's own styles (scoped to its slides) on the ALV-rapport page."""
    st.html(css)


def slide(html: str) -> None:
    """One slide of the ALV report, as HTML built by ggu.report (its texts escaped there)."""
    st.html(html)


def snapshot_marker(ids: list[str] | None) -> None:
    """The snapshots a run read (ggu.web.data.snapshots_read) as a CSS comment,
    `/* ggu-snapshot 0003 */`: nothing shows (style only goes to Streamlit's event container),
    but a client of the websocket, as the load test is, sees which snapshot each run read."""
    if ids is not None:
        st.html(f"<style>/* ggu-snapshot {' '.join(i for i in ids if i.isdigit())} */</style>")
