"""The built site in headless Chromium, served by nginx with the site's headers: every kind of
page in both languages at 1440 and 390 px passes axe (no serious or critical violation) and
does not scroll sideways on a phone; with JavaScript off the text and tables are there; with
the Content-Security-Policy enforced no page breaks it (no inline script)."""
from __future__ import annotations

from pathlib import Path

import pytest

from deploy.site import served
from ggu.site import build
from tools.browser import axe, free_port, serious

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("nl", "en")
WIDTHS = (1440, 390)


def kinds(root: Path, lang: str) -> dict[str, str]:
    """One page of every kind of the language: its address by the kind's pattern
    ('gemeenten/*' -> '/nl/gemeenten/GM0001/'), the embed card and the 404 page."""
    found: dict[str, str] = {}
    for page in sorted((root / lang).rglob("index.html")):
        parts = page.relative_to(root).parts[:-1]
        kind = "/".join(parts[1:2] + ("*",) * (len(parts) > 2)) or "home"
        found.setdefault(kind, "/" + "/".join(parts) + "/")
    cards = sorted((root / "embed" / lang).glob("*.html"))
    if cards:
        found["embed"] = f"/embed/{lang}/{cards[0].name}"
    found["404"] = f"/{lang}/no-such-page/"
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory, tiny_dir):
    out = tmp_path_factory.mktemp("site") / "build"
    build.build(tiny_dir, out=out)
    with served(out, free_port(), quiet=True) as url:
        yield url, out


def open_page(chromium, url: str, width: int, javascript: bool = True, bypass_csp=False):
    context = chromium.new_context(viewport={"width": width, "height": 900},
                                   java_script_enabled=javascript, bypass_csp=bypass_csp)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_the_build_has_every_kind_of_page(site):
    _, root = site
    for lang in LANGS:
        found = kinds(root, lang)
        expected = {"home", "embed", "404"} | ({"gemeenten/*", "producten/*"} if lang == "nl"
                                               else {"municipalities/*", "products/*"})
        assert expected <= set(found), sorted(found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_page_passes_axe_and_fits_the_width(site, chromium, lang, width):
    url, root = site
    failures = {}
    for kind, path in kinds(root, lang).items():
        # axe is injected as a script: the test's context lets it in past the site's CSP
        page, _ = open_page(chromium, url + path, width, bypass_csp=True)
        try:
            bad = serious(axe(page, app=False))
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            if bad or overflow > 0:
                failures[f"{kind} {path}"] = {"axe": bad, "sideways_px": overflow}
        finally:
            page.context.close()
    assert not failures, failures


@pytest.mark.parametrize("lang", LANGS)
def test_with_javascript_off_the_text_and_tables_are_there(site, chromium, lang):
    url, root = site
    found = kinds(root, lang)
    for kind, path in found.items():
        page, _ = open_page(chromium, url + path, 390, javascript=False)
        try:
            assert page.locator("h1").first.is_visible(), (kind, path)
            assert page.locator("h1").first.inner_text().strip(), (kind, path)
            tables = page.locator("table")
            if kind in ("home", "gemeenten/*", "municipalities/*", "producten/*",
                        "products/*"):
                assert tables.count() > 0, (kind, path)
            for n in range(tables.count()):   # no table hidden until a script runs
                assert tables.nth(n).is_visible() or tables.nth(n).evaluate(
                    "t => !!t.closest('details')"), (kind, path, n)
        finally:
            page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_breaks_the_content_security_policy(site, chromium, lang):
    url, root = site
    broken = {}
    for kind, path in kinds(root, lang).items():
        page, problems = open_page(chromium, url + path, 1440)
        try:
            bad = [p for p in problems if "Content Security Policy" in p
                   or ("404" in p and kind != "404" and "favicon.ico" not in p)]
            if bad:
                broken[f"{kind} {path}"] = bad
        finally:
            page.context.close()
    assert not broken, broken


@pytest.mark.parametrize("lang,query,expected", [
    ("nl", "Eerstedorp", "/nl/gemeenten/GM0001/"), ("nl", "Charlie", "/nl/producten/C/"),
    ("en", "Tweestad", "/en/municipalities/GM0002/"), ("en", "Bravo", "/en/products/B/")])
def test_the_sites_search_page_finds_a_municipality_and_a_product(site, chromium, lang, query,
                                                                  expected):
    """The built site's own search page (Pagefind, from the files nginx serves), at a phone's
    width, under the site's CSP: the first result is the page."""
    url, _ = site
    page, problems = open_page(chromium, f"{url}/{lang}/{'zoeken' if lang == 'nl' else 'search'}"
                               f"/?q={query}", 390)
    try:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert links[0] == expected, links
        assert not [p for p in problems if "favicon.ico" not in p], problems
    finally:
        page.context.close()
