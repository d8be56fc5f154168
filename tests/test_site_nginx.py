"""The static site served by Debian's nginx with deploy/nginx.conf (deploy/site.py, `make
serve-site`): the security headers (a CSP without inline scripts, framing only for /embed/),
long caching for hashed assets and short for pages, the precompressed files, the 404 page, and a
new build served as soon as `current` points to it. A real nginx on 127.0.0.1 over a small site
made here (the headers do not depend on what the pages say)."""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from deploy.site import listening, served
from ggu.config import ROOT
from ggu.site.compress import precompress
from tools.browser import free_port

pytestmark = pytest.mark.slow   # a real nginx (and `make`) per test

PAGE = ('<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
        '<body><main><h1>{title}</h1><p>{text}</p></main></body></html>')
ASSET = "plotly-ggu-4.1.1-4834f901ca.min.js"


def make_build(root, marker="build 1"):
    pages = {"nl/index.html": ("nl", "De GGU in cijfers"),
             "en/index.html": ("en", "The GGU in figures"),
             "nl/gemeenten/GM0344/index.html": ("nl", "Utrecht"),
             "embed/nl/GM0344.html": ("nl", "Utrecht, kaart"),
             "404.html": ("nl", "Pagina niet gevonden")}
    for path, (lang, title) in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(PAGE.format(lang=lang, title=title,
                                             text=f"{marker} " + "tekst " * 300),
                                 encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / ASSET).write_text("var x = 1;\n" * 500, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "jaren.csv").write_text("year,budget_eur\n" + "2024,1000.00\n" * 100,
                                             encoding="utf-8")
    precompress(root)
    return root


def get(url, gzip_ok=False):
    """(status, headers, body) of a GET, also for an error status."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok
                                     else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def csp(headers) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
            for part in headers["Content-Security-Policy"].split(";") if part.strip()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_build(tmp_path_factory.mktemp("site"))
    with served(root, free_port(), quiet=True) as url:
        yield url, root


def test_pages_carry_the_security_headers_and_may_not_be_framed(site):
    url, _ = site
    for path in ("/nl/", "/en/", "/nl/gemeenten/GM0344/", "/data/jaren.csv"):
        status, headers, _ = get(url + path)
        assert status == 200, path
        policy = csp(headers)
        assert policy["script-src"] == "'self' 'wasm-unsafe-eval'", path   # no inline script
        assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval'" not in \
            policy["script-src"].replace("wasm-unsafe-eval'", "")
        assert policy["frame-ancestors"] == "'none'" and headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["Server"] == "nginx"   # no version
    assert get(url + "/data/jaren.csv")[1]["Content-Type"] == "text/csv; charset=utf-8"


def test_only_the_embed_card_may_be_framed_by_another_site(site):
    url, _ = site
    status, headers, body = get(url + "/embed/nl/GM0344.html")
    assert status == 200 and b"Utrecht, kaart" in body
    assert csp(headers)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in headers
    assert csp(headers)["script-src"] == "'self' 'wasm-unsafe-eval'"


def test_hashed_assets_are_cached_for_a_year_and_pages_for_minutes(site):
    url, _ = site
    assert get(url + f"/assets/{ASSET}")[1]["Cache-Control"] == \
        "public, max-age=31536000, immutable"
    for path in ("/nl/", "/embed/nl/GM0344.html", "/data/jaren.csv"):
        assert get(url + path)[1]["Cache-Control"] == "public, max-age=300", path


def test_the_precompressed_file_is_sent_to_a_client_that_accepts_gzip(site):
    url, root = site
    for path, file in (("/nl/", "nl/index.html"), (f"/assets/{ASSET}", f"assets/{ASSET}"),
                       ("/data/jaren.csv", "data/jaren.csv")):
        status, headers, body = get(url + path, gzip_ok=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert body == (root / (file + ".gz")).read_bytes()   # the build's file, as it is
        assert gzip.decompress(body) == (root / file).read_bytes()
        assert "Accept-Encoding" in headers["Vary"]
        status, headers, body = get(url + path)   # and plain to one that does not
        assert "Content-Encoding" not in headers and body == (root / file).read_bytes()


def test_a_missing_address_gets_the_sites_404_page(site):
    url, _ = site
    status, headers, body = get(url + "/nl/gemeenten/GM9999/")
    assert status == 404 and b"Pagina niet gevonden" in body
    assert csp(headers)["frame-ancestors"] == "'none'"
    assert get(url + "/404.html")[0] == 404   # the page itself is no address of its own


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _processes(pgid: int) -> str:
    return subprocess.run(["ps", "-o", "pid,ppid,stat,wchan:20,args", "-g", str(pgid)],
                          capture_output=True, text=True).stdout


def test_make_serve_site_serves_the_current_build_and_follows_the_switch(tmp_path):
    """`make serve-site PORT=… DATA_DIR=…` serves <data>/site/current; when `current` is moved
    to a new build (as the site build does, os.replace of the link) the next request gets it."""
    site_dir = tmp_path / "data" / "site"
    for build in ("0001", "0002"):
        (site_dir / build).mkdir(parents=True)
        make_build(site_dir / build, marker=f"build {int(build)}")
    os.symlink("0001", site_dir / "current")
    port = free_port()
    log = tmp_path / "make.log"   # (a file, not a pipe: what counts is that make ends)
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "serve-site", f"PORT={port}",
                                 f"DATA_DIR={tmp_path / 'data'}", "CAN_APT=0"], cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 60, None
        while status != 200 and time.monotonic() < deadline and proc.poll() is None:
            try:
                status, headers, body = get(f"http://127.0.0.1:{port}/nl/")
            except OSError:
                time.sleep(0.2)
        assert status == 200, "make serve-site did not serve"
        assert b"build 1" in body and csp(headers)["frame-ancestors"] == "'none'"
        os.symlink("0002", site_dir / "current.new")
        os.replace(site_dir / "current.new", site_dir / "current")
        assert b"build 2" in get(f"http://127.0.0.1:{port}/nl/")[2]
    finally:
        os.killpg(proc.pid, signal.SIGINT)   # Ctrl-C: make, the server and nginx all end
        try:
            proc.wait(timeout=30)
            deadline = time.monotonic() + 10
            while _group_alive(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _group_alive(proc.pid), _processes(proc.pid)
        except subprocess.TimeoutExpired:   # what still runs, for the report; then stop it all
            tree = _processes(proc.pid)
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError(f"Ctrl-C did not stop make serve-site:\n{tree}") from None
    out = log.read_text(encoding="utf-8")
    assert f"http://127.0.0.1:{port}/nl/" in out
    # a site that is there is served as it is: no data (demo) built into the folder first
    assert not (tmp_path / "data" / "CURRENT").exists() and "ggu demo" not in out, out


def test_the_load_tool_reads_municipality_pages_through_nginx_with_ab(tmp_path):
    """tools.siteload's reader round, small: every request answered, the gzip file sent (what
    a browser gets), nginx's CPU counted."""
    from tools.siteload import load_site
    for lang, folder in (("nl", "gemeenten"), ("en", "municipalities")):
        for code in ("GM0014", "GM0344", "GM0363"):
            page = tmp_path / lang / folder / code / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(PAGE.format(lang=lang, title=code, text="tabel " * 2000),
                            encoding="utf-8")
    precompress(tmp_path)
    outcome = load_site(tmp_path, concurrency=20, requests=400, pages=4)
    assert outcome.pages == 4 and outcome.requests == 400
    assert outcome.failed == 0 and outcome.non_2xx == 0
    sizes = {p.stat().st_size for p in tmp_path.rglob("index.html.gz")}
    assert outcome.bytes_per_page in sizes   # the precompressed page, as a browser gets it
    assert outcome.nginx_cpu_s >= 0 and 0 <= outcome.p50_ms <= outcome.p95_ms <= outcome.max_ms


def test_serve_site_stopped_with_sigterm_stops_its_nginx(tmp_path):
    """A supervisor stops the server with SIGTERM: nginx goes with it (it was left running,
    orphaned, on the port)."""
    root = make_build(tmp_path / "site")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "deploy.site", "--port", str(port),
                             "--root", str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "Ctrl-C" in proc.stdout.readline()            # printed once nginx listens
        assert get(f"http://127.0.0.1:{port}/nl/")[0] == 200
        proc.terminate()
        assert proc.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not listening(port)
    finally:
        proc.kill()
