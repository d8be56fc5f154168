"""Text is text: the one place that decides how a text from the data (a name, a description, a
decision, a municipality) is shown, so that no Markdown, HTML, LaTeX or Streamlit syntax in it
is ever interpreted: a link stays its characters, an image is never loaded, a heading is never
made, `:red[...]` is never coloured.

md(value)        for everything Streamlit renders as Markdown: st.markdown, captions, headings,
                 alerts, metric labels and values, expander, tab and button labels, help
                 tooltips, st.table cells
msg(key, **f)    a message of the catalogue (our own Markdown) with every field escaped by md
md_frame(df)     a table of texts for st.table (cells and headers escaped)
plotly(value)    for Plotly's texts (axis labels, legend, hover, annotations), which render a
                 subset of HTML

The PDF, PowerPoint and brief renderers draw text as text and need nothing; the HTML report
escapes with html.escape. Tests: tests/test_text.py (each syntax, generated texts), and
tests/test_e2e_text.py (planted texts on every page, in a real browser).
"""
from __future__ import annotations

import html
import re

import pandas as pd

from ggu import i18n

# Escaped wherever they stand: emphasis, code, links and images, HTML and autolinks, tables,
# strikethrough, LaTeX, headings, entities and the escape itself. A colon only before a
# character (`:red[…]`, `:material/…:`, `:smile:`, `http://`), `www.` and `@` only where an
# autolink could start, and `-`, `+`, `=`, `.` or `)` only where a line would become a list, a
# rule or a heading: the usual text (`Prognose 2026: € 57,6 mln`) stays as it is.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~$#&])")
_COLON = re.compile(r":(?=\S)")
_AUTOLINK = re.compile(r"(?i)(www)\.|@")
_LINE_START = re.compile(r"^([ \t]*)([-+=])", re.MULTILINE)
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)
# Streamlit turns ` -> `, ` -- `, ` >= ` … into arrows and dashes in the text (after escapes are
# read), `:name:` into an emoji, an icon or its logo, and `www.x` or `a@b.nl` into a link (GFM's
# autolinks, also found after escapes are read): a word joiner (U+2060, invisible, no break)
# between the characters keeps them as written.
_JOINER = "\u2060"
_TYPOGRAPHY = re.compile(r"([-<>~])(?=[-<>=])")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


class Markdown(str):
    """Markdown by intent: our own markup, with every value from the data in it escaped."""


def md(value) -> Markdown:
    """`value` as Markdown that Streamlit shows as exactly its characters. Markdown (already
    escaped) is returned as it is; None and NaN are an empty text."""
    if isinstance(value, Markdown):
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return Markdown("")
    text = _TYPOGRAPHY.sub(r"\1" + _JOINER, str(value))
    text = _ALWAYS.sub(r"\\\1", text)
    text = _COLON.sub("\\:" + _JOINER, text)
    text = _AUTOLINK.sub(lambda m: m.group(1) + _JOINER + "\\." if m.group(1)
                         else "\\@" + _JOINER, text)
    text = _ORDERED.sub(r"\1\\\2", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    # a line's leading spaces would make code (four or more): as character references they are
    # the same spaces, but no indentation
    text = _INDENT.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)
    return Markdown(text)


def msg(key: str, lang: str | None = None, **fields) -> Markdown:
    """The message `key` (Markdown of our own) with each field escaped as md() does."""
    return Markdown(i18n.t(key, lang=lang, **{k: md(v) for k, v in fields.items()}))


def md_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table of texts (display_frame) for st.table, which renders cells and headers as
    Markdown: every cell and header escaped."""
    return pd.DataFrame({md(c): [md(v) for v in frame[c]] for c in frame.columns})


def plotly(value) -> str:
    """A text for Plotly (a category, a name in a legend or a hover): `<`, `>` and `&` as
    character references, so no tag (`<a href>`, `<img>`, `<b>`) in it is ever rendered."""
    return html.escape("" if value is None else str(value), quote=False)
