"""The documents a page hands out, cached at the edge beside ggu/web/data.py: the ALV report
(built once per snapshot, year and language, drawn as PDF, PowerPoint, HTML and the deck) and a
municipality's council brief (made when its button is pressed). Keyed by the snapshot id, so a
new snapshot is a new document."""
from __future__ import annotations

import streamlit as st

from ggu import report
from ggu.report import brief, brief_pdf
from ggu.report import html as report_html
from ggu.web import data


@st.cache_data(max_entries=64, show_spinner=False)
def council_brief(snapshot: str, year: int, code: str, lang: str) -> bytes:
    """The council brief (PDF) of a municipality."""
    return brief_pdf.render_brief(brief.build(year, code, lang=lang, query=data.query))


@st.cache_resource(max_entries=16, show_spinner=False)
def alv_report(snapshot: str, year: int, lang: str) -> report.Report:
    """The ALV report as data (shared by every session: never changed after it is built)."""
    return report.build(year, lang=lang, query=data.query)


@st.cache_data(max_entries=16, show_spinner=False)
def alv_file(snapshot: str, year: int, lang: str, fmt_name: str) -> bytes:
    """The report as a file: pdf, pptx or html."""
    return report.render(alv_report(snapshot, year, lang), fmt_name)


@st.cache_data(max_entries=16, show_spinner=False)
def alv_deck(snapshot: str, year: int, lang: str) -> str:
    """The slides of the presentation mode."""
    return report_html.deck_html(alv_report(snapshot, year, lang))
