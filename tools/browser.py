"""A real Streamlit server over a data folder, and headless Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from deploy import processes
from ggu.config import ROOT

# axe-core from the npm registry (package.json; `make test` runs `npm ci`).
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM = os.environ.get("GGU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(data_dir, timeout: float = 60, poll: float = 0.3, env: dict | None = None,
                     log: Path | None = None):
    """Start `streamlit run app.py` (as `make run` does) on a free localhost port; yield its URL.
    `env`: extra environment variables for the server (e.g. the Beheer password hash). `log`:
    the file for its output (a temporary file when None; never a pipe that nobody reads, which
    blocks the server once it holds 64 KB)."""
    port = free_port()
    env = {**os.environ, **(env or {}), "GGU_DATA_DIR": str(data_dir),
           "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "STREAMLIT_SERVER_ADDRESS": "127.0.0.1", "STREAMLIT_SERVER_PORT": str(port)}
    out = open(log, "w+b") if log else tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out.seek(0)
                    raise RuntimeError(
                        "Streamlit did not start:\n" + out.read().decode()) from None
                time.sleep(poll)
        yield url
    finally:
        processes.stop(proc)
        out.close()


@contextlib.contextmanager
def browser():
    """Headless Debian Chromium under Playwright (never a downloaded browser)."""
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(b, url: str, width: int = 1400, height: int = 1000, block: str | None = None):
    """A new page at `url`; `block`: a URL glob whose requests fail (a file that cannot load)."""
    page = b.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
    if block:
        page.route(block, lambda route: route.abort())
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    return page


SETTLED = """() => !!document.querySelector(
    "[data-testid='stApp'][data-test-script-state='notRunning']")
    && !document.querySelector("[data-testid='stSkeleton'], [data-stale='true']")"""


def wait_for_app(page, timeout: int = 60_000) -> None:
    """Wait until the script run has finished, every chart placeholder is drawn and no element
    is left faded from an earlier run. A run that an action starts may begin a moment after the
    action, so the check is made again after half a second: on a busy machine the first check
    can see the page before the run began."""
    page.wait_for_function(SETTLED, timeout=timeout)
    page.wait_for_timeout(500)
    page.wait_for_function(SETTLED, timeout=timeout)


def axe(page, app: bool = True) -> list[dict]:
    """The axe-core violations (WCAG 2.1 A and AA, and best practice) of the page as it is now:
    one dict per rule with its id, impact, help and the first offending elements. `app`: the
    page is the dashboard (wait for its run to settle), not a file such as the HTML report."""
    if app:
        page.wait_for_function(SETTLED, timeout=60_000)   # a faded element from a run reads pale
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `make test` (it runs `npm ci`).")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""", AXE_TAGS)


def serious(violations: list[dict]) -> list[dict]:
    """The violations of impact serious or critical (the WCAG 2.1 AA bar of the test suite)."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@contextlib.contextmanager
def fresh(b):
    """The shared browser `b`, with every browser context opened inside the block closed at its
    end (a test leaves no pages, cookies or storage behind for the next)."""
    before = set(b.contexts)
    try:
        yield b
    finally:
        for context in set(b.contexts) - before:
            context.close()
