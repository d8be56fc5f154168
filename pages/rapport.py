"""ALV-rapport: the year in slides (presentation mode: the slides fill the screen, one at a
time, `?presentatie=1&dia=N`, keys as in the HTML file) and the same slides as PDF, PowerPoint
and HTML downloads."""
from functools import partial

import streamlit as st

from ggu import i18n, paths, report
from ggu.i18n import t
from ggu.present.text import md_frame
from ggu.report import html as report_html
from ggu.store import snapshot_id
from ggu.web import blocks, deck, documents
from ggu.web.plot import plot

blocks.frame_guard()

year = blocks.year()
lang = i18n.lang()
snapshot = snapshot_id()


rep = documents.alv_report(snapshot, year, lang)

if deck.presenting():   # the slides fill the screen, over the sidebar and the banner
    deck.present(rep, documents.alv_deck(snapshot, year, lang))
else:
    deck.leave_address()
    st.title(t("rp.page_title", year=year), anchor=False)
    st.markdown(t("rp.page_lead"))
    with st.container(border=True):
        st.markdown(f"**{t('rp.downloads')}**")
        for col, fmt_name in zip(st.columns(3), report.FORMATS):
            col.download_button(
                t(f"rp.download_{fmt_name}"), key=f"download_{fmt_name}",
                data=partial(documents.alv_file, snapshot, year, lang, fmt_name),
                file_name=paths.file_name("ggu-alv-rapport", year, ext=fmt_name),
                mime=report.FORMATS[fmt_name],
                icon=":material/download:", help=t("rp.download_help"), on_click="ignore")
        st.caption(t("rp.quality"))
    st.toggle(t("rp.present"), key="presenteren", help=t("rp.present_help"))
    blocks.slides_style(report_html.page_style(False))
    st.header(t("rp.overview"), anchor=False)
    for slide in rep.slides:
        with st.container(border=True):
            blocks.slide(report_html.slide_block(slide, rep))
            if slide.chart is not None:
                plot(slide.chart.fig, key=f"chart_{slide.key}")
                with st.expander(t("rp.table_for_chart")):
                    st.table(md_frame(slide.chart.table), hide_index=True)
