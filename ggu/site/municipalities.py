"""The municipalities' pages, in both languages: what each pays and what is attributed to it,
every year, to the cent as its council brief (ggu.report.brief) shows them, the products it
uses and does not use, its size class and province compared, its brief as PDF; the card to
embed (/embed/{nl,en}/{GM}.html); and the list of them all.

The pages of one language are written in chunks by worker processes (`write_chunk`), each
reading the queries once: a brief's PDF is the costly part of the whole build."""
from __future__ import annotations

import datetime as dt
import functools
import time

import pandas as pd

from ggu import i18n, paths, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import charts, narrative
from ggu.present.narrative import municipality as words
from ggu.report import brief
from ggu.report.brief_pdf import render_brief
from ggu.site.render import Chart, Site, environment, page_path, table, write_page

YEAR_COLUMNS = ["year", "inhabitants", "rate_per_inhabitant_eur", "contribution_eur",
                "attributed_eur", "attributed_vs_paid_pct"]


def embed_path(lang: str, code: str) -> str:
    return f"embed/{lang}/{paths.file_name(code, ext='html')}"


@functools.cache
def _figures(snapshot_path: str, year: int) -> brief.Figures:
    """The queries of every brief of the year, read once per process."""
    return brief.figures_of(year, lambda name, **p: store.run(name, snapshot_path, **p))


@functools.cache
def _by_code(snapshot_path: str, year: int) -> dict:
    f = _figures(snapshot_path, year)
    return {code: part.sort_values("year") for code, part in f.rows.groupby("cbs_code")}


def codes(snapshot_path: str, year: int) -> list[str]:
    return brief.codes_of(_figures(snapshot_path, year))


def write_chunk(site: Site, snapshot_path: str, year: int, lang: str, chunk: list[str],
                made: dt.date, with_pdf: bool = True) -> tuple[list[tuple[str, str]], float]:
    """The page, the embed card and the brief (PDF) of each municipality in `chunk`, in
    `lang`; returns the pages written (for the sitemap) and the CPU seconds it took."""
    started = time.process_time()
    site.written = []
    f = _figures(snapshot_path, year)
    rows = _by_code(snapshot_path, year)
    briefs = brief.build_all(f, lang, made, chunk)
    for one in briefs:
        page = write_municipality(site, lang, one, rows[one.cbs_code], f)
        if with_pdf:
            (site.out / page).parent.joinpath(one.file_name).write_bytes(render_brief(one))
    return site.written, time.process_time() - started


def write_municipality(site: Site, lang: str, one: brief.Brief, rows: pd.DataFrame,
                       f: brief.Figures) -> str:
    other = "en" if lang == "nl" else "nl"
    code = one.cbs_code
    path = page_path(lang, "municipalities", code)
    with i18n.using(lang):
        row = rows[rows["year"] == one.year].iloc[0]
        name = str(row["name"])
        chart = Chart("trend", narrative.municipality_trend_title(name, rows),
                      narrative.municipality_trend_summary(rows),
                      charts.municipality_trend(rows), table(rows, YEAR_COLUMNS, eur_digits=2))
        years = [{"year": int(r.year), "paid": words.amount(r.contribution_eur),
                  "attributed": words.amount(r.attributed_eur),
                  "pct": fmt.pct(r.attributed_vs_paid_pct)}
                 for r in rows.sort_values("year", ascending=False).itertuples()]
        compare = table(words.comparison(row), caption=t("gm.compare_title"))
        write_page(site, path, "municipality.html", page_path(other, "municipalities", code),
                   lang, title=name, brief=one, years=years, chart=chart, compare=compare,
                   kpis=[(t("gm.kpi_contribution", year=one.year),
                           words.amount(row["contribution_eur"])),
                         (t("gm.kpi_attributed", year=one.year),
                          words.amount(row["attributed_eur"])),
                         (t("gm.kpi_products"), words.products_value(row))],
                   embed=embed_path(lang, code),
                   pdf=path.rsplit("/", 1)[0] + "/" + one.file_name)
        write_page(site, embed_path(lang, code), "embed.html", embed_path(other, code), lang,
                   record=False, title=one.title, brief=one, page=path,
                   kpis=[(t("gm.kpi_contribution", year=one.year),
                           words.amount(row["contribution_eur"])),
                         (t("gm.kpi_attributed", year=one.year),
                          words.amount(row["attributed_eur"]))])
    return path


def write_list(site: Site, snapshot_path: str, year: int, lang: str) -> None:
    """Every municipality of the year, by name, with what it paid and what it got."""
    other = "en" if lang == "nl" else "nl"
    f = _figures(snapshot_path, year)
    this = f.rows[f.rows["year"] == year].sort_values(["name", "cbs_code"])
    with i18n.using(lang):
        entries = [{"path": page_path(lang, "municipalities", r.cbs_code), "name": r.name,
                    "cells": [r.province, words.amount(r.contribution_eur),
                              words.amount(r.attributed_eur)]}
                   for r in this.itertuples()]
        write_page(site, page_path(lang, "municipalities"), "list.html",
                   page_path(other, "municipalities"), lang,
                   title=t("site.municipalities_title"),
                   lead=t("site.municipalities_lead", n=len(entries), year=year),
                   items=entries, heads=[t("col.province"), t("gm.kpi_contribution", year=year),
                                         t("gm.kpi_attributed", year=year)])


def template_ok() -> None:
    """Load the templates once in the parent (a missing one fails before the workers start)."""
    for name in ("municipality.html", "embed.html", "list.html"):
        environment().get_template(name)
