"""Search over every page of the site with Pagefind (PyPI `pagefind[bin]`): `index(out_dir)` runs
its binary over a finished build and writes the index into out_dir/pagefind/ beside Pagefind's
own UI files; the search then runs in the reader's browser from those files alone (any static
server or CDN, no server code).

What is indexed: the pages of /nl/ and /en/ (not the embeddable cards, the 404 page or the
open data files), each in its own language's index (from `<html lang>`), only the part a
template marks with `data-pagefind-body` when it does so (else the whole body).

The search page (a template of the site) needs, with no inline script (the site's CSP), the
links relative or from the site's root:

    <link rel="stylesheet" href="…/pagefind/pagefind-ui.css">
    <script src="…/pagefind/pagefind-ui.js"></script>
    <script src="…/pagefind/ggu-search.js"></script>
    <div id="ggu-search" data-label="…the search box's label…"></div>

`PARTS` lists these (paths from the site's root) for the templates; ggu-search.js
(ggu/site/search.js) starts the UI and runs the search of the address's ?q=. Pagefind finds its
index beside pagefind-ui.js; its results link to pages from the site's root (/nl/…).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from ggu.i18n import t
from ggu.site.render import Site, page_path, write_page

BUNDLE = "pagefind"                       # the folder of the index and the UI in the build
GLOB = "{nl,en}/**/*.html"                # the pages indexed
SCRIPT = "ggu-search.js"
PARTS = {"styles": [f"{BUNDLE}/pagefind-ui.css"],
         "scripts": [f"{BUNDLE}/pagefind-ui.js", f"{BUNDLE}/{SCRIPT}"],
         "element_id": "ggu-search"}


def write_pages(site: Site) -> None:
    """The search page in both languages (/nl/zoeken/, /en/search/): Pagefind's UI, with a
    link to the lists of products and municipalities for a reader without JavaScript."""
    for lang, other in (("nl", "en"), ("en", "nl")):
        write_page(site, page_path(lang, "search"), "search.html", page_path(other, "search"),
                   lang, title=t("search.title", lang=lang), parts=PARTS,
                   products=page_path(lang, "products"),
                   municipalities=page_path(lang, "municipalities"))


class SearchError(RuntimeError):
    """Pagefind failed: the build has no search (and should not be published)."""


def index(out_dir: Path) -> dict:
    """Index the pages of out_dir with Pagefind into out_dir/pagefind/ and add the script that
    starts the UI. Returns Pagefind's entry (its version and per language the pages indexed)."""
    out_dir = Path(out_dir)
    bundle = out_dir / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    done = subprocess.run(  # noqa: S603 (Pagefind's binary from pagefind_bin, an argv list)
        [str(get_executable()), "--site", str(out_dir), "--output-subdir", BUNDLE,
         "--glob", GLOB, "--silent"],
        capture_output=True, text=True)
    entry_file = bundle / "pagefind-entry.json"
    if done.returncode != 0 or not entry_file.is_file():
        raise SearchError(f"pagefind: {done.returncode}: {(done.stderr or done.stdout)[-2000:]}")
    shutil.copyfile(Path(__file__).with_name("search.js"), bundle / SCRIPT)
    return json.loads(entry_file.read_text(encoding="utf-8"))
