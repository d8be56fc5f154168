"""The council brief as one A4 page (fpdf2), portrait. The small trend chart is drawn with fpdf2's
own lines and rectangles, not as an image: no Chromium per brief, so all 342 briefs take
seconds (BENCHMARKS.md). `render_all` draws many in a pool of processes."""
from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ggu.i18n import formats as fmt
from ggu.report.brief import Brief
from ggu.report.model import ACCENT, DEMO_COLOUR, GREY, INK
from ggu.report.pdf import FONT_DIRS, _rgb

PAID_COLOUR = "#0072B2"          # Okabe-Ito blue, as the page's contributions
ATTRIBUTED_COLOUR = "#E69F00"    # Okabe-Ito orange
LINE = "#D1D5DB"
LEFT, WIDTH = 14.0, 182.0        # margins of 14 mm on A4 (210 mm)
FOOT = 283.0                     # the footer's top


def _nice_top(value: float) -> float:
    """The axis top above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def _axis_label(value: float, lang: str) -> str:
    return fmt.eur_mln(value, lang=lang) if value >= 1e6 else fmt.eur(value, lang=lang)


class _Page:
    def __init__(self, brief: Brief):
        from fpdf import FPDF

        self.b = brief
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(LEFT, 12, LEFT)
        pdf.add_font("sans", "", str(FONT_DIRS[0] / "LiberationSans-Regular.ttf"))
        pdf.add_font("sans", "B", str(FONT_DIRS[0] / "LiberationSans-Bold.ttf"))
        pdf.set_title(brief.title)
        pdf.set_lang(brief.lang)
        pdf.set_creator("GGU Portfoliodashboard")
        pdf.add_page()
        self.pdf = pdf

    def text(self, size: float, style: str = "", colour: str = INK) -> None:
        self.pdf.set_font("sans", style, size)
        self.pdf.set_text_color(*_rgb(colour))

    def para(self, x: float, w: float, h: float, content: str) -> None:
        self.pdf.set_x(x)
        self.pdf.multi_cell(w, h, content, align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(self, x: float, y: float, w: float, content: str) -> float:
        self.text(10.5, "B", ACCENT)
        self.pdf.set_xy(x, y)
        self.pdf.multi_cell(w, 5, content, align="L", new_x="LMARGIN", new_y="NEXT")
        return self.pdf.get_y() + 0.8

    def line_at(self, y: float, x: float = LEFT, w: float = WIDTH) -> None:
        self.pdf.set_draw_color(*_rgb(LINE))
        self.pdf.set_line_width(0.2)
        self.pdf.line(x, y, x + w, y)

    def row(self, x: float, y: float, cells, widths, h: float, aligns, size=8.8,
            style="") -> None:
        self.text(size, style)
        for content, w, align in zip(cells, widths, aligns):
            self.pdf.set_xy(x, y)
            self.pdf.cell(w, h, content, align=align)
            x += w

    def top(self) -> float:
        b, pdf = self.b, self.pdf
        self.text(8.5, "", GREY)
        pdf.set_xy(LEFT, 8)
        pdf.cell(120, 5, b.header)
        if b.is_demo:
            self.text(10, "B", DEMO_COLOUR)
            pdf.set_xy(LEFT + WIDTH - 60, 8)
            pdf.cell(60, 5, "VOORBEELDDATA" if b.lang == "nl" else "SAMPLE DATA", align="R")
        pdf.set_draw_color(*_rgb(ACCENT))
        pdf.set_line_width(0.6)
        pdf.line(LEFT, 14, LEFT + WIDTH, 14)
        self.text(15, "B")
        pdf.set_xy(LEFT, 17)
        self.para(LEFT, WIDTH, 6.6, b.title)
        self.text(9, "", GREY)
        self.para(LEFT, WIDTH, 4.6, b.subtitle)
        pdf.set_y(pdf.get_y() + 2)
        self.text(10.5)
        self.para(LEFT, WIDTH, 5.2, b.lead)
        return pdf.get_y() + 4

    def paid(self, x: float, y: float, w: float) -> float:
        y = self.heading(x, y, w, self.b.paid_title)
        for i, cells in enumerate(self.b.paid_rows):
            last = i == len(self.b.paid_rows) - 1
            if last:
                self.line_at(y, x, w)
            self.row(x, y, cells, (w * 0.62, w * 0.38), 5.4, ("L", "R"), size=9.5,
                     style="B" if last else "")
            y += 5.4
        y = self.heading(x, y + 3, w, self.b.category_title)
        for category in self.b.categories:
            self.row(x, y, category, (w * 0.40, w * 0.22, w * 0.38), 5.4, ("L", "R", "R"),
                     size=9.5)
            y += 5.4
        if self.b.category_note:
            self.text(9.5)
            self.pdf.set_y(y)
            self.para(x, w, 4.6, self.b.category_note)
            y = self.pdf.get_y()
        return y

    def trend(self, x: float, y: float, w: float) -> float:
        b, pdf = self.b, self.pdf
        y = self.heading(x, y, w, b.trend_title)
        axis_w, h = 20.0, 36.0
        top = _nice_top(max([max(p, a) for _, p, a in b.trend] + [0]))
        plot_x, plot_w = x + axis_w, w - axis_w
        self.text(7.5, "", GREY)
        for k in range(3):                           # 0, half and the top of the axis
            value = top * k / 2
            gy = y + h - h * k / 2
            self.line_at(gy, plot_x, plot_w)
            pdf.set_xy(x, gy - 2)
            pdf.cell(axis_w - 1.5, 4, _axis_label(value, b.lang), align="R")
        group = plot_w / max(len(b.trend), 1)
        for i, (year, paid, attributed) in enumerate(b.trend):
            gx = plot_x + i * group
            for j, (value, colour) in enumerate(((paid, PAID_COLOUR),
                                                 (attributed, ATTRIBUTED_COLOUR))):
                bh = max(h * value / top, 0)
                pdf.set_fill_color(*_rgb(colour))
                pdf.rect(gx + group * (0.15 + 0.35 * j), y + h - bh, group * 0.33, bh, style="F")
            self.text(7.5, "", INK)
            pdf.set_xy(gx, y + h + 0.5)
            pdf.cell(group, 4, str(year), align="C")
        ly = y + h + 5.5
        lx = plot_x
        for label, colour in zip(b.trend_labels, (PAID_COLOUR, ATTRIBUTED_COLOUR)):
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(lx, ly + 0.8, 3, 3, style="F")
            self.text(8)
            pdf.set_xy(lx + 4, ly)
            pdf.cell(30, 4.5, label)
            lx += 6 + pdf.get_string_width(label) + 4
        if b.trend_note:
            self.text(7.5, "", GREY)
            pdf.set_xy(plot_x, ly + 4.5)
            pdf.cell(plot_w, 4, b.trend_note)
            ly += 4.5
        return ly + 5

    def products(self, y: float, room: float) -> float:
        b = self.b
        y = self.heading(LEFT, y, WIDTH, b.used_title)
        widths = (WIDTH * 0.62, WIDTH * 0.16, WIDTH * 0.22)
        aligns = ("L", "R", "R")
        n = len(b.used_rows) + len(b.total_rows) + 1
        h = max(3.6, min(5.4, (room - 8) / max(n, 1)))
        size = 9.5 if h >= 5 else 8.8 if h >= 4.3 else 8.0
        self.row(LEFT, y, b.used_head, widths, h, aligns, size=size, style="B")
        y += h
        self.line_at(y)
        for cells in b.used_rows:
            self.row(LEFT, y, cells, widths, h, aligns, size=size)
            y += h
        self.line_at(y)
        for i, (label, amount) in enumerate(b.total_rows):
            last = i == len(b.total_rows) - 1
            self.row(LEFT, y, (label, "", amount), widths, h, aligns, size=size,
                     style="B" if last else "")
            y += h
        return y

    def bottom(self, y: float) -> None:
        b, pdf = self.b, self.pdf
        pdf.set_y(y + 1.5)
        self.text(9.2, "", INK)
        for part in (b.for_all_examples, b.not_used, b.compare):
            if part:
                self.para(LEFT, WIDTH, 4.5, part)
                pdf.set_y(pdf.get_y() + 1.2)
        y = self.heading(LEFT, pdf.get_y() + 2, WIDTH, b.ggu_title)
        self.text(9.2)
        pdf.set_y(y)
        self.para(LEFT, WIDTH, 4.5, b.ggu_line)
        pdf.set_y(pdf.get_y() + 2)
        self.text(8, "", GREY)
        self.para(LEFT, WIDTH, 3.8, b.method)
        self.line_at(FOOT - 1)
        self.text(7.5, "", GREY)
        pdf.set_xy(LEFT, FOOT)
        pdf.cell(WIDTH, 4, b.footer)
        if b.demo_note:
            self.text(7.5, "B", DEMO_COLOUR)
            pdf.set_xy(LEFT, FOOT + 4)
            pdf.cell(WIDTH, 4, b.demo_note)


# What the part below the products needs (not used, comparison, the GGU, the method), in mm.
BOTTOM_ROOM = 74.0


def render_brief(brief: Brief) -> bytes:
    """The brief as a one-page PDF."""
    page = _Page(brief)
    y = page.top()
    left_end = page.paid(LEFT, y, 84)
    right_end = page.trend(LEFT + 96, y, WIDTH - 96)
    y = max(left_end, right_end) + 3
    y = page.products(y, FOOT - BOTTOM_ROOM - y)
    page.bottom(y)
    return bytes(page.pdf.output())


def _render_named(brief: Brief) -> tuple[str, bytes]:
    return brief.file_name, render_brief(brief)


def render_all(briefs: list[Brief], workers: int = 2):
    """(file name, PDF) of each brief, in order, drawn by `workers` processes (1: here). When a
    worker process dies, the rest is drawn here: never a hang (multiprocessing.Pool would
    respawn a dying worker forever), never a brief missing."""
    if workers <= 1 or len(briefs) < 8:
        yield from map(_render_named, briefs)
        return
    done = 0
    try:
        with ProcessPoolExecutor(workers,
                                 mp_context=multiprocessing.get_context("forkserver")) as pool:
            for result in pool.map(_render_named, briefs, chunksize=8):
                yield result
                done += 1
    except BrokenProcessPool:
        yield from map(_render_named, briefs[done:])
