"""Streamlit building blocks shared by the frame and the pages: a chart with its title, summary
and table; a table of texts; the shared year; the page's language and focus ring."""
from __future__ import annotations

import json
import re

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


# Long Dutch words (Informatiebeveiligingsdienst) break at a syllable where the browser knows
# the language's hyphenation (lang is set below), and never mid-word without a hyphen
# elsewhere: a table then scrolls sideways rather than break a name anywhere.
HYPHENS_CSS = ("[data-testid='stMain'] :is(p,li,td,th,h1,h2,h3,h4){hyphens:auto;"
               "-webkit-hyphens:auto}")

# On a phone Streamlit's sidebar lies over the page, and stays open after a page is chosen in
# it: close it then (its own collapse button, so Streamlit knows). Listens once per browser
# page, on the document, so it survives every rerun.
PHONE_NAV_JS = """
if (!window.__gguPhoneNav) {
  window.__gguPhoneNav = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-testid='stSidebar'] a[href]");
    if (!link || window.innerWidth >= 768) return;
    setTimeout(() => {
      const close = document.querySelector("[data-testid='stSidebarCollapseButton'] button");
      if (close) close.click();
    }, 0);
  });
}"""


def accessibility(lang: str) -> None:
    """Once per run, from the frame: `<html lang>` set to the language shown (WCAG 3.1.1: a
    screen reader then reads Dutch as Dutch, and the browser hyphenates it), the focus ring,
    hyphenation, and the sidebar closed after choosing a page on a phone. Workarounds, for
    Streamlit 1.67: the page always says lang="en" (remove that line once st.set_page_config
    takes a language), and on a phone its sidebar stays open over the page chosen in it
    (remove PHONE_NAV_JS once it closes by itself)."""
    st.html(f"<style>{FOCUS_CSS}{HYPHENS_CSS}</style>"
            f"<script>document.documentElement.lang = {json.dumps(lang)};{PHONE_NAV_JS}</script>",
            unsafe_allow_javascript=True)


ANCHOR = re.compile(r"[a-z0-9-]{1,60}")   # an anchor id go_to may put in its script
GO_TO = "go_to"   # session key: the anchor the next run scrolls to and focuses (once)


def ask_go_to(anchor: str) -> None:
    """From a control's callback: the next run brings `anchor` (see `go_to`) into view."""
    st.session_state[GO_TO] = anchor


def go_to(anchor: str) -> None:
    """Call right after the heading whose anchor is `anchor` (st.header(..., anchor=anchor)):
    when a control asked for it (`ask_go_to`), scroll that heading into view and give it the
    keyboard focus, so a click on an item elsewhere on the page takes the reader (and a
    keyboard or screen reader user) to its detail.

    Workaround, for Streamlit 1.67, which cannot scroll to or focus an element after a rerun:
    a script that waits for the heading (the run draws it a moment later), makes it focusable
    (tabindex -1) and focuses it. The run number in the script makes Streamlit run it again
    on every request (the same HTML twice is not mounted again). Remove once Streamlit can
    scroll to an element (e.g. a `scroll_to`/`focus` on elements)."""
    if not ANCHOR.fullmatch(anchor):
        raise ValueError(f"not an anchor id: {anchor!r}")
    if st.session_state.get(GO_TO) != anchor:
        return
    st.session_state.pop(GO_TO)
    runs = st.session_state["go_to_runs"] = st.session_state.get("go_to_runs", 0) + 1
    st.html(f"""<script>/* go_to {runs} */
(() => {{
  const started = Date.now();
  const find = () => {{
    const heading = document.getElementById({json.dumps(anchor)});
    if (!heading) {{
      if (Date.now() - started < 10000) setTimeout(find, 50);
      return;
    }}
    heading.setAttribute("tabindex", "-1");
    heading.style.scrollMarginTop = "5rem";   // below the top bar, with its focus ring
    heading.scrollIntoView({{block: "start"}});
    heading.focus({{preventScroll: true}});
  }};
  find();
}})();
</script>""", unsafe_allow_javascript=True)


def year() -> int:
    """The year chosen in the frame's shared year filter."""
    return int(st.session_state["jaar"])


@parts.fragment
def chart(fig: go.Figure, *, title: str, summary: str, table: pd.DataFrame,
          columns: list[str], key: str, eur_digits: int = 0, level: int = 2,
          decisions: pd.DataFrame | None = None, clicked: str | None = None) -> None:
    """A chart with a title that says the message, its text summary, and its data as a table.
    `level` 3 for a chart inside a section that has its own h2 (headings stay in order).
    The table is sent only once its expander is opened (a rerun of this chart only, a
    fragment): a page that opens with its tables closed need not load Streamlit's data grid,
    about 0.3 s of a first visit. `decisions` (rows of decisions.sql): the decisions marked on
    the chart, listed under its table. `clicked` (a treemap): the session key a click on the
    chart writes the node it zoomed to into; the whole page then runs again (the page filters
    on it, see pages/uitgaven.py)."""
    (st.header if level == 2 else st.subheader)(md(title), anchor=False)
    node = plot(fig, key=key, clickable=clicked is not None)
    if node is not None and clicked is not None:
        st.session_state[clicked] = node
        st.rerun(scope="app")
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
    # a long name (Informatiebeveiligingsdienst) is hyphenated (HYPHENS_CSS) or kept whole,
    # never broken mid-word: on a phone the table then scrolls sideways
    ".ggu-table td:first-child{min-width:9em}"
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
