"""Search on the static site from the files alone: Pagefind's index built over the pages
(ggu.site.search.index), served by nginx as plain files, searched in headless Chromium under the
site's Content-Security-Policy (no inline script): a municipality and a product are found, each
language searches its own pages, the embeddable cards are not indexed."""
from __future__ import annotations

import pytest

from deploy.site import served
from ggu.site import search
from ggu.site.compress import precompress
from tools.browser import free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HEAD = ('<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{title}</title>{extra}</head><body><main data-pagefind-body>'
        '<h1>{title}</h1>{body}</main></body></html>')
PAGES = {
    "nl/index.html": ("nl", "De GGU in cijfers", "<p>Het Fonds GGU in één pagina.</p>"),
    "nl/gemeenten/GM0344/index.html": ("nl", "Utrecht", "<p>Utrecht betaalt in 2024 € 1.083.000"
                                       " aan het Fonds GGU.</p><h2>Vergeleken met gemeenten in "
                                       "Utrecht</h2><p>Utrecht ligt in de provincie Utrecht.</p>"),
    # a name that holds another: Pagefind's ranking put it above Utrecht on the demo site
    "nl/gemeenten/GM1581/index.html": ("nl", "Utrechtse Heuvelrug", "<p>Utrechtse Heuvelrug "
                                       "betaalt in 2024 € 190.000 aan het Fonds GGU.</p><h2>"
                                       "Vergeleken met gemeenten in Utrecht</h2><p>Utrechtse "
                                       "Heuvelrug ligt in de provincie Utrecht.</p>"),
    "nl/gemeenten/GM0363/index.html": ("nl", "Amsterdam", "<p>Amsterdam betaalt in 2024 "
                                       "€ 2.790.000 aan het Fonds GGU.</p>"),
    "nl/producten/IBD/index.html": ("nl", "Informatiebeveiligingsdienst (IBD)",
                                    "<p>De IBD helpt gemeenten bij digitale veiligheid.</p>"),
    "en/index.html": ("en", "The GGU in figures", "<p>The Fonds GGU on one page.</p>"),
    "en/municipalities/GM0344/index.html": ("en", "Utrecht", "<p>Utrecht pays € 1,083,000 in "
                                            "2024 into the Fonds GGU.</p>"),
    "en/products/IBD/index.html": ("en", "Information Security Service (IBD)",
                                   "<p>The IBD helps municipalities with digital safety.</p>"),
    "embed/nl/GM0344.html": ("nl", "Utrecht kaart", "<p>Utrecht kaartje.</p>"),
}
SEARCH_PAGES = {"nl/zoeken/index.html": ("nl", "Zoeken"),
                "en/search/index.html": ("en", "Search")}


def search_page(lang: str, title: str) -> str:
    """A search page made as search.PARTS says, with relative links (as the site's templates:
    the page is two folders down, /nl/zoeken/)."""
    extra = "".join(f'<link rel="stylesheet" href="../../{href}">'
                    for href in search.PARTS["styles"]) + "".join(
        f'<script src="../../{src}"></script>' for src in search.PARTS["scripts"])
    body = f'<div id="{search.PARTS["element_id"]}" data-label="{title}"></div>'
    return HEAD.format(lang=lang, title=title, extra=extra, body=body)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for path, (lang, title, body) in PAGES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(HEAD.format(lang=lang, title=title, extra="", body=body),
                                 encoding="utf-8")
    for path, (lang, title) in SEARCH_PAGES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(search_page(lang, title), encoding="utf-8")
    entry = search.index(root)
    precompress(root)
    with served(root, free_port(), quiet=True) as url:
        yield url, entry


def results(chromium, url: str, typed: str | None = None, width: int = 1440) -> list[str]:
    """The result links of a search on the page at url (by ?q= in url, or typed into the
    search box), with every CSP violation and script error of the page."""
    page = chromium.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    try:
        page.goto(url, wait_until="domcontentloaded")
        if typed is not None:
            page.fill(".pagefind-ui__search-input", typed)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
        # the search box has a label a screen reader announces (Pagefind gives it a title only)
        assert page.get_attribute(".pagefind-ui__search-input", "aria-label") in ("Zoeken",
                                                                                   "Search")
        links = page.eval_on_selector_all(".pagefind-ui__result-link",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert not [p for p in problems if "favicon.ico" not in p], problems
        return links
    finally:
        page.context.close()


def test_the_index_holds_each_language_without_the_cards(site):
    _, entry = site
    counts = {lang: v["page_count"] for lang, v in entry["languages"].items()}
    assert counts == {"nl": 6, "en": 4}   # the search pages too; no embed card


def test_search_finds_a_municipality_and_a_product_in_dutch(site, chromium):
    url, _ = site
    found = results(chromium, f"{url}/nl/zoeken/", typed="Utrecht")
    assert found[0] == "/nl/gemeenten/GM0344/" and not any(f.startswith("/en/") for f in found)
    assert "/embed/nl/GM0344.html" not in found
    found = results(chromium, f"{url}/nl/zoeken/?q=informatiebeveiligingsdienst", width=390)
    assert found == ["/nl/producten/IBD/"]


def test_search_in_english_finds_the_english_pages(site, chromium):
    url, _ = site
    assert results(chromium, f"{url}/en/search/?q=Utrecht") == ["/en/municipalities/GM0344/"]
    assert results(chromium, f"{url}/en/search/", typed="security") == ["/en/products/IBD/"]
