"""The ALV report: built once from the pages' queries and narrative, drawn three ways.

model.py  the report as data (slides with texts, key figures, charts, tables)
build.py  build(year): every slide's figures from queries/ and ggu.present
pdf.py    A4 landscape PDF (fpdf2; charts as images via kaleido and the system Chromium)
pptx.py   16:9 PowerPoint (python-pptx; native, editable charts)
html.py   one self-contained HTML file, and the slides as the ALV-rapport page shows them
proposal.py build_proposal(name): a planning scenario as the ALV proposal, drawn the same ways

May import: ggu.present, ggu.plan, ggu.store, ggu.i18n, ggu.config. Never Streamlit.
"""
from ggu.report.build import build
from ggu.report.html import render_html
from ggu.report.model import Report
from ggu.report.pdf import render_pdf
from ggu.report.pptx import render_pptx
from ggu.report.proposal import build_proposal

FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "html": "text/html"}


def render(report: Report, fmt_name: str, images: dict[str, bytes] | None = None) -> bytes:
    """The report as a file of one of FORMATS."""
    if fmt_name == "pdf":
        return render_pdf(report, images)
    if fmt_name == "pptx":
        return render_pptx(report)
    if fmt_name == "html":
        return render_html(report)
    raise ValueError(f"unknown format: {fmt_name!r}")


__all__ = ["FORMATS", "Report", "build", "build_proposal", "render"]
