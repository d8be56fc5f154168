"""Streamlit building blocks shared by the frame and the pages (layout only, no figures)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ggu import assets, charts, db, i18n
from ggu import formatting as fmt
from ggu.i18n import t

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
_PLOT = st.components.v2.component("ggu_plot", js=(Path(__file__).parent / "plot.js").read_text(),
                                   isolate_styles=False)


def frame_guard() -> None:
    """The first call of every page. While a pages/ folder exists, Streamlit runs a fresh
    server's first request for /<page> in its old multipage mode: the page file on its own,
    without the frame. Then switch to st.navigation mode for good and rerun through the frame."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# A focus ring that cannot be missed on every control reached with the keyboard (WCAG 2.4.7;
# Streamlit's own is a faint grey background on links and tabs).
FOCUS_CSS = (":focus-visible{outline:3px solid #0B5394 !important;outline-offset:2px;}"
             "[data-testid='stSidebarNavLink']:focus-visible{outline-offset:-3px;}")


def accessibility(lang: str) -> None:
    """Once per run, from the frame: `<html lang>` set to the language shown (WCAG 3.1.1: a
    screen reader then reads Dutch as Dutch; Streamlit's page always says "en"), and the
    focus ring."""
    st.html(f"<style>{FOCUS_CSS}</style>"
            f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
            unsafe_allow_javascript=True)


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(snapshot: str, lang: str, builder: str, query: str, column: str, value) -> go.Figure:
    rows = db.query(query)
    return getattr(charts, builder)(rows[rows[column] == value].reset_index(drop=True))


def cached_figure(builder: str, query: str, column: str, value) -> go.Figure:
    """The figure `charts.<builder>` draws of the rows of a parameterless query where
    column == value, built once per snapshot and language (figures are never changed after)."""
    return _figure(db.snapshot_id(), i18n.lang(), builder, query, column, value)


def year() -> int:
    """The year chosen in the frame's shared year filter."""
    return int(st.session_state["jaar"])


def plot(fig: go.Figure, *, key: str) -> None:
    """Draw a Plotly figure with our plotly.js bundle (the trace types the charts draw, a
    quarter of Streamlit's full plotly.js, which a visit then need not load; the full bundle
    for any other trace type); Streamlit's own chart when the bundles are not installed."""
    url = assets.bundle_url({trace.type for trace in fig.data})
    if url is None:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None)
        return
    _PLOT(key=key, data={"bundle": url, "error": t("chart.unavailable"),
                         "config": {**PLOTLY_CONFIG, "responsive": True},
                         "figure": json.loads(fig.to_json())})


def chart(fig: go.Figure, *, title: str, summary: str, table: pd.DataFrame,
          columns: list[str], key: str, eur_digits: int = 0, level: int = 2) -> None:
    """A chart with a title that says the message, its text summary, and its data as a table.
    `level` 3 for a chart inside a section that has its own h2 (headings stay in order).
    The table is sent only once its expander is opened (a rerun): a page that opens with its
    tables closed need not load Streamlit's data grid, about 0.3 s of a first visit."""
    (st.header if level == 2 else st.subheader)(title, anchor=False)
    plot(fig, key=key)
    st.caption(summary)
    with st.expander(t("table.show"), key=f"{key}_table", on_change="rerun") as box:
        if box.open:
            st.dataframe(fmt.display_frame(table, columns, eur_digits=eur_digits),
                         hide_index=True)


# st.table's look (a rounded frame, hairlines, grey headings), for text_table.
TABLE_CSS = (
    ".ggu-table{border:1px solid rgba(17,17,17,.1);border-radius:8px;overflow:auto;"
    "font-size:14px;line-height:1.5;margin-bottom:1rem}"
    ".ggu-table table{width:100%;border-collapse:separate;border-spacing:0}"
    ".ggu-table th,.ggu-table td{padding:4px 6px 4px 8px;text-align:left;font-weight:400;"
    "vertical-align:middle;border:solid rgba(17,17,17,.1);border-width:0 1px 1px 0}"
    ".ggu-table th{color:rgba(17,17,17,.7)}"
    ".ggu-table tr:last-child td{border-bottom:0}"
    ".ggu-table th:last-child,.ggu-table td:last-child{border-right:0}")


def text_table(frame: pd.DataFrame) -> None:
    """A table of texts (as fmt.display_frame gives) as plain HTML, escaped by pandas, looking
    as st.table does. For the start page: st.table makes the browser load Streamlit's Arrow
    code, about 0.25 s of a first visit."""
    st.html(f"<style>{TABLE_CSS}</style>"
            f"<div class='ggu-table'>{frame.to_html(index=False, border=0)}</div>")


def url_state(key: str, allowed: list, default, multi: bool = False):
    """Initialise a widget's state from `?key=...` (once per visit), checked against `allowed`.

    Values not in `allowed` are ignored, never an error; a multiselect takes repeated
    parameters (`?categorie=a&categorie=b`). Returns the key, for the widget's `key=`.
    """
    if key not in st.session_state:
        by_text = {str(a): a for a in allowed}
        wanted = [by_text[v] for v in st.query_params.get_all(key) if v in by_text]
        if multi:
            st.session_state[key] = list(dict.fromkeys(wanted))
        else:
            st.session_state[key] = wanted[0] if wanted else default
    return key


def url_write(key: str, value, default=None) -> None:
    """Put a widget's value in the URL (repeated for a list); drop it when it is the default."""
    if value is None or value == default or (isinstance(value, (list, tuple)) and not value):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = ([str(v) for v in value] if isinstance(value, (list, tuple))
                                else str(value))
