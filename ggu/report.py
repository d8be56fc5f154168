"""The ALV report: its content built once (`build`: a list of slides with their figures, from the
same queries as the pages) and rendered as PDF (fpdf2, charts as images via kaleido and the
system Chromium), PowerPoint (python-pptx, native editable charts) and one self-contained HTML
file (plotly.js inlined). The rapport page shows the same slides in presentation mode.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import re
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ggu import charts, db, i18n
from ggu import formatting as fmt
from ggu.i18n import t

FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "html": "text/html"}
WHATIF_STEP = Decimal("0.25")          # the what-if: the rate a quarter euro higher
LIST_ROWS = 5                          # items per list on the 'what stands out' slide
ACCENT = "#0072B2"
DEMO_COLOUR = "#D55E00"
INK = "#111111"
GREY = "#4B5563"


@dataclass
class Chart:
    """A chart: the plotly figure (page, HTML, PDF image) and the same figures as plain series
    (native PowerPoint chart; the PDF's table when no image can be made)."""
    fig: go.Figure
    kind: str                          # native type: 'bar' (horizontal), 'column' or 'line'
    categories: list[str]
    series: dict[str, list[float]]     # name -> values, in euro or percent
    unit: str                          # 'eur' or 'pct'
    table: pd.DataFrame                # the figures as formatted text


@dataclass
class Slide:
    key: str
    title: str
    lead: str = ""
    kpis: list[tuple[str, str]] = field(default_factory=list)     # (value, label)
    chart: Chart | None = None
    table: pd.DataFrame | None = None                             # formatted text
    lists: list[tuple[str, list[str]]] = field(default_factory=list)   # (heading, lines)
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    year: int
    lang: str
    snapshot: str
    as_of: str
    made: str
    is_demo: bool
    slides: list[Slide]
    figures: dict                      # the raw numbers (to reconcile with `ggu summary`)


@contextlib.contextmanager
def _language(lang: str | None):
    """Build in a given language (chart builders and t() read the current one)."""
    token = i18n._lang.set(lang or i18n.lang())
    try:
        yield i18n.lang()
    finally:
        i18n._lang.reset(token)


def _text_table(df: pd.DataFrame, columns: list[str], headers: dict[str, str] | None = None,
                eur_digits: int = 0) -> pd.DataFrame:
    out = fmt.display_frame(df, columns, eur_digits=eur_digits)
    out.columns = [(headers or {}).get(c) or h for c, h in zip(columns, out.columns)]
    return out


def _series_chart(fig, kind, labels, df, columns: dict[str, str], unit, table_columns) -> Chart:
    return Chart(fig=fig, kind=kind, categories=[str(x) for x in labels],
                 series={name: [float(v) for v in df[c]] for name, c in columns.items()},
                 unit=unit, table=_text_table(df, table_columns))


def build(year: int, data_dir=None, lang: str | None = None, made: dt.date | None = None) -> Report:
    """The report of a year: every figure from the queries the pages use."""
    with _language(lang) as lang:
        return _build(year, data_dir, lang, made or dt.date.today())


def _build(year, data_dir, lang, made) -> Report:
    q = lambda name, **p: db.query(name, data_dir, **p)   # noqa: E731
    meta = q("meta").iloc[0]
    years = q("years")["year"].tolist()
    totals_all = q("totals_by_year")
    totals_all = totals_all[totals_all["year"] <= year].reset_index(drop=True)
    totals = totals_all[totals_all["year"] == year].iloc[0]
    split = q("split_by_category_by_year", year=year)
    contrib_all = q("contributions_by_year")
    contrib_all = contrib_all[contrib_all["year"] <= year].reset_index(drop=True)
    contrib = contrib_all[contrib_all["year"] == year]
    compare = year - 1 if year - 1 in years else None
    goals = q("goal_allocation_by_year", year=year, compare_year=compare)
    indicators = q("indicator_progress")
    items = q("portfolio_by_item", year=year)
    exceptions = q("exceptions_by_item", year=year)
    as_of = fmt.date(meta["as_of_date"])
    partial = bool(totals["is_partial_year"])
    cats = [i18n.value("category", c) for c in split["category"]]

    slides = [Slide("title", t("rp.doc_title", year=year), t("rp.doc_subtitle"), notes=[
        t("rp.as_of", as_of=as_of), t("rp.made", date=fmt.date(made)),
        t("rp.snapshot", snapshot=meta["snapshot_id"])]
        + ([t("rp.partial", year=year, as_of=as_of)] if partial else [])
        + ([t("rp.demo_note")] if meta["is_demo"] else []))]

    # The fund in one number.
    kpis = [(fmt.eur_mln(totals["budget_eur"]), t("rp.kpi_total", year=year))]
    if not contrib.empty:
        c = contrib.iloc[0]
        kpis += [(fmt.eur(c["rate_per_inhabitant_eur"], digits=2), t("rp.kpi_rate")),
                 (fmt.number(c["paying_municipalities"]), t("rp.kpi_municipalities"))]
    kpis.append((fmt.eur_mln(totals["spent_eur"]), t("rp.kpi_spent")))
    slides.append(Slide(
        "fund", t("rp.fund_title", total=fmt.eur_mln(totals["budget_eur"])),
        t("rp.fund_lead", year=year, fonds=fmt.eur_mln(totals["budget_fonds_eur"]),
          rijk=fmt.eur_mln(totals["budget_rijk_eur"]),
          overig=fmt.eur_mln(totals["budget_overig_eur"]),
          spent=fmt.eur_mln(totals["spent_eur"]), pct=fmt.pct(totals["realised_pct"])),
        kpis=kpis))

    # The split against the norm.
    slides.append(Slide(
        "split", charts.split_title(split, year), charts.split_summary(split, year),
        chart=_series_chart(
            charts.split_vs_norm(split), "bar", cats, split,
            {t("rp.split_native_share"): "budget_share_pct", t("rp.split_native_norm"): "norm_pct"},
            "pct", ["category", "budget_eur", "budget_share_pct", "norm_pct", "deviation_pp",
                    "is_within_tolerance"])))

    # Spending against budget per category, and the trend.
    slides.append(Slide(
        "spending", charts.budget_vs_spent_title(split, year), charts.budget_vs_spent_summary(split),
        chart=_series_chart(
            charts.budget_vs_spent(split, "category"), "column", cats, split,
            {t("series.budget"): "budget_eur", t("series.spent"): "spent_eur"}, "eur",
            ["category", "budget_eur", "spent_eur", "realised_pct"])))
    slides.append(Slide(
        "trend", charts.trend_title(totals_all), charts.trend_summary(totals_all),
        chart=_series_chart(
            charts.budget_vs_spent(totals_all, "year",
                                   t("trend.partial", as_of=fmt.date(meta["as_of_date"], short=True))),
            "line", totals_all["year"].astype(int), totals_all,
            {t("series.budget"): "budget_eur", t("series.spent"): "spent_eur"}, "eur",
            ["year", "budget_eur", "spent_eur", "realised_pct"])))

    # The strategic goals and their indicators.
    verdicts = indicators.drop_duplicates("goal_id").set_index("goal_id")["goal_verdict"]
    parts = []
    for v in ("achter", "aandacht", "op_koers"):
        listed = [g for g in goals["goal_id"] if verdicts.get(g) == v]
        if listed:
            parts.append(t("rp.goals_part", verdict=charts.verdict_label(v),
                           goals=charts._listing(listed)))
    goal_names = [f"{g} {n}" for g, n in zip(goals["goal_id"], goals["name"])]
    slides.append(Slide(
        "goals", charts.goal_allocation_title(goals, year),
        t("rp.goals_lead", parts="; ".join(parts)),
        chart=_series_chart(
            charts.goal_allocation(goals, year, compare), "bar", goal_names, goals,
            {str(year): "budget_eur"}, "eur",
            ["goal_id", "name", "budget_eur", "budget_share_pct", "spent_eur"])))
    ind = indicators.assign(
        latest=[f"{fmt.number(v, 1)} {u}" for v, u in zip(indicators["latest_value"],
                                                          indicators["unit"])],
        target=[f"{fmt.number(v, 1)} ({int(y)})" for v, y in zip(indicators["target_value"],
                                                                 indicators["target_year"])],
        verdict_text=[charts.verdict_label(v) for v in indicators["verdict"]])
    slides.append(Slide(
        "indicators", charts.indicator_title(indicators),
        t("rp.ind_lead"),
        table=pd.DataFrame({t("rp.col_goal"): ind["goal_id"], t("rp.col_indicator"): ind["name"],
                            t("rp.col_latest"): ind["latest"], t("rp.col_target"): ind["target"],
                            t("col.progress_pct"): [fmt.pct(p, 0) for p in ind["progress_pct"]],
                            t("col.verdict"): ind["verdict_text"]})))

    # The items that stand out.
    def lines(rows: pd.DataFrame, amount: str, reason: bool = False) -> list[str]:
        out = [f"{n} · {fmt.eur_mln(a)}" + (f" · {r}" if reason else "")
               for n, a, r in zip(rows["name"], rows[amount],
                                  fmt.exception_reasons(rows) if reason and len(rows)
                                  else [""] * len(rows))][:LIST_ROWS]
        if len(rows) > LIST_ROWS:
            out.append(t("rp.items_more", n=len(rows) - LIST_ROWS))
        return out or [t("rp.items_none")]
    biggest = items.sort_values("budget_eur", ascending=False)
    slides.append(Slide("items", t("rp.items_title", year=year), t("rp.items_lead"), lists=[
        (t("rp.items_biggest"), lines(biggest, "budget_eur")),
        (t("rp.items_exceptions"), lines(exceptions, "budget_eur", reason=True)),
        (t("rp.items_finished", year=year), lines(biggest[biggest["end_year"] == year],
                                                  "budget_eur")),
        (t("rp.items_new", year=year), lines(biggest[biggest["start_year"] == year],
                                             "budget_eur"))]))

    # The contributions, with the what-if.
    if not contrib.empty:
        c = contrib.iloc[0]
        rate = Decimal(str(c["rate_per_inhabitant_eur"])).quantize(Decimal("0.01"))
        today = q("whatif_fund_by_category", year=year, rate=float(rate), indexation_pct=0.0)
        more = q("whatif_fund_by_category", year=year, rate=float(rate + WHATIF_STEP),
                 indexation_pct=0.0)
        slides.append(Slide(
            "contributions",
            t("rp.contrib_title", year=year, rate=fmt.eur(rate, digits=2),
              total=fmt.eur_mln(c["contributions_due_eur"])),
            t("rp.contrib_lead", n=fmt.number(c["paying_municipalities"]),
              inh=fmt.number(c["inhabitants"]), received=fmt.eur_mln(c["contributions_received_eur"]),
              total=fmt.eur_mln(c["contributions_due_eur"])),
            chart=_series_chart(
                charts.funding_by_year(contrib_all), "column",
                contrib_all["year"].astype(int), contrib_all,
                {t("rp.contrib_chart"): "contributions_due_eur"}, "eur",
                ["year", "rate_per_inhabitant_eur", "contributions_due_eur"]),
            table=pd.DataFrame({t("col.category"): [i18n.value("category", c)
                                                    for c in today["category"]],
                                t("col.norm_pct"): [fmt.pct(n, 0) for n in today["norm_pct"]]}
                               | {t(f"col.{c}"): [fmt.eur_mln(v) for v in today[c]]
                                  for c in ("envelope_eur", "budget_fonds_eur", "gap_eur")}),
            notes=[t("rp.whatif", rate=fmt.eur(rate + WHATIF_STEP, digits=2),
                     change="+" + fmt.eur(WHATIF_STEP, digits=2),
                     fund=fmt.eur_mln(more["fund_eur"].iloc[0]),
                     delta="+" + fmt.eur_mln(more["fund_change_eur"].iloc[0])),
                   t("rp.whatif_table")]))
        slides[-1].chart.table = _text_table(contrib_all, ["year", "rate_per_inhabitant_eur",
                                                           "contributions_due_eur"],
                                             eur_digits=2)

    slides.append(Slide("closing", t("rp.close_title"), notes=[
        t("rp.close_source", source=t("rp.demo") if meta["is_demo"] else meta["data_source"],
          snapshot=meta["snapshot_id"], as_of=as_of),
        t("rp.close_cbs"), t("rp.close_same", year=year), t("rp.close_made", date=fmt.date(made))]))

    figures = {"budget_eur": float(totals["budget_eur"]), "spent_eur": float(totals["spent_eur"]),
               "categories": {r.category: {"budget_eur": float(r.budget_eur),
                                           "spent_eur": float(r.spent_eur),
                                           "budget_share_pct": float(r.budget_share_pct),
                                           "norm_pct": float(r.norm_pct),
                                           "deviation_pp": float(r.deviation_pp)}
                              for r in split.itertuples(index=False)}}
    return Report(year=year, lang=lang, snapshot=str(meta["snapshot_id"]), as_of=as_of,
                  made=fmt.date(made), is_demo=bool(meta["is_demo"]), slides=slides,
                  figures=figures)


# Static chart images (PDF) --------------------------------------------------------------------

IMAGE_SIZE = (1200, 620)     # px at scale 1 (drawn at scale 2): a chart across the page
SIDE_SIZE = (900, 640)       # a chart beside a table


def chart_images(report: Report) -> dict[str, bytes]:
    """PNG images of the report's charts, all in one kaleido (Chromium) session. Raises when
    Chromium or kaleido is not available; `render_pdf` then falls back to tables."""
    import kaleido
    import plotly.io as pio

    figs = {s.key: s.chart.fig for s in report.slides if s.chart is not None}
    sides = {s.key for s in report.slides if s.chart is not None and s.table is not None}
    images = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server(silence_warnings=True)
        try:
            for key, fig in figs.items():
                w, h = SIDE_SIZE if key in sides else IMAGE_SIZE
                big = go.Figure(fig).update_layout(width=w, height=h)
                images[key] = pio.to_image(big, format="png", scale=2)
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    return images


# PDF --------------------------------------------------------------------------------------------

FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu")]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def render_pdf(report: Report, images: dict[str, bytes] | None = None) -> bytes:
    """A4 landscape: title page, one page per slide, page numbers, snapshot and date in the
    footer, 'voorbeelddata' on every page for demo data. `images`: from chart_images (made here
    when None); when they cannot be made, each chart's table takes its place, with a note."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    if images is None:
        try:
            images = chart_images(report)
        except Exception:   # no Chromium or kaleido: tables instead of charts
            images = {}
    lang = report.lang

    class PDF(FPDF):
        def header(self):
            if self.page_no() == 1:
                return
            self.set_font("sans", "", 9)
            self.set_text_color(*_rgb(GREY))
            self.set_xy(15, 8)
            self.cell(0, 5, t("rp.doc_header", lang=lang, year=report.year))
            if report.is_demo:
                self._demo_mark()
            self.set_draw_color(*_rgb(ACCENT))
            self.set_line_width(0.6)
            self.line(15, 14, 282, 14)

        def _demo_mark(self):
            self.set_font("sans", "B", 10)
            self.set_text_color(*_rgb(DEMO_COLOUR))
            self.set_xy(182, 8)
            self.cell(100, 5, t("rp.demo", lang=lang).upper(), align="R")

        def footer(self):
            self.set_y(-12)
            self.set_font("sans", "", 9)
            self.set_text_color(*_rgb(GREY))
            self.cell(0, 5, f"{t('rp.snapshot', lang=lang, snapshot=report.snapshot)} · "
                            f"{t('rp.as_of', lang=lang, as_of=report.as_of)} · "
                            f"{t('rp.made', lang=lang, date=report.made)}")
            self.set_x(182)
            self.cell(100, 5, t("rp.page", lang=lang, n=self.page_no(), total="{nb}"), align="R")

    pdf = PDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 18, 15)
    fonts = {"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf"}
    needed = [FONT_DIRS[0] / n for n in fonts.values()] + \
        [FONT_DIRS[1] / n for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")]
    if not all(path.is_file() for path in needed):
        raise FileNotFoundError(t("rp.fonts_missing", lang=lang))
    for style, name in fonts.items():
        pdf.add_font("sans", style, str(FONT_DIRS[0] / name))
    pdf.add_font("dejavu", "", str(FONT_DIRS[1] / "DejaVuSans.ttf"))
    pdf.add_font("dejavu", "B", str(FONT_DIRS[1] / "DejaVuSans-Bold.ttf"))
    pdf.set_fallback_fonts(["dejavu"])
    pdf.set_title(t("rp.doc_title", lang=lang, year=report.year))
    pdf.set_creator("GGU Portfoliodashboard")

    def text(size, style="", colour=INK):
        pdf.set_font("sans", style, size)
        pdf.set_text_color(*_rgb(colour))

    def table(df: pd.DataFrame, x: float, y: float, w: float, size: float = 10):
        pdf.set_xy(x, y)
        text(size)
        pdf.set_draw_color(*_rgb("#D1D5DB"))
        pdf.set_line_width(0.2)
        cells = [[str(v) for v in row] for row in df.itertuples(index=False)]
        numeric = [bool(cells) and all(re.match(r"^[-+€–\d]", r[j]) for r in cells)
                   for j in range(len(df.columns))]
        widths = [max([len(str(df.columns[j])) // 2 + 4] + [min(len(r[j]), 40) for r in cells])
                  for j in range(len(df.columns))]
        with pdf.table(width=w, align="LEFT", line_height=size * 0.5, first_row_as_headings=True,
                       headings_style=FontFace(emphasis="BOLD", fill_color=_rgb("#EEF4FA")),
                       borders_layout="HORIZONTAL_LINES", padding=1.2, col_widths=widths,
                       text_align=["RIGHT" if n else "LEFT" for n in numeric]) as tbl:
            tbl.row(list(df.columns))
            for row in cells:
                tbl.row(row)
        return pdf.get_y()

    for slide in report.slides:
        pdf.add_page()
        if slide.key == "title":
            pdf.set_fill_color(*_rgb(ACCENT))
            pdf.rect(0, 0, 297, 120, style="F")
            text(40, "B", "#FFFFFF")
            pdf.set_xy(20, 50)
            pdf.cell(0, 18, slide.title)
            text(16, "", "#FFFFFF")
            pdf.set_xy(20, 75)
            pdf.multi_cell(250, 8, slide.lead, align="L")
            text(13, "", INK)
            pdf.set_xy(20, 132)
            for note in slide.notes:
                pdf.set_x(20)
                pdf.multi_cell(250, 8, note, align="L")
            if report.is_demo:
                pdf._demo_mark()
                text(10, "B", "#FFFFFF")
                pdf.set_xy(182, 8)
                pdf.cell(100, 5, t("rp.demo", lang=lang).upper(), align="R")
            continue
        text(24, "B")
        pdf.set_xy(15, 20)
        pdf.multi_cell(267, 10, slide.title, align="L")
        if slide.lead:
            text(11.5, "", GREY)
            pdf.set_x(15)
            pdf.multi_cell(267, 5.6, slide.lead.replace("`", ""), align="L")
        top = pdf.get_y() + 5
        if slide.kpis:
            w = 267 / len(slide.kpis)
            for i, (value, label) in enumerate(slide.kpis):
                x = 15 + i * w
                pdf.set_fill_color(*_rgb("#EEF4FA"))
                pdf.rect(x + 2, top + 10, w - 4, 60, style="F")
                text(34, "B", ACCENT)
                pdf.set_xy(x + 2, top + 25)
                pdf.cell(w - 4, 16, value, align="C")
                text(14, "", INK)
                pdf.set_xy(x + 2, top + 47)
                pdf.cell(w - 4, 8, label, align="C")
        side = slide.table is not None and slide.chart is not None
        if slide.chart is not None:
            width = 150 if side else 267
            size = SIDE_SIZE if side else IMAGE_SIZE
            if slide.key in images:
                height = min(width * size[1] / size[0], 195 - top)
                pdf.image(io.BytesIO(images[slide.key]), x=15, y=top, h=height, keep_aspect_ratio=True,
                          w=width)
            else:
                text(10, "B", DEMO_COLOUR)
                pdf.set_xy(15, top)
                pdf.multi_cell(width, 5, t("rp.chart_fallback", lang=lang), align="L")
                table(slide.chart.table, 15, pdf.get_y() + 2, width)
        if slide.table is not None:
            x = 172 if side else 15
            w = 110 if side else 267
            y = top
            for note in slide.notes if side else []:
                text(10.5, "B" if note is slide.notes[0] else "", INK)
                pdf.set_xy(x, y)
                pdf.multi_cell(w, 5, note, align="L")
                y = pdf.get_y() + 2
            table(slide.table, x, y, w, size=9 if side else 10.5)
        if slide.lists:
            for i, (heading, lines) in enumerate(slide.lists):
                x, y = 15 + (i % 2) * 137, top + (i // 2) * 85
                text(13, "B", ACCENT)
                pdf.set_xy(x, y)
                pdf.cell(128, 7, heading)
                text(10.5)
                pdf.set_xy(x, y + 9)
                for line in lines:
                    pdf.set_x(x)
                    pdf.multi_cell(128, 5.2, "• " + line, align="L")
                    pdf.set_y(pdf.get_y() + 1)
        if slide.key == "closing":
            text(14)
            pdf.set_xy(15, top + 5)
            for note in slide.notes:
                pdf.set_x(15)
                pdf.multi_cell(240, 8, note.replace("`", ""), align="L")
                pdf.set_y(pdf.get_y() + 3)
    return bytes(pdf.output())


# PowerPoint ------------------------------------------------------------------------------------

def render_pptx(report: Report) -> bytes:
    """16:9 slides with native (editable) charts and real tables."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Emu, Inches, Pt

    lang = report.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)   # 16:9, 13.33 x 7.5 in
    blank = prs.slide_layouts[6]
    colour = lambda h: RGBColor.from_string(h.lstrip("#"))   # noqa: E731

    def box(slide, x, y, w, h, lines, size, bold=False, col=INK, align=None):
        shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        frame = shape.text_frame
        frame.word_wrap = True
        for i, line in enumerate([lines] if isinstance(lines, str) else lines):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = line.replace("`", "")
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, colour(col)
            if align is not None:
                p.alignment = align
        return shape

    def add_table(slide, df, x, y, w, size=12):
        rows, cols = len(df) + 1, len(df.columns)
        shape = slide.shapes.add_table(rows, cols, Inches(x), Inches(y), Inches(w),
                                       Inches(0.3 * rows))
        for j, name in enumerate(df.columns):
            shape.table.cell(0, j).text = str(name)
        for i, row in enumerate(df.itertuples(index=False), start=1):
            for j, v in enumerate(row):
                shape.table.cell(i, j).text = str(v)
        if rows > 9:
            size = min(size, 10)   # a long table: smaller type, so that it stays on the slide
        # columns as wide as their longest text (within bounds), so that rows do not wrap
        longest = [min(max(len(str(v)) for v in [name, *df[name]]), 45) + 2 for name in df.columns]
        for j, width in enumerate(longest):
            shape.table.columns[j].width = Emu(int(Inches(w) * width / sum(longest)))
        for cell in (shape.table.cell(i, j) for i in range(rows) for j in range(cols)):
            cell.margin_top = cell.margin_bottom = Pt(2)
            for p in cell.text_frame.paragraphs:
                p.font.size = Pt(size)
        return shape

    kinds = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
             "line": XL_CHART_TYPE.LINE_MARKERS}
    formats = {"eur": '"€ "#,##0.0,," mln"' if lang == "nl" else '"€"#,##0.0,,"M"',
               "pct": '0.0"%"'}
    total = len(report.slides)
    for n, s in enumerate(report.slides, start=1):
        slide = prs.slides.add_slide(blank)
        if s.key == "title":
            band = slide.shapes.add_shape(1, 0, 0, prs.slide_width, Inches(4.2))
            band.fill.solid()
            band.fill.fore_color.rgb = colour(ACCENT)
            band.line.fill.background()
            box(slide, 0.8, 1.6, 11.5, 1.2, s.title, 48, True, "#FFFFFF")
            box(slide, 0.8, 2.9, 11.5, 0.8, s.lead, 20, False, "#FFFFFF")
            box(slide, 0.8, 4.6, 11.5, 2.2, s.notes, 18)
        else:
            box(slide, 0.6, 0.35, 12.1, 1.0, s.title, 30 if len(s.title) <= 55 else 22, True)
            if s.lead:
                box(slide, 0.6, 1.35, 12.1, 0.8, s.lead, 14, False, GREY)
        top = 2.25
        for i, (value, label) in enumerate(s.kpis):
            w = 12.1 / len(s.kpis)
            box(slide, 0.6 + i * w, 2.8, w, 1.0, value, 32, True, ACCENT, align=2)
            box(slide, 0.6 + i * w, 4.0, w, 0.6, label, 18, align=2)
        side = s.chart is not None and s.table is not None
        if s.chart is not None:
            data = CategoryChartData(number_format=formats[s.chart.unit])
            data.categories = s.chart.categories
            for name, values in s.chart.series.items():
                data.add_series(name, values)
            width = 7.6 if side else 12.1
            frame = slide.shapes.add_chart(kinds[s.chart.kind], Inches(0.6), Inches(top),
                                           Inches(width), Inches(4.6), data)
            chart = frame.chart
            chart.has_legend = len(s.chart.series) > 1
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.TOP
                chart.legend.include_in_layout = False
            chart.font.size = Pt(13)
            plot = chart.plots[0]
            plot.has_data_labels = True
            plot.data_labels.number_format = formats[s.chart.unit]
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(11)
            chart.value_axis.tick_labels.number_format = formats[s.chart.unit]
            chart.value_axis.tick_labels.number_format_is_linked = False
            chart.value_axis.has_major_gridlines = True
            if s.chart.kind == "bar":
                chart.category_axis.reverse_order = True
            palette = [ACCENT, "#1F2937", "#E69F00"]
            for k, series in enumerate(plot.series):
                rgb = colour(palette[k % len(palette)])
                if s.chart.kind == "line":
                    series.format.line.color.rgb = rgb
                    series.smooth = False
                else:
                    series.format.fill.solid()
                    series.format.fill.fore_color.rgb = rgb
        if s.table is not None:
            x, w = (8.5, 4.3) if side else (0.6, 12.1)
            y = top
            if side and s.notes:
                box(slide, x, y, w, 1.2, s.notes, 12)
                y += 1.5
            add_table(slide, s.table, x, y, w, size=10 if side else 12)
        for i, (heading, lines) in enumerate(s.lists):
            x, y = 0.6 + (i % 2) * 6.2, top + (i // 2) * 2.5
            box(slide, x, y, 5.9, 0.4, heading, 16, True, ACCENT)
            box(slide, x, y + 0.45, 5.9, 2.0, ["• " + line for line in lines], 12)
        if s.key == "closing":
            box(slide, 0.6, top, 12.1, 4.0, s.notes, 20)
        footer = f"{t('rp.snapshot', lang=lang, snapshot=report.snapshot)} · " \
                 f"{t('rp.as_of', lang=lang, as_of=report.as_of)}" \
                 + (f" · {t('rp.demo', lang=lang).upper()}" if report.is_demo else "") \
                 + f"     {n}/{total}"
        box(slide, 0.6, 7.0, 12.1, 0.35, footer, 10, False,
            DEMO_COLOUR if report.is_demo else GREY)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# HTML -----------------------------------------------------------------------------------------

CSS = """
body{font-family:'Source Sans Pro','Segoe UI',Arial,sans-serif;color:#111;margin:0;background:#F3F4F6}
section{background:#fff;max-width:1200px;margin:24px auto;padding:32px 48px;border-radius:8px;
 box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:2.6rem;margin:.2em 0}h2{font-size:2rem;margin:.2em 0 .3em}
.lead{font-size:1.25rem;color:#4B5563}.demo{color:#D55E00;font-weight:700;text-transform:uppercase}
.kpis{display:flex;gap:16px;margin:24px 0}.kpi{flex:1;background:#EEF4FA;padding:24px;
 border-radius:8px;text-align:center}.kpi b{display:block;font-size:3rem;color:#0072B2}
.kpi span{font-size:1.3rem}table{border-collapse:collapse;margin:12px 0;font-size:1.05rem}
th,td{padding:6px 12px;border-bottom:1px solid #D1D5DB;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#EEF4FA}
.lists{display:grid;grid-template-columns:1fr 1fr;gap:12px 32px}.lists h3{color:#0072B2}
.notes{font-size:1.2rem}.meta{color:#4B5563;font-size:.95rem}
details{margin-top:8px}.title{background:#0072B2;color:#fff}.title .lead{color:#fff}
"""


def slide_html(slide: Slide, report: Report, with_chart_table: bool = True) -> str:
    """One slide as HTML without the chart itself (the page and the HTML file add it)."""
    e = html.escape
    out = [f"<h1>{e(slide.title)}</h1>" if slide.key == "title" else f"<h2>{e(slide.title)}</h2>"]
    if slide.lead:
        out.append(f"<p class='lead'>{e(slide.lead.replace('`', ''))}</p>")
    if slide.kpis:
        out.append("<div class='kpis'>" + "".join(
            f"<div class='kpi'><b>{e(v)}</b><span>{e(label)}</span></div>"
            for v, label in slide.kpis) + "</div>")
    if slide.lists:
        out.append("<div class='lists'>" + "".join(
            f"<div><h3>{e(h)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines)
            + "</ul></div>" for h, lines in slide.lists) + "</div>")
    if slide.notes:
        out.append("<div class='notes'>" + "".join(f"<p>{e(n.replace('`', ''))}</p>"
                                                   for n in slide.notes) + "</div>")
    if slide.table is not None:
        out.append(slide.table.to_html(index=False, border=0))
    if slide.chart is not None and with_chart_table:
        out.append(f"<details><summary>{e(t('rp.table_for_chart', lang=report.lang))}</summary>"
                   + slide.chart.table.to_html(index=False, border=0) + "</details>")
    return "\n".join(out)


def render_html(report: Report) -> bytes:
    """One self-contained file: plotly.js inlined once, no external script, style or font."""
    from ggu.ui import PLOTLY_CONFIG

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
                     f"<p class='meta'>{demo}{e(t('rp.page', lang=lang, n=n, total=len(report.slides)))}"
                     "</p></section>")
    doc = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
           f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
           f"<title>{e(t('rp.doc_title', lang=lang, year=report.year))}</title>"
           f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>")
    return doc.encode("utf-8")


def render(report: Report, fmt_name: str, images: dict[str, bytes] | None = None) -> bytes:
    if fmt_name == "pdf":
        return render_pdf(report, images)
    if fmt_name == "pptx":
        return render_pptx(report)
    if fmt_name == "html":
        return render_html(report)
    raise ValueError(f"unknown format: {fmt_name!r}")
