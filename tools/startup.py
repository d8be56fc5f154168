"""Start-up time: from `streamlit run app.py` (as `make run` starts the server, with its
warm-up) to the Overzicht page with its charts drawn in headless Chromium (the browser is
started first and left 0.5 s to settle; its own start is not counted), for two visitors, one
run of each in turn:

- first visit: a fresh browser profile (empty HTTP cache, no V8 code cache);
- returning visit: a profile that has opened the dashboard twice before (on the same address,
  so Streamlit's content-hashed, immutable scripts come from the HTTP cache and V8 has a code
  cache for them); the server is started afresh each run, as for the first visit.

And, not the target but what a user meets after `make run`: a later visit, a fresh profile
opening a fresh server that has been up for 5 s (its warm-up done), from navigation to the
charts drawn.

Besides the total, each run's phases (seconds since `streamlit run`): the health endpoint
answering, DOMContentLoaded, the first <h1> (the first script run has sent the page title),
plotly.js requested and received (our bundle, or Streamlit's Plotly chunk when the
bundles are not installed), and the charts drawn.

    .venv/bin/python tests/startup.py [DATA_DIR] [RUNS]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from ggu import config  # noqa: E402
from tools import browser as server  # noqa: E402
from tools.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}
# The Overzicht's three charts drawn: three Plotly figures in the page with their SVG (one
# figure alone has three .main-svg layers, so counting those would stop at the first chart).
CHARTS_DRAWN = ("[...document.querySelectorAll('[data-testid=\"stMain\"] .js-plotly-plot')]"
                ".filter(p => p.querySelector('.main-svg')).length >= 3")
DRAWN = f"() => {CHARTS_DRAWN}"
# Marks in the page's own clock (performance.now()), set by a MutationObserver.
MARKS = """
window.__marks = {};
const mark = (k) => { if (!(k in window.__marks)) window.__marks[k] = performance.now(); };
const obs = new MutationObserver(() => {
  if (document.querySelector('h1')) mark('h1');
  if ({CHARTS_DRAWN}) { mark('charts'); obs.disconnect(); }
});
obs.observe(document, {subtree: true, childList: true});
""".replace("{CHARTS_DRAWN}", CHARTS_DRAWN)
PHASES = ["health", "dom", "h1", "plotly_req", "plotly_got", "charts"]
LATER_S = 5   # a later visit: the server has been up this long (as after `make run`)


def _measure(page, data_dir: str, idle: float = 0.0) -> dict:
    """Start a server, open it in `page` (`idle` s after it answers), return the total and the
    phases (s since start) and the time from navigation to the charts drawn."""
    page.add_init_script(MARKS)
    page.wait_for_timeout(500)   # the browser's own start settles first (not counted)
    start = time.perf_counter()
    with streamlit_server(data_dir, poll=0.05) as url:
        health = time.perf_counter() - start
        time.sleep(idle)
        navigation = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(DRAWN, timeout=60_000)
        total = time.perf_counter() - start
        from_navigation = time.perf_counter() - navigation
        t = page.evaluate(r"""() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const plotly = performance.getEntriesByType('resource')
            .find(e => /\/PlotlyChart\.|\/app\/static\/plotly/.test(e.name));
          return {now: performance.now(), dom: nav.domContentLoadedEventEnd,
                  h1: window.__marks.h1, charts: window.__marks.charts,
                  plotly_req: plotly && plotly.startTime, plotly_got: plotly && plotly.responseEnd,
                  plotly_bytes: plotly ? plotly.transferSize : null};
        }""")
        offset = time.perf_counter() - start - t["now"] / 1000   # page clock -> our clock
    phases = {k: (offset + t[k] / 1000 if t.get(k) is not None else None)
              for k in PHASES if k != "health"}
    # transferSize 0 means the chunk came from the HTTP cache.
    return {"total": total, "health": health, **phases, "plotly_bytes": t["plotly_bytes"],
            "from_navigation": from_navigation}


def first_visit(pw, data_dir: str, idle: float = 0.0) -> dict:
    """A visit with a fresh profile (as `server.browser()` starts it)."""
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        return _measure(b.new_page(viewport=VIEWPORT), data_dir, idle)
    finally:
        b.close()


def returning_visit(pw, profile: str, data_dir: str) -> dict:
    """A visit with the browser profile in `profile` (its caches kept on disk between visits)."""
    ctx = pw.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport=VIEWPORT)
    try:
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        result = _measure(page, data_dir)
        page.wait_for_timeout(1000)   # let Chromium write its caches
        return result
    finally:
        ctx.close()


def measure(data_dir: str, runs: int) -> tuple[list[dict], list[dict], list[dict]]:
    """`runs` first visits, returning visits and later visits, interleaved (the machine's load
    then weighs on all alike). The returning profile first visits twice to fill its caches; its
    server always gets the same port, since the HTTP cache is keyed by the address."""
    port = server.free_port()
    first, returning, later = [], [], []
    with tempfile.TemporaryDirectory(prefix="ggu-profile-") as profile, sync_playwright() as pw:
        def revisit():
            with mock.patch.object(server, "free_port", return_value=port):
                return returning_visit(pw, profile, data_dir)
        for _ in range(2):   # fill the profile's caches
            revisit()
        for _ in range(runs):
            first.append(first_visit(pw, data_dir))
            returning.append(revisit())
            later.append(first_visit(pw, data_dir, idle=LATER_S))
    return first, returning, later


def _report(label: str, results: list[dict]) -> str:
    def med(key):
        values = [r[key] for r in results if r[key] is not None]
        return f"{statistics.median(values):.2f}" if values else "–"
    totals = ", ".join(f"{r['total']:.2f}" for r in results)
    cached = sum(1 for r in results if r["plotly_bytes"] == 0)
    return (f"{label}: median {med('total')} s (runs: {totals})\n"
            f"  phases (median s since `streamlit run`): health {med('health')} · "
            f"DOMContentLoaded {med('dom')} · first <h1> {med('h1')} · plotly.js requested "
            f"{med('plotly_req')}, received {med('plotly_got')} · charts drawn {med('charts')}"
            f"  [plotly.js from the HTTP cache in {cached} of {len(results)} runs]")


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else str(config.data_dir())
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    first, returning, later = measure(data, runs)
    print(_report("start-up to Overzicht drawn, first visit (fresh profile)", first))
    print(_report("start-up to Overzicht drawn, returning visit (warm HTTP and code cache)",
                  returning))
    times = [r["from_navigation"] for r in later]
    print(f"the first visitor (fresh profile) of a server up for {LATER_S:.0f} s: median "
          f"{statistics.median(times):.2f} s from navigation to the charts drawn (runs: "
          + ", ".join(f"{x:.2f}" for x in times) + ")")
