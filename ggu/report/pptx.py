"""The report as PowerPoint (python-pptx): 16:9 slides with native, editable charts whose series
are the query results, and real tables."""
from __future__ import annotations

import io

from pptx.util import Pt

from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.report.model import ACCENT, DEMO_COLOUR, GREY, INK, Chart, Report, is_number_column

CHAR_WIDTH = 0.72   # a generous average character width of the slides' font, in ems (DejaVu
#                     Sans, LibreOffice's stand-in, is wider than Calibri)
TEXT_CHAR_WIDTH = 0.55   # the average character of running text, in ems (DejaVu Sans): how
#                          many characters a line of a list holds (0.72 shrank lists that fit)
LIST_WIDTH = 5.9    # inches: one of the two columns of lists
LABEL_WIDTH = 1.0   # inches a column's data label ('€ 58,9 mln' at 11 pt) needs
LIST_ROOM = 4.6     # inches from the top of the lists to the footer


def labels_fit(chart: Chart, width: float) -> bool:
    """Whether every point of a native chart `width` inches wide can carry its value without
    the labels overlapping: a horizontal bar's label stands beside it; columns need LABEL_WIDTH
    each; the points of lines of more than one series (or many points) crowd each other. Where
    they do not fit, only the latest value is labelled and the axis gives the rest."""
    points = len(chart.categories) * len(chart.series)
    if chart.kind == "bar":
        return True
    if chart.kind == "column":
        return width * 0.85 / max(points, 1) >= LABEL_WIDTH
    return len(chart.series) == 1 and len(chart.categories) <= 6


def only_last(series, points: int, number_format: str) -> None:
    """Label only a series' last point: its own labels (c:dLbls, which win over the plot's),
    each point but the last deleted (c:dLbl with c:delete, as PowerPoint writes it)."""
    from lxml import etree
    from pptx.oxml.ns import qn
    labels = series.data_labels            # the series' own c:dLbls
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.show_value = True
    labels.font.size = Pt(11)
    for k in reversed(range(points - 1)):
        label = etree.SubElement(labels._element, qn("c:dLbl"))
        etree.SubElement(label, qn("c:idx")).set("val", str(k))
        etree.SubElement(label, qn("c:delete")).set("val", "1")
        labels._element.insert(0, label)


def render_pptx(report: Report) -> bytes:
    """16:9 slides with native (editable) charts and real tables."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches

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
            p.text = line
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, colour(col)
            if align is not None:
                p.alignment = align
        return shape

    def min_width(texts, size) -> float:
        """The narrowest a column can be, in inches, without breaking a word: its longest run
        of text between (breaking) spaces, at `size` points, plus the cell's margins."""
        longest = max(len(word) for text in texts for word in str(text).split(" ") or [""])
        return longest * size * CHAR_WIDTH / 72 + 0.2

    def lines_high(texts, size) -> float:
        """How high lines of text are at `size` points in a list's column, wrapped, in inches."""
        per_line = LIST_WIDTH * 72 / (size * TEXT_CHAR_WIDTH)
        return sum(-(-len(text) // int(per_line)) for text in texts) * size * 1.25 / 72

    def row_heights(lists, size) -> list[float]:
        return [max(lines_high([h], size + 4) + lines_high(["• " + x for x in lines], size) + 0.1
                    for h, lines in lists[r:r + 2]) for r in range(0, len(lists), 2)]

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
        # No column narrower than its longest word (LibreOffice and PowerPoint break a word that
        # does not fit, 'Structur-eel'): smaller type until the words fit, then the room left
        # shared in proportion to the columns' longest texts, so that rows wrap as little as
        # possible.
        texts = [[name, *df[name]] for name in df.columns]
        while size > 8 and sum(min_width(c, size) for c in texts) > w:
            size -= 1
        least = [min_width(c, size) for c in texts]
        longest = [min(max(len(str(v)) for v in c), 60) + 2 for c in texts]
        spare = max(w - sum(least), 0)
        for j, (low, width) in enumerate(zip(least, longest)):
            shape.table.columns[j].width = Inches(low + spare * width / sum(longest))
        right = [is_number_column(df[name]) for name in df.columns]
        for i, j in ((i, j) for i in range(rows) for j in range(cols)):
            cell = shape.table.cell(i, j)
            cell.margin_top = cell.margin_bottom = Pt(2)
            for p in cell.text_frame.paragraphs:
                p.font.size = Pt(size)
                p.alignment = PP_ALIGN.RIGHT if right[j] else PP_ALIGN.LEFT
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
            box(slide, 0.6, 0.35, 12.1, 1.0, s.title, 30 if len(s.title) <= 45 else 22, True)
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
                # a figure that does not exist (a share of nothing) is an empty point, not NaN
                data.add_series(name, [None if fmt.missing(v) else v for v in values])
            width = 6.9 if side else 12.1
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
            if not labels_fit(s.chart, width):
                for series in plot.series:   # only the latest value labelled: no overlap
                    only_last(series, len(s.chart.categories), formats[s.chart.unit])
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
            x, w = (7.7, 5.1) if side else (0.6, 12.1)
            y = top
            if side and s.notes:
                box(slide, x, y, w, 1.2, s.notes, 12)
                y += 1.5
            add_table(slide, s.table, x, y, w, size=10 if side else 12)
        if s.lists:
            # each heading and its lines in one text box: a heading that wraps pushes its lines
            # down instead of overlapping them (LibreOffice Impress wraps sooner than
            # PowerPoint); each row of two as high as its longer list, the type smaller until
            # the rows fit above the footer
            size = 12
            while size > 9 and sum(row_heights(s.lists, size)) > LIST_ROOM:
                size -= 1
            y = top
            for r, height in enumerate(row_heights(s.lists, size)):
                for i, (heading, lines) in enumerate(s.lists[2 * r:2 * r + 2]):
                    frame = box(slide, 0.6 + i * 6.2, y, LIST_WIDTH, height,
                                [heading] + ["• " + line for line in lines], size).text_frame
                    head = frame.paragraphs[0]
                    head.font.size, head.font.bold = Pt(size + 4), True
                    head.font.color.rgb = colour(ACCENT)
                    head.space_after = Pt(4)
                y += height + 0.1
        if s.notes and s.key != "title" and s.chart is None and s.table is None:
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
