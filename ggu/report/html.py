"""The report as one self-contained HTML file that presents itself (one slide at a time, filling
the window, keys and address as on the page; plotly.js inlined once, no external script, style
or font), the same deck for the ALV-rapport page's presentation mode, and one slide as HTML for
the page's overview."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from ggu.i18n import t
from ggu.present.palette import PLOTLY_CONFIG
from ggu.report.model import DEMO_COLOUR, Report, Slide, is_number_column

DECK_JS = (Path(__file__).parent / "deck.js").read_text(encoding="utf-8")

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
.ggu-report th,.ggu-report td{padding:6px 12px;border-bottom:1px solid #D1D5DB;text-align:left;
 vertical-align:top}
.ggu-report th.num,.ggu-report td.num{text-align:right}.ggu-report td.num{white-space:nowrap}
.ggu-report th{background:#EEF4FA}
.ggu-report .lists{display:grid;grid-template-columns:1fr 1fr;gap:12px 32px}
.ggu-report .lists h3{color:#0072B2}
.ggu-report .notes{font-size:1.2rem}.ggu-report .meta{color:#4B5563;font-size:.95rem}
.ggu-report details{margin-top:8px}.ggu-report .title{background:#0072B2;color:#fff}
.ggu-report .title .lead,.ggu-report .title .meta,.ggu-report .title .demo{color:#fff}
""" + f".ggu-report .demo{{color:{DEMO_COLOUR};font-weight:700;text-transform:uppercase}}"

# The deck: each slide the whole window, its type in units of the largest 16:9 box that fits
# (--u: 1 % of its height), so that what fits at 1280 x 720 fits at 1920 x 1080 alike; a chart
# takes the room that is left. On a screen taller than wide (a phone) the type follows the width
# and a slide scrolls: a phone is for reading the file, not for presenting.
DECK_CSS = """
.ggu-deck{--u:min(1vh,.5625vw);position:fixed;inset:0;z-index:1000100;background:#fff;
 overflow:hidden;font-size:calc(2.4*var(--u))}
.ggu-deck section{position:absolute;inset:0;margin:0;max-width:none;border-radius:0;
 box-shadow:none;box-sizing:border-box;padding:calc(4*var(--u)) calc(6*var(--u))
 calc(1*var(--u));display:none;flex-direction:column;overflow:hidden}
.ggu-deck section.current{display:flex}
.ggu-deck h1{font-size:calc(8*var(--u));line-height:1.1;margin:12vh 0 .3em}
.ggu-deck h2{font-size:calc(4.6*var(--u));line-height:1.15;margin:0 0 .3em}
.ggu-deck .lead{font-size:calc(2.7*var(--u));margin:0 0 calc(1.5*var(--u))}
.ggu-deck .body{flex:1 1 0;min-height:0;display:flex;flex-direction:column;
 gap:calc(1.5*var(--u))}
.ggu-deck .body.side{flex-direction:row}
.ggu-deck .body.side>.chart{flex:1 1 0;min-width:0}
.ggu-deck .body.side>.aside{flex:1 1 0;min-width:0;overflow:hidden}
.ggu-deck .aside table{font-size:calc(2*var(--u))}
.ggu-deck .aside th,.ggu-deck .aside td{padding:calc(.5*var(--u)) calc(.8*var(--u))}
.ggu-deck .chart{flex:1 1 0;min-height:0;display:flex;flex-direction:column}
.ggu-deck .chart .plot{flex:1 1 0;min-height:0}
.ggu-deck details{font-size:calc(2*var(--u));margin:0}
.ggu-deck details[open]>div{max-height:30vh;overflow:auto}
.ggu-deck .kpis{margin:calc(4*var(--u)) 0;gap:calc(2*var(--u))}
.ggu-deck .kpi{padding:calc(3*var(--u))}
.ggu-deck .kpi b{font-size:calc(7.5*var(--u))}.ggu-deck .kpi span{font-size:calc(3*var(--u))}
.ggu-deck table{font-size:calc(2.3*var(--u));margin:0}
.ggu-deck th,.ggu-deck td{padding:calc(.6*var(--u)) calc(1.2*var(--u))}
.ggu-deck .lists{gap:0 calc(4*var(--u))}
.ggu-deck .lists h3{font-size:calc(3*var(--u));margin:0 0 .3em}
.ggu-deck .lists ul{margin:0;padding-left:1.2em}
.ggu-deck li{font-size:calc(2.3*var(--u));margin:0 0 .25em}
.ggu-deck .notes p{font-size:calc(2.6*var(--u));margin:0 0 .6em}
.ggu-deck .aside .notes p{font-size:calc(2.1*var(--u))}
.ggu-deck .meta{font-size:calc(1.8*var(--u));margin:calc(1*var(--u)) 0 0;min-height:1.5em}
.ggu-deck .nav{position:absolute;right:calc(2*var(--u));bottom:calc(1*var(--u));
 display:flex;gap:calc(1*var(--u));z-index:2}
.ggu-deck .nav button{font:inherit;font-size:calc(2*var(--u));padding:.2em .7em;
 border:1px solid #9CA3AF;border-radius:6px;background:#fff;color:#111;cursor:pointer}
.ggu-deck .nav button:disabled{opacity:.5;cursor:default}
.ggu-deck .nav button:focus-visible{outline:3px solid #0B5394;outline-offset:2px}
@media (max-aspect-ratio:1/1){.ggu-deck{--u:1.6vw}
 .ggu-deck section{overflow-y:auto;padding-bottom:calc(8*var(--u))}
 .ggu-deck .body,.ggu-deck .body.side{flex:none;flex-direction:column}
 .ggu-deck .chart{flex:none;height:60vh}.ggu-deck .lists{grid-template-columns:1fr}
 .ggu-deck .aside{overflow:visible}.ggu-deck table{display:block;overflow-x:auto}}
@media print{.ggu-deck{position:static}.ggu-deck .nav{display:none}
 .ggu-deck section{display:flex;position:relative;height:100vh;break-after:page}}
"""
# Presentation mode on the page: no sidebar, header or demo banner; the deck covers the page.
PAGE_CHROME_CSS = ("[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
                   "[data-testid='stHeader'],[data-testid='stToolbar'],"
                   "[data-testid='stMainBlockContainer'] [data-testid='stAlert']{display:none}"
                   "html,body{overflow:hidden}")

def table_html(df: pd.DataFrame) -> str:
    """A table of texts (display_frame's), escaped; its number columns right-aligned, its text
    columns left-aligned."""
    e = html.escape
    num = [is_number_column(df[c]) for c in df.columns]
    cls = [" class='num'" if n else "" for n in num]
    head = "".join(f"<th scope='col'{c}>{e(str(name))}</th>" for name, c in zip(df.columns, cls))
    body = "".join("<tr>" + "".join(f"<td{c}>{e(str(v))}</td>" for v, c in zip(row, cls))
                   + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page_style(presenting: bool) -> str:
    """The <style> the ALV-rapport page puts above its slides (in presentation mode also the
    deck's and the rule that hides the page's chrome)."""
    return f"<style>{CSS}{DECK_CSS + PAGE_CHROME_CSS if presenting else ''}</style>"


def slide_block(slide: Slide, report: Report) -> str:
    """One slide as the page's overview shows it (its chart and table are drawn by the page)."""
    return f"<div class='ggu-report'>{slide_html(slide, report, False)}</div>"


def _head(slide: Slide) -> list[str]:
    e = html.escape
    out = [f"<h1>{e(slide.title)}</h1>" if slide.key == "title" else f"<h2>{e(slide.title)}</h2>"]
    if slide.lead:
        out.append(f"<p class='lead'>{e(slide.lead)}</p>")
    return out


def _parts(slide: Slide) -> list[str]:
    """The slide's key figures, lists, notes and table (not its chart)."""
    e, out = html.escape, []
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
        out.append(table_html(slide.table))
    return out


def _chart_table(slide: Slide, lang: str) -> str:
    assert slide.chart is not None   # (called for chart slides only)
    return (f"<details><summary>{html.escape(t('rp.table_for_chart', lang=lang))}</summary>"
            f"<div>{table_html(slide.chart.table)}</div></details>")


def slide_html(slide: Slide, report: Report, with_chart_table: bool = True) -> str:
    """One slide as HTML without the chart itself (the page adds it)."""
    out = _head(slide) + _parts(slide)
    if slide.chart is not None and with_chart_table:
        out.append(_chart_table(slide, report.lang))
    return "\n".join(out)


def _figure(slide: Slide, report: Report) -> str:
    """The slide's chart: its figure as JSON (drawn by deck.js once the slide is shown) and the
    table of its figures."""
    assert slide.chart is not None   # (called for chart slides only)
    figure = slide.chart.fig.to_json().replace("</", "<\\/")
    config = html.escape(json.dumps(PLOTLY_CONFIG))
    return (f"<div class='chart' data-figure data-config='{config}'>"
            f"<div class='plot'></div>"
            f"<script type='application/json'>{figure}</script>"
            f"{_chart_table(slide, report.lang)}</div>")


def deck_html(report: Report) -> str:
    """The slides as a deck (for deck.js): one <section> a slide, its demo mark and number at
    its foot, and the buttons to page and (on the page) to close."""
    lang, e = report.lang, html.escape
    demo = f"<span class='demo'>{e(t('rp.demo', lang=lang))}</span> · " if report.is_demo else ""
    parts = []
    for n, slide in enumerate(report.slides, start=1):
        rest = _parts(slide)
        if slide.chart is None:
            body = f"<div class='body'>{''.join(rest)}</div>"
        elif rest:
            body = (f"<div class='body side'>{_figure(slide, report)}"
                    f"<div class='aside'>{''.join(rest)}</div></div>")
        else:
            body = f"<div class='body'>{_figure(slide, report)}</div>"
        cls = " title" if slide.key == "title" else ""
        parts.append(f"<section id='dia-{n}' class='slide{cls}'>"
                     f"{''.join(_head(slide))}{body}<p class='meta'>{demo}"
                     f"{e(t('rp.counter', lang=lang, n=n, total=len(report.slides)))}"
                     "</p></section>")
    nav = ("<div class='nav'>"
           f"<button type='button' data-step='-1'>← {e(t('rp.prev', lang=lang))}</button>"
           f"<button type='button' data-step='1'>{e(t('rp.next', lang=lang))} →</button>"
           f"<button type='button' data-close>✕ {e(t('rp.close', lang=lang))}</button></div>")
    return (f"<div class='ggu-deck ggu-report' role='region' "
            f"aria-label='{e(report.title)}'>"
            f"{''.join(parts)}{nav}</div>")


def render_html(report: Report) -> bytes:
    """One self-contained file that presents itself: plotly.js inlined once, no external
    script, style or font; #dia-N in the address opens slide N and follows the slide."""
    from plotly.offline import get_plotlyjs
    lang, e = report.lang, html.escape
    doc = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
           f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
           f"<title>{e(report.title)}</title>"
           f"<style>body{{margin:0;background:#fff}}{CSS}{DECK_CSS}</style>"
           f"<script type='text/javascript'>{get_plotlyjs()}</script></head>"
           f"<body>{deck_html(report)}<script>{DECK_JS}\n"
           "const found = /^#dia-(\\d+)$/.exec(window.location.hash);\n"
           "gguDeck(document.querySelector('.ggu-deck'), {Plotly: window.Plotly, "
           "start: found ? Number(found[1]) : 1, follow: 'hash'});</script></body></html>")
    return doc.encode("utf-8")
