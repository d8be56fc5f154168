"""Page times in the browser: a real Streamlit server over DATA_DIR and headless Chromium.

Each run starts a fresh server (empty result caches, as after a restart) and a fresh browser
context (a first visit), opens the Overzicht, and then, clicking the sidebar navigation as a
user does, opens every page in turn (Beheer after its login) and changes the year in the
sidebar once on each. A time runs, in the page's own clock, from the click (or the choice of
the year) to the page ready: the script run finished and every chart on the page drawn (then
300 ms without a new run, not counted). It also gives the time until the browser heard that
the run finished. The first load (the Overzicht, from navigation) is reported on its own.
Not a test: speed targets are not asserted; BENCHMARKS.md records the figures.

    .venv/bin/python tests/browser_timing.py DATA_DIR [RUNS]
"""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ggu import config  # noqa: E402
from ggu.passwords import hash_password  # noqa: E402
from tools.browser import browser, streamlit_server  # noqa: E402

# In the order visited: the Overzicht last, since the first load already shows it.
PAGES = ("portfolio", "doelen", "uitgaven", "bijdragen", "rapport", "beheer", "overzicht")
PASSWORD = "timing-wachtwoord"
# Counts finished script runs (stApp's data-test-script-state going back to notRunning) and
# notes the time of the last change of that state.
RUNS_JS = """
window.__done = 0; window.__lastChange = 0;
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  if (state === 'running' && !window.__running) {
    window.__running = true; window.__lastChange = performance.now(); }
  if (state === 'notRunning' && window.__running) {
    window.__running = false; window.__done++;
    window.__doneAt = window.__lastChange = performance.now(); }
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['data-test-script-state']});
"""
# Ready: a run after `since` has finished, none is running, no skeleton is left and every
# chart on the page (ui.plot's, or Streamlit's own without the bundles) has its SVG. The time
# noted is the first moment all of that held; it counts only once nothing has changed for
# 300 ms, since a run may rerun itself (the login).
READY_JS = """(since) => {
  const now = performance.now();
  const charts = [...document.querySelectorAll('.ggu-plot, [data-testid="stPlotlyChart"]')];
  const drawn = window.__done > since && !window.__running
    && !document.querySelector('[data-testid="stSkeleton"]')
    && charts.every(c => c.querySelector('.main-svg'));
  if (!drawn) { window.__drawnAt = null; return false; }
  if (window.__drawnAt == null) window.__drawnAt = now;
  if (now - window.__lastChange < 300) return false;
  window.__ready = window.__drawnAt;
  return true;
}"""


def _act(page, action) -> tuple[float, float]:
    """Do `action` (a click or a choice); return the ms until the last script run finished (as
    the browser hears of it) and until the page is ready (that run finished, charts drawn)."""
    since = page.evaluate("() => { window.__drawnAt = null; return window.__done; }")
    start = page.evaluate("() => performance.now()")
    action()
    page.wait_for_function(READY_JS, arg=since, timeout=120_000, polling="raf")
    done, ready = page.evaluate("() => [window.__doneAt, window.__ready]")
    return done - start, ready - start


def _open_year(page):
    """Open the sidebar's year filter; return the click that picks the year before the current
    one (or the newest, from the oldest), so that only the choice itself is timed."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(1)
    current = box.locator("input").input_value()
    box.click()
    options = page.get_by_role("option")
    names = [options.nth(i).inner_text().strip() for i in range(options.count())]
    target = names[(names.index(current) + 1) % len(names)] if current in names else names[1]
    return options.filter(has_text=target).first.click


def one_run(b, url: str) -> dict:
    ctx = b.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = ctx.new_page()
    page.add_init_script(RUNS_JS)
    times = {}
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(READY_JS, arg=0, timeout=120_000, polling="raf")
        # since navigation
        times["load"] = page.evaluate("() => [window.__doneAt, window.__ready]")
        for name in PAGES:
            # The default page (Overzicht) is the first link; its address is the root.
            link = page.locator("[data-testid='stSidebarNav'] a" if name == "overzicht"
                                else f"[data-testid='stSidebarNav'] a[href*='/{name}']")
            times[f"{name}/open"] = _act(page, link.first.click)
            login = page.locator("[data-testid='stForm'] input[type='password']")
            if login.count():   # the Beheer login: the open time is the time to the form
                login.fill(PASSWORD)
                times[f"{name}/login"] = _act(page, lambda login=login: login.press("Enter"))
            times[f"{name}/year"] = _act(page, _open_year(page))
    finally:
        ctx.close()
    return times


def main(data_dir: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    env = {"GGU_ADMIN_PASSWORD_HASH": os.environ.get("GGU_ADMIN_PASSWORD_HASH")
           or hash_password(PASSWORD)}
    os.environ.update(env)   # the server inherits it
    results: dict[str, list[tuple[float, float]]] = {}
    with browser() as b:
        for _ in range(runs):
            with streamlit_server(data_dir) as url:
                for key, ms in one_run(b, url).items():
                    results.setdefault(key, []).append(ms)
    return results


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else str(config.data_dir())
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results = main(data, runs)
    print(f"browser page times over {data} (ms, median of {runs} runs; each run a fresh server "
          "and a fresh browser context): to the script run finished / to the page ready "
          "(run finished and every chart drawn)")
    print(f"{'step':<18}{'run done':>9}{'ready':>8}   ready in each run")
    for key, values in results.items():
        print(f"{key:<18}{statistics.median(v[0] for v in values):>9.0f}"
              f"{statistics.median(v[1] for v in values):>8.0f}   "
              + ", ".join(f"{v[1]:.0f}" for v in values))
