"""ALV-rapport: the year in slides (presentation mode: one message per slide, large type,
buttons and arrow keys) and the same slides as PDF, PowerPoint and HTML downloads."""
import streamlit as st

from ggu import i18n, paths, report
from ggu.i18n import t
from ggu.present.text import md_frame
from ggu.report import html as report_html
from ggu.store import snapshot_id
from ggu.web import blocks, data
from ggu.web.plot import plot

blocks.frame_guard()

year = blocks.year()
lang = i18n.lang()
snapshot = snapshot_id()


@st.cache_resource(max_entries=16, show_spinner=False)
def _report(snapshot: str, year: int, lang: str) -> report.Report:
    return report.build(year, lang=lang, query=data.query)


@st.cache_data(max_entries=16, show_spinner=False)
def _file(snapshot: str, year: int, lang: str, fmt_name: str) -> bytes:
    return report.render(_report(snapshot, year, lang), fmt_name)


rep = _report(snapshot, year, lang)
slides = rep.slides

present = st.session_state.get("presenteren", False)
if not present:   # in presentation mode the slide fills the screen
    st.title(t("rp.page_title", year=year), anchor=False)
    st.markdown(t("rp.page_lead"))
    with st.container(border=True):
        st.markdown(f"**{t('rp.downloads')}**")
        for col, fmt_name in zip(st.columns(3), report.FORMATS):
            col.download_button(
                t(f"rp.download_{fmt_name}"), key=f"download_{fmt_name}",
                data=lambda f=fmt_name: _file(snapshot, year, lang, f),
                file_name=paths.file_name("ggu-alv-rapport", year, ext=fmt_name),
                mime=report.FORMATS[fmt_name],
                icon=":material/download:", help=t("rp.download_help"), on_click="ignore")
        st.caption(t("rp.quality", year=year))

st.toggle(t("rp.present"), key="presenteren", help=t("rp.present_help"))
blocks.slides_style(report_html.page_style(present))


def show(n: int) -> None:
    slide = slides[n]
    with st.container(border=True):
        blocks.slide(report_html.slide_block(slide, rep))
        if slide.chart is not None:
            fig = slide.chart.fig
            if present:
                fig = fig.__class__(fig).update_layout(font_size=20,
                                                       height=max(fig.layout.height or 0, 520))
            plot(fig, key=f"chart_{slide.key}")
            with st.expander(t("rp.table_for_chart")):
                st.table(md_frame(slide.chart.table), hide_index=True)


if present:
    if "dia" not in st.session_state or not 0 <= st.session_state["dia"] < len(slides):
        st.session_state["dia"] = 0
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")

    def step(delta: int) -> None:
        st.session_state["dia"] += delta

    left.button(t("rp.prev"), key="prev", shortcut="Left", icon=":material/arrow_back:",
                disabled=st.session_state["dia"] == 0, width="stretch", on_click=step, args=(-1,))
    right.button(t("rp.next"), key="next", shortcut="Right", icon=":material/arrow_forward:",
                 icon_position="right", disabled=st.session_state["dia"] == len(slides) - 1,
                 width="stretch", on_click=step, args=(1,))
    middle.markdown(f"**{t('rp.counter', n=st.session_state['dia'] + 1, total=len(slides))}**",
                    text_alignment="center")
    show(st.session_state["dia"])
else:
    st.header(t("rp.overview"), anchor=False)
    for n in range(len(slides)):
        show(n)
