"""The report as a PDF (fpdf2): A4 landscape, the charts as PNG images drawn by kaleido with the
system Chromium, or their tables where no image can be made."""
from __future__ import annotations

import io
import warnings
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ggu.i18n import t
from ggu.report.model import ACCENT, DEMO_COLOUR, GREY, INK, Report, is_number_column

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


FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu")]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return r, g, b


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
            self.cell(0, 5, report.header or t("rp.doc_header", lang=lang, year=report.year))
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
    pdf.set_title(report.title)
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
        numeric = [is_number_column(df[name]) for name in df.columns]   # as in every format
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
            pdf.multi_cell(267, 5.6, slide.lead, align="L")
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
                pdf.image(io.BytesIO(images[slide.key]), x=15, y=top, h=height,
                          keep_aspect_ratio=True,
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
        if slide.notes and slide.key != "title" and slide.chart is None and slide.table is None:
            text(14)
            pdf.set_xy(15, top + 5)
            for note in slide.notes:
                pdf.set_x(15)
                pdf.multi_cell(240, 8, note, align="L")
                pdf.set_y(pdf.get_y() + 3)
    return bytes(pdf.output())
