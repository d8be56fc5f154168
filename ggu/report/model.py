"""The report as data: slides with their texts, key figures, charts and tables, built once by
build.py and drawn by each renderer (pdf.py, pptx.py, html.py) and by the ALV-rapport page."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

ACCENT = "#0072B2"
DEMO_COLOUR = "#A84A00"   # a darker Okabe-Ito vermillion: 5.8:1 on white, for small text
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
    header: str = ""                   # the running head of the PDF (default: the ALV report's)

    @property
    def title(self) -> str:
        """The document's title: its title slide's."""
        return self.slides[0].title


_NUMBER = re.compile(r"[−+\-–]?\s*€?\s*[−+\-–]?\s*[\d.,]+\s*(mln|M|%|%-punt|pp|k)?(\s*\(\d{4}\))?")


def is_number_column(values) -> bool:
    """Whether a column of a table of texts holds numbers (amounts, percentages, counts, a
    value with its year): every renderer right-aligns those and left-aligns text."""
    cells = [str(v).replace("\u00a0", " ").replace("\u202f", " ").strip() for v in values]
    cells = [c for c in cells if c not in ("", "–", "-")]
    return bool(cells) and all(_NUMBER.fullmatch(c) for c in cells)
