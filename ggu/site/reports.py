"""The ALV report of each year (HTML page and PDF) and the published planning scenarios as the
ALV proposal, from ggu.report: the same slides, figures and words as the dashboard's ALV-rapport
and Planning pages. A scenario in concept is never read here (build.published)."""
from __future__ import annotations

from markupsafe import Markup

from ggu import i18n, paths
from ggu.i18n import t
from ggu.plan import Scenario
from ggu.report import build as build_report
from ggu.report import build_proposal
from ggu.report.html import slide_html
from ggu.report.model import Report
from ggu.report.pdf import render_pdf
from ggu.site.render import Chart, Site, page_path, table, write_page


def _slides(report: Report) -> list[dict]:
    """Each slide as escaped HTML (ggu.report.html) and its chart, drawn by the site's script;
    the chart's table is in the slide's HTML already."""
    out = []
    for n, slide in enumerate(report.slides, start=1):
        chart = None
        if slide.chart is not None:
            chart = Chart(f"s{n}", slide.title, slide.lead, slide.chart.fig, table(
                slide.chart.table))
        # the ALV report's own HTML (ggu.report.html escapes every data text)
        out.append({"html": Markup(slide_html(slide, report, with_chart_table=True)),  # noqa: S704
                    "chart": chart, "n": n})
    return out


def pdf_name(year: int, lang: str) -> str:
    return paths.file_name("alv-rapport", year, lang, ext="pdf")


def write_report(site: Site, lang: str, year: int, query) -> tuple[str, str]:
    """The ALV report of `year`: a page and a PDF (each chart as its table: no browser is
    needed to build the site)."""
    other = "en" if lang == "nl" else "nl"
    report = build_report(year, lang=lang, query=query)
    path = page_path(lang, "reports", year)
    with i18n.using(lang):
        write_page(site, path, "report.html", page_path(other, "reports", year), lang,
                   title=t("rp.doc_title", year=year), slides=_slides(report),
                   pdf=path.rsplit("/", 1)[0] + "/" + pdf_name(year, lang))
    (site.out / path).parent.joinpath(pdf_name(year, lang)).write_bytes(render_pdf(report, {}))
    return path, t("rp.doc_title", lang=lang, year=year)


def write_scenario(site: Site, lang: str, scenario: Scenario, query) -> tuple[str, str]:
    """A published scenario as the ALV proposal."""
    other = "en" if lang == "nl" else "nl"
    report = build_proposal(scenario, lang=lang, query=query)
    key = paths.folder_name(scenario.name)
    path = page_path(lang, "scenarios", key)
    with i18n.using(lang):
        title = t("site.scenario_title", name=scenario.name)
        write_page(site, path, "report.html", page_path(other, "scenarios", key), lang,
                   title=title, slides=_slides(report), pdf=None)
    return path, title
