"""The report as one self-contained HTML file (plotly.js inlined once, no external script, style
or font), and one slide as HTML for the ALV-rapport page."""
from __future__ import annotations

import html

from ggu.i18n import t
from ggu.present.palette import PLOTLY_CONFIG
from ggu.report.model import DEMO_COLOUR, Report, Slide

# Every rule is scoped to .ggu-report, so that on the ALV-rapport page the slides' styles
# never reach Streamlit's own elements (its sidebar is a <section>, its headings h1/h2).
CSS = """
.ggu-report{font-family:'Source Sans Pro','Segoe UI',Arial,sans-serif;color:#111}
.ggu-report section{background:#fff;max-width:1200px;margin:24px auto;padding:32px 48px;
 border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.ggu-report h1{font-size:2.6rem;margin:.2em 0}.ggu-report h2{font-size:2rem;margin:.2em 0 .3em}
.ggu-report .lead{font-size:1.25rem;color:#4B5563}
.ggu-report .kpis{display:flex;gap:16px;margin:24px 0}
.ggu-report .kpi{flex:1;background:#EEF4FA;padding:24px;border-radius:8px;text-align:center}
.ggu-report .kpi b{display:block;font-size:3rem;color:#0072B2}
.ggu-report .kpi span{font-size:1.3rem}
.ggu-report table{border-collapse:collapse;margin:12px 0;font-size:1.05rem}
.ggu-report th,.ggu-report td{padding:6px 12px;border-bottom:1px solid #D1D5DB;text-align:right}
.ggu-report th:first-child,.ggu-report td:first-child{text-align:left}
.ggu-report th{background:#EEF4FA}
.ggu-report .lists{display:grid;grid-template-columns:1fr 1fr;gap:12px 32px}
.ggu-report .lists h3{color:#0072B2}
.ggu-report .notes{font-size:1.2rem}.ggu-report .meta{color:#4B5563;font-size:.95rem}
.ggu-report details{margin-top:8px}.ggu-report .title{background:#0072B2;color:#fff}
.ggu-report .title .lead,.ggu-report .title .meta,.ggu-report .title .demo{color:#fff}
""" + f".ggu-report .demo{{color:{DEMO_COLOUR};font-weight:700;text-transform:uppercase}}"
# Presentation mode on the page: one slide in large type.
PRESENT_CSS = (".ggu-report h2{font-size:3.2rem;line-height:1.15}.ggu-report h1{font-size:4rem}"
               ".ggu-report .lead{font-size:1.6rem}.ggu-report .kpi b{font-size:4.2rem}"
               ".ggu-report .kpi span{font-size:1.6rem}.ggu-report table{font-size:1.3rem}"
               ".ggu-report li,.ggu-report .notes p{font-size:1.4rem}")


def page_style(presenting: bool) -> str:
    """The <style> the ALV-rapport page puts above its slides."""
    return f"<style>{CSS}{PRESENT_CSS if presenting else ''}</style>"


def slide_block(slide: Slide, report: Report) -> str:
    """One slide as the page shows it (its chart and table are drawn by the page)."""
    return f"<div class='ggu-report'>{slide_html(slide, report, False)}</div>"



def slide_html(slide: Slide, report: Report, with_chart_table: bool = True) -> str:
    """One slide as HTML without the chart itself (the page and the HTML file add it)."""
    e = html.escape
    out = [f"<h1>{e(slide.title)}</h1>" if slide.key == "title" else f"<h2>{e(slide.title)}</h2>"]
    if slide.lead:
        out.append(f"<p class='lead'>{e(slide.lead)}</p>")
    if slide.kpis:
        out.append("<div class='kpis'>" + "".join(
            f"<div class='kpi'><b>{e(v)}</b><span>{e(label)}</span></div>"
            for v, label in slide.kpis) + "</div>")
    if slide.lists:
        out.append("<div class='lists'>" + "".join(
            f"<div><h3>{e(h)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines)
            + "</ul></div>" for h, lines in slide.lists) + "</div>")
    if slide.notes:
        out.append("<div class='notes'>" + "".join(f"<p>{e(n)}</p>"
                                                   for n in slide.notes) + "</div>")
    if slide.table is not None:
        out.append(slide.table.to_html(index=False, border=0))
    if slide.chart is not None and with_chart_table:
        out.append(f"<details><summary>{e(t('rp.table_for_chart', lang=report.lang))}</summary>"
                   + slide.chart.table.to_html(index=False, border=0) + "</details>")
    return "\n".join(out)


def render_html(report: Report) -> bytes:
    """One self-contained file: plotly.js inlined once, no external script, style or font."""
    lang, e = report.lang, html.escape
    demo = f"<span class='demo'>{e(t('rp.demo', lang=lang))}</span> · " if report.is_demo else ""
    parts, first = [], True
    for n, slide in enumerate(report.slides, start=1):
        chart = ""
        if slide.chart is not None:
            chart = slide.chart.fig.to_html(full_html=False, include_plotlyjs=first,
                                            config=PLOTLY_CONFIG)
            first = False
        cls = " class='title'" if slide.key == "title" else ""
        parts.append(f"<section id='dia-{n}'{cls}>{slide_html(slide, report)}{chart}"
                     f"<p class='meta'>{demo}"
                     f"{e(t('rp.page', lang=lang, n=n, total=len(report.slides)))}"
                     "</p></section>")
    doc = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
           f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
           f"<title>{e(t('rp.doc_title', lang=lang, year=report.year))}</title>"
           f"<style>body{{margin:0;background:#F3F4F6}}{CSS}</style></head>"
           f"<body class='ggu-report'>{''.join(parts)}</body></html>")
    return doc.encode("utf-8")
