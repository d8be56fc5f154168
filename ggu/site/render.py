"""Writing the site's files: the Jinja environment (autoescape on: every text from the data is
escaped), the addresses of the pages in both languages, relative links between them, charts as
JSON beside their tables, and the static assets with a hash in their names."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from ggu import config, i18n, paths
from ggu.i18n import formats as fmt
from ggu.present.palette import PLOTLY_CONFIG
from ggu.present.tables import display_frame
from ggu.present.text import Markdown

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"

# The path segments of each kind of page, per language: /nl/gemeenten/GM0344/,
# /en/municipalities/GM0344/.
SECTIONS = {
    "products": {"nl": "producten", "en": "products"},
    "municipalities": {"nl": "gemeenten", "en": "municipalities"},
    "years": {"nl": "jaren", "en": "years"},
    "themes": {"nl": "themas", "en": "themes"},
    "goals": {"nl": "doelen", "en": "goals"},
    "decisions": {"nl": "besluiten", "en": "decisions"},
    "scenarios": {"nl": "scenarios", "en": "scenarios"},
    "reports": {"nl": "alv", "en": "alv"},
    "data": {"nl": "data", "en": "data"},
    "search": {"nl": "zoeken", "en": "search"},
}


def segment(value) -> str:
    """A path segment made from data (a product id, a theme, a CBS code): ggu.paths's one
    plain part, never a separator or '..'."""
    return paths.folder_name(value)


_MARKDOWN = re.compile(r"\\(.)|&#(\d+);|(\*\*)|\u2060", re.S)


def markdown_html(text: Markdown) -> Markup:
    """Markdown of ggu.present (our messages' **bold**, every value from the data escaped by
    ggu.present.text.md) as HTML: the escapes read back to their characters, the bold as
    <strong>, every character of the text escaped for HTML."""
    out, last, bold = [], 0, False
    for m in _MARKDOWN.finditer(text):
        out.append(Markup.escape(text[last:m.start()]))
        last = m.end()
        if m.group(1) is not None:
            out.append(Markup.escape(m.group(1)))
        elif m.group(2) is not None:
            out.append(Markup.escape(chr(int(m.group(2)))))
        elif m.group(3):
            out.append(Markup("</strong>" if bold else "<strong>"))  # noqa: S704 (a fixed tag)
            bold = not bold
    out.append(Markup.escape(text[last:]))
    if bold:
        out.append(Markup("</strong>"))
    return Markup("").join(out)


def _finalize(value):
    """What a template prints: Markdown of ggu.present as HTML, the rest as it is (escaped)."""
    return markdown_html(value) if isinstance(value, Markdown) else value


def page_path(lang: str, kind: str | None = None, key=None) -> str:
    """The file of a page, relative to the site's root: 'nl/gemeenten/GM0344/index.html'."""
    parts = [lang]
    if kind:
        parts.append(SECTIONS[kind][lang])
    if key is not None:
        parts.append(segment(key))
    return "/".join(parts) + "/index.html"


def clean(path: str) -> str:
    """The address of a file as a link shows it: 'nl/gemeenten/GM0344/' for its index.html."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def relative(from_path: str, to_path: str) -> str:
    """A link from one file of the site to another (works from a web server and from disk)."""
    start = os.path.dirname(from_path) or "."
    rel = os.path.relpath(to_path, start)
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")] or "./"
    return rel


@dataclass
class Site:
    """What every page needs: the build folder, the public address, the snapshot's facts and
    the hashed asset names; and the list of pages written (for the sitemap)."""
    out: Path
    base_url: str
    snapshot: str
    as_of: object
    is_demo: bool
    assets: dict[str, str] = field(default_factory=dict)
    written: list[tuple[str, str]] = field(default_factory=list)   # (path, alternate path)

    def url(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/{clean(path)}"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html", "xml"]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, finalize=_finalize)
    env.globals.update(t=i18n.t, fmt=fmt)
    return env


def table(frame: pd.DataFrame, columns: list[str] | None = None, eur_digits: int = 0,
          caption: str | None = None) -> Markup:
    """A table of a query's rows, formatted as the dashboard formats them (display_frame), or
    of texts; pandas escapes every cell. Wrapped so a wide table scrolls on its own on a phone
    (and the keyboard reaches it: tabindex)."""
    shown = display_frame(frame, columns, eur_digits=eur_digits) if columns else frame
    body = shown.to_html(index=False, border=0, escape=True, na_rep="–")
    if caption:
        body = body.replace("<table>", f"<table><caption>{Markup.escape(caption)}</caption>", 1)
    label = Markup.escape(caption) if caption else ""
    # pandas escaped the cells (escape=True), the caption and label are escaped above
    return Markup(f"<div class='table' tabindex='0' role='region' aria-label='{label}'>"  # noqa: S704
                  f"{body}</div>")


def figure_json(fig: go.Figure) -> Markup:
    """A figure as JSON for a <script type="application/json"> (data, never run): '<' written
    as \\u003c so no text from the data can close the element."""
    spec = {"figure": json.loads(fig.to_json()), "config": {**PLOTLY_CONFIG, "responsive": True}}
    return Markup(json.dumps(spec, ensure_ascii=False, separators=(",", ":"))  # noqa: S704 (<>& escaped)
                  .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass
class Chart:
    """A chart as the page shows it: its title (the message), summary, figure and table."""
    key: str
    title: str
    summary: str
    fig: go.Figure
    table: Markup

    @property
    def spec(self) -> Markup:
        return figure_json(self.fig)


def _hashed(content: bytes, stem: str, suffix: str) -> str:
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:10]}{suffix}"


def copy_assets(site: Site) -> None:
    """The stylesheet, the one script that draws the charts, and the dashboard's plotly.js
    bundle, into assets/ with a hash of their content in the name (cached for long)."""
    target = site.out / "assets"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("site.css", "site.js"):
        content = (ASSETS / name).read_bytes()
        stem, suffix = name.rsplit(".", 1)
        hashed = _hashed(content, stem, "." + suffix)
        (target / hashed).write_bytes(content)
        site.assets[name] = f"assets/{hashed}"
    bundles = sorted(config.STATIC_DIR.glob("plotly-ggu-*.min.js"))
    if bundles:   # its name carries a hash of its content already (ggu/web/bundle.py)
        shutil.copyfile(bundles[-1], target / bundles[-1].name)
        site.assets["plotly"] = f"assets/{bundles[-1].name}"
    else:         # no npm here: the full bundle that comes with plotly.py
        import plotly
        content = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
        hashed = _hashed(content, "plotly", ".min.js")
        (target / hashed).write_bytes(content)
        site.assets["plotly"] = f"assets/{hashed}"


def write_page(site: Site, path: str, template: str, alternate: str | None, lang: str,
               record: bool = True, **context) -> None:
    """Render a template into the file `path` of the build, in `lang`, with links relative
    to it; `alternate` is the same page in the other language (hreflang)."""
    with i18n.using(lang):
        def link(to: str) -> str:   # the 404 page is served at any address: from the root
            return "/" + clean(to) if path == "404.html" else relative(path, to)
        other = "en" if lang == "nl" else "nl"
        html = environment().get_template(template).render(
            site=site, lang=lang, other=other, path=path, link=link,
            canonical=site.url(path), alternate=alternate,
            alternate_url=site.url(alternate) if alternate else None,
            home=page_path(lang), nav=_nav(lang), **context)
    target = site.out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    if record:
        site.written.append((path, alternate or ""))


def _nav(lang: str) -> list[tuple[str, str]]:
    return [(page_path(lang), "site.nav_home"),
            (page_path(lang, "products"), "site.nav_products"),
            (page_path(lang, "municipalities"), "site.nav_municipalities"),
            (page_path(lang, "goals"), "site.nav_goals"),
            (page_path(lang, "decisions"), "site.nav_decisions"),
            (page_path(lang, "data"), "site.nav_data"),
            (page_path(lang, "search"), "site.nav_search")]
