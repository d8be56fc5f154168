"""Warm-up at server start: what the first visit would otherwise wait for.

Workaround of Streamlit's cold first run (1.67): remove once a first visit no longer waits for
the imports (tools/startup.py measures it).

`streamlit run app.py` starts this in a thread as the server comes up (st.App's lifespan), so
that while the first visitor's browser loads the page (or before anyone visits), the server
imports pandas, DuckDB, Plotly and the ggu modules, opens the current snapshot and runs the
frame's and the start page's queries (cached) and builds the start page's figures once; then
it freezes that heap for the garbage collector (`freeze`). The frame calls `wait()` before its
own imports: a module imported by two threads at once can be seen half-initialised. Without
the warm-up (`streamlit run dashboard.py`, AppTest), `wait()` returns at once and the first
run does the work itself.
"""
from __future__ import annotations

import contextlib
import gc
import logging
import threading

from streamlit.runtime.pages_manager import PagesManager

_thread: threading.Thread | None = None
_log = logging.getLogger(__name__)


def warm() -> None:
    """Import what a page run needs, run the frame's queries on the current snapshot and build
    the start page's figures for the latest year. Never raises: a problem with the data is
    shown by the first run, as without warm-up."""
    try:
        import inspect

        import streamlit.emojis  # noqa: F401  (st.set_page_config's emoji check loads it)

        from ggu import store
        from ggu.present import charts, narrative, tables  # noqa: F401
        from ggu.web import auth, blocks, data, url  # noqa: F401
        store.pin()
        data.query("meta")
        year = int(data.query("years")["year"].iloc[0])
        # The Overzicht, where most visits start: its queries (cached), and its figures, whose
        # first build makes Plotly import the classes it loads on first use (0.15 s).
        split = data.query("split_by_category_by_year", year=year)
        charts.split_vs_norm(split)
        charts.budget_vs_spent(data.query("totals_by_year"), "year")
        data.query("exceptions_by_item", year=year)
        data.query("exception_rules")
        data.query("decisions")
        charts.status_counts(data.query("status_counts_by_year"))
        # Streamlit's first element in a process looks at the call stack (`is_repl`), and
        # Python's inspect then maps every loaded module to its file, once (0.1 s).
        inspect.stack()
        freeze()
    except Exception as error:   # noqa: BLE001  (no data yet, a broken snapshot: the page says)
        _log.info("warm-up stopped: %s", error)


def freeze() -> None:
    """Move every object alive now (the imported modules, the warm caches) out of the garbage
    collector's sight. Workaround, for Streamlit 1.67, which runs a full collection after every
    script run (runner.postScriptGC): over a heap of pandas, Plotly and DuckDB that took about
    70 ms of each run, more than a part of a page costs to rerun; frozen, about 20 ms. Remove
    once Streamlit's collection after a run is cheap (tools/runcost.py measures it). What the
    warm-up cached is then never freed, even once its snapshot is replaced: one page's data."""
    gc.freeze()


@contextlib.asynccontextmanager
async def lifespan(_app):
    """st.App's lifespan: start the warm-up beside the server, which answers meanwhile."""
    global _thread
    # The frame navigates (st.navigation), so no request runs a page of pages/ on its own, as a
    # fresh server's first one would (see blocks.frame_guard): that run would import beside the
    # warm-up before waiting for it.
    PagesManager.uses_pages_directory = False
    _thread = threading.Thread(target=warm, name="ggu-warmup", daemon=True)
    _thread.start()
    yield


def wait() -> None:
    """Until the warm-up (if any) is done; at once on every later run."""
    if _thread is not None:
        _thread.join()
