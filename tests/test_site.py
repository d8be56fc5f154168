"""The public static site (ggu/site) built from the tiny data set: its figures by hand, every
page in both languages with hreflang, canonical URL and working links, the sitemap, robots.txt
and the 404 page; `python -m ggu site build` and its atomic switch of site/current, also with
a kill -9 in the middle of a build."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_tiny
from test_attribution import USE_SQL

from ggu.config import ROOT
from ggu.site import build, search
from ggu.store import Store

pytestmark = [pytest.mark.app, pytest.mark.slow]

NBSP = "\xa0"


class Page(HTMLParser):
    """The links, the <head> links, the text and the table rows of one page."""

    def __init__(self, text: str):
        super().__init__()
        self.links, self.heads, self.rows, self.words = [], [], [], []
        self.scripts, self._cell, self._skip = [], None, 0
        self.feed(text)
        self.text = " ".join(" ".join(self.words).split())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link":
            self.heads.append(a)
        elif tag == "script":
            self.scripts.append(a)
            self._skip += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            if self.rows:
                self.rows[-1].append(" ".join(self._cell.split()))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        self.words.append(data)
        if self._cell is not None:
            self._cell += data


def page(root: Path, path: str) -> Page:
    return Page((root / path).read_text(encoding="utf-8"))


def rows_by_head(html: Page) -> dict[str, list[str]]:
    """Each table row by its first cell (the first such row on the page)."""
    out: dict[str, list[str]] = {}
    for row in html.rows:
        if row:
            out.setdefault(row[0], row[1:])
    return out


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    """The tiny data with recorded use (tests/test_attribution.py), built into a folder."""
    data = tmp_path_factory.mktemp("site-data")
    store = build_tiny(data)
    store.write(lambda con: (con.execute(USE_SQL), {"item_use": 5})[1], action="import",
                user="test")
    out = tmp_path_factory.mktemp("site-out") / "build"
    result = build.build(data, out=out, workers=2)
    assert result.path == out and result.pages > 0
    return out


def test_municipality_page_by_hand(tiny_site):
    """Eerstedorp (GM0001) 2024: paid 2 x 1,500.00; attributed Alfa 350.10 + Bravo 25.00
    (used) + Charlie 12.48 (for all) = 387.58; Delta not used (tests/test_attribution.py)."""
    nl = page(tiny_site, "nl/gemeenten/GM0001/index.html")
    assert "Eerstedorp" in nl.text and "Voorbeelddata" not in nl.text
    rows = rows_by_head(nl)
    assert rows["Totaal 2024"] == ["€ 3.000,00"]
    assert rows["2024"][:2] == ["€ 3.000,00", "€ 387,58"]
    assert rows["Alfa"] == ["1", "€ 350,10"] and rows["Bravo"] == ["2", "€ 25,00"]
    assert rows["Toegerekend totaal"] == ["", "€ 387,58"]
    assert "Niet in gebruik: Delta." in nl.text
    assert "GM0001-eerstedorp.pdf" in nl.links
    assert (tiny_site / "nl/gemeenten/GM0001/GM0001-eerstedorp.pdf").read_bytes()[:5] == b"%PDF-"
    en = page(tiny_site, "en/municipalities/GM0001/index.html")
    rows = rows_by_head(en)
    assert rows["2024"][:2] == ["€3,000.00", "€387.58"]
    card = page(tiny_site, "embed/en/GM0001.html")
    assert "€3,000.00" in card.text and "€387.58" in card.text
    assert "../../en/municipalities/GM0001/" in card.links


def test_product_and_decisions_by_hand(tiny_site):
    """Alfa (A) in 2024: used by Eerstedorp alone (1,000 inhabitants), 350.10 spent from the
    fund: € 0,35 per inhabitant; the College's decision of 15 April 2024 about it."""
    alfa = page(tiny_site, "nl/producten/A/index.html")
    use = [r for r in alfa.rows if r and r[0] == "2024"][-1]     # the table of its use
    assert use[1:] == ["1", "€ 350,10", "€ 0,35"]
    assert "Herstelplan gevraagd voor Alfa" in alfa.text
    decisions = page(tiny_site, "en/decisions/index.html")
    assert "Herstelplan gevraagd voor Alfa" in decisions.text
    assert "../products/A/" in decisions.links


def test_every_page_links_hreflang_and_sitemap(tiny_site):
    """Every page of both languages: a canonical URL, its other language (hreflang) on disk,
    every link to a file that exists; the sitemap names every page; robots.txt and 404."""
    pages = sorted(p.relative_to(tiny_site).as_posix() for p in tiny_site.rglob("*.html")
                   if not p.name.startswith("404"))
    assert len(pages) == 47   # 2 x 21 pages (tests/conftest.py; the search page), 4 cards, the root
    sitemap = (tiny_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in pages:
        html = page(tiny_site, path)
        for href in html.links + [h["href"] for h in html.heads if h.get("rel") == "stylesheet"]:
            if re.match(r"[a-z]+:", href) or href.startswith("#"):
                continue
            target = (tiny_site / path).parent / href
            assert (target / "index.html" if href.endswith("/") else target).exists(), \
                f"{path}: broken link {href}"
        if path == "index.html" or path.startswith("embed/"):
            continue
        canonical = [h["href"] for h in html.heads if h.get("rel") == "canonical"]
        langs = {h["hreflang"]: h["href"] for h in html.heads if h.get("rel") == "alternate"}
        assert canonical and set(langs) == {"nl", "en"}, path
        assert f"<loc>{canonical[0]}</loc>" in sitemap
        other = langs["en" if path.startswith("nl/") else "nl"].split("/", 3)[3]
        assert (tiny_site / other / "index.html").exists(), path
    robots = (tiny_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: " in robots and "Disallow: /embed/" in robots
    missing = page(tiny_site, "404.html")
    assert "Deze pagina bestaat niet" in missing.text and "/nl/" in missing.links


def test_no_inline_script(tiny_site):
    """A Content-Security-Policy without 'unsafe-inline' holds: every <script> has a src or
    is data (application/json)."""
    for path in tiny_site.rglob("*.html"):
        for attrs in page(tiny_site, path.relative_to(tiny_site).as_posix()).scripts:
            assert attrs.get("src") or attrs.get("type") == "application/json", path
        markup = re.sub(r"<script type=\"application/json\".*?</script>", "",
                        path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", markup), path   # no onclick=...


def _build(data: Path, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ggu", "site", "build", "--data-dir",
                             str(data), "--quiet", *extra], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_atomic_switch_survives_kill_9(tmp_path):
    """site/current always points at a whole build: a build killed with SIGKILL leaves it
    as it was; the next one builds, switches and clears the leftover; an unchanged snapshot
    is a no-op; a new snapshot a new build; only the last KEEP builds stay."""
    data = tmp_path / "data"
    build_tiny(data)
    first = _build(data)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    root = data / "site"
    assert os.readlink(root / "current") == "0001"
    before = (root / "current" / "nl/gemeenten/GM0001/index.html").read_bytes()

    Store(data).write(lambda con: (con.execute(USE_SQL), {"item_use": 5})[1],
                      action="import", user="test")                  # a new snapshot
    victim = _build(data)
    deadline = time.monotonic() + 300
    while not list((root / "0002.part").rglob("*.html")) and time.monotonic() < deadline:
        assert victim.poll() is None, victim.communicate()
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    assert os.readlink(root / "current") == "0001"
    assert (root / "current" / "nl/gemeenten/GM0001/index.html").read_bytes() == before
    assert json.loads((root / "current" / "build.json").read_text())["snapshot"] == "0001"

    again = _build(data)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert os.readlink(root / "current") == "0002" and not (root / "0002.part").exists()
    assert json.loads((root / "current" / "build.json").read_text())["snapshot"] == "0002"

    same = _build(data)
    out, err = same.communicate(timeout=600)
    assert same.returncode == 0 and "al actueel" in out, err
    assert sorted(p.name for p in root.iterdir() if p.name.isdigit()) == ["0001", "0002"]


def test_a_new_program_builds_the_same_snapshot_again(tmp_path, monkeypatch):
    """The no-op is for the same snapshot made by the same program: after an update of the
    dashboard (its pages, queries or templates) Publiceren builds again."""
    data = tmp_path / "data"
    build_tiny(data)
    key = build.build_key("0001", data)
    assert build.build_key("0001", data) == key
    monkeypatch.setattr(build, "code_fingerprint", lambda: "another version")
    assert build.build_key("0001", data) != key


def test_prune_keeps_the_last_builds_and_the_current(tmp_path):
    root = tmp_path / "site"
    for n in range(1, 6):
        (root / f"{n:04d}").mkdir(parents=True)
    build.switch(root, "0002")
    build.prune(root, keep=2)
    assert sorted(p.name for p in root.iterdir() if p.name.isdigit()) == ["0002", "0004", "0005"]
    assert os.readlink(root / "current") == "0002"


def test_out_refuses_a_folder_with_files(tmp_path):
    data = tmp_path / "data"
    build_tiny(data)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    run = subprocess.run([sys.executable, "-m", "ggu", "site", "build", "--data-dir", str(data),
                          "--out", str(tmp_path / "full")], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 1 and "niet leeg" in run.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_a_failed_build_leaves_the_current_site_as_it_was(tmp_path, monkeypatch):
    """A build that fails at its very end (the search index, after every page is written)
    switches nothing and leaves no half build behind; current still serves the last one."""
    data = tmp_path / "data"
    build_tiny(data)
    build.build(data)
    root = data / "site"
    before = (root / "current" / "nl/gemeenten/GM0001/index.html").read_bytes()
    Store(data).write(lambda con: (con.execute(USE_SQL), {"item_use": 5})[1],
                      action="import", user="test")                  # a new snapshot

    def broken(out):
        assert list(out.rglob("*.html"))          # the pages are there: only the end fails
        raise search.SearchError("pagefind stopped")

    monkeypatch.setattr(search, "index", broken)
    with pytest.raises(search.SearchError):
        build.build(data)
    assert os.readlink(root / "current") == "0001"
    assert (root / "current" / "nl/gemeenten/GM0001/index.html").read_bytes() == before
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == [
        "0001", "current"]


def test_the_status_chart_says_which_year_runs_to_the_as_of_date(tiny_site):
    """The year's page of a complete year says that the running year (not that year) is
    counted on the as-of date."""
    home = page(tiny_site, "nl/index.html").text
    assert "(voor 2024: op 31 oktober 2024)" in home and "(voor 2023: op " not in home


def test_every_page_of_demo_data_carries_the_demo_mark(tmp_path):
    """While the data is demo data, every page (both languages, the embed cards, the 404 page)
    says so, and the data package says is_demo; the tiny set (real data) has no mark above."""
    data = tmp_path / "data"
    build_tiny(data)
    Store(data).write(lambda con: (con.execute(
        "delete from meta where key = 'is_demo'; insert into meta values ('is_demo', 'true')"),
        {"meta": 1})[1], action="import", user="test")
    out = tmp_path / "site"
    build.build(data, out=out)
    marks = {"nl": "Voorbeelddata", "en": "Sample data"}
    pages = sorted(p for p in out.rglob("*.html") if p != out / "index.html")  # not the redirect
    assert len(pages) > 40
    for path in pages:
        parts = path.relative_to(out).parts
        lang = parts[1] if parts[0] == "embed" else parts[0] if parts[0] in marks else "nl"
        assert marks[lang] in Page(path.read_text(encoding="utf-8")).text, path
    assert json.loads((out / "data/datapackage.json").read_text())["is_demo"] is True
