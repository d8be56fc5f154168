"""Load test: N sessions (Streamlit AppTest, each in its own thread) open every page and change
the year filter, while a new snapshot is written and made current in the middle of the load.

Checks: no exception in any run; every page run reads one snapshot (never a mix of the old and
the new); after the import, every session's next rerun reads the new snapshot. Reports p50/p95
page times. `python -m tools.loadtest --sessions 5 10 20` runs it on a copy of the data folder.
"""
from __future__ import annotations

import logging
import os
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import MagicMock

import streamlit as st
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
from streamlit.testing.v1.util import patch_config_options

from ggu import config, store
from ggu.config import ROOT
from ggu.store import loader
from ggu.store.snapshots import Store
from ggu.web import data


def _errors_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR


RUN_KEY = "_loadtest_run"   # session state: which (session, run) a query belongs to


@dataclass
class Result:
    sessions: int
    runs: int = 0
    times_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mixed_runs: list[str] = field(default_factory=list)     # runs that read 2+ snapshots
    stale_after_import: list[int] = field(default_factory=list)   # sessions still on the old
    old_id: str = ""
    new_id: str = ""
    runs_during_import: int = 0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[-1]

    @property
    def ok(self) -> bool:
        return not (self.errors or self.mixed_runs or self.stale_after_import)

    def line(self) -> str:
        return (f"{self.sessions:>3} sessies  {self.runs:>5} paginaruns  "
                f"p50 {self.p50_ms:>7.0f} ms  p95 {self.p95_ms:>7.0f} ms  "
                f"fouten {len(self.errors)}  gemengd {len(self.mixed_runs)}  "
                f"oud na import {len(self.stale_after_import)}  "
                f"runs tijdens import {self.runs_during_import}  "
                f"snapshot {self.old_id} -> {self.new_id}")


def _server_page_mode():
    """Run AppTest as a server runs (see tests/conftest.py server_page_mode): AppTest puts
    Streamlit back in its old multipage mode before every run, a server does so only once.
    Returns the original PagesManager.__init__ to put back."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    return original


def _shared_runtime():
    """AppTest installs a mock Runtime for each run and removes it when the run ends, so with
    sessions in threads one session's end would pull the runtime from under another's run. Keep
    one mock available while the load runs (and say a runtime exists, so that a component
    registers itself on it, as on a server). Returns the original Runtime.instance and exists."""
    original = Runtime.__dict__["instance"], Runtime.__dict__["exists"]
    mock = MagicMock(spec=Runtime)
    mock.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    mock.dataframe_source_mgr = DataframeSourceManager()
    mock.cache_storage_manager = MemoryCacheStorageManager()
    mock.bidi_component_registry = BidiComponentManager()   # where ui.plot's component lives
    Runtime.instance = classmethod(lambda cls: cls._instance or mock)
    Runtime.exists = classmethod(lambda cls: True)
    return original


def _shared_script_cache():
    """AppTest compiles the scripts anew for every run, each with its own cache and lock; a
    server has one cache, so compiles one at a time (CPython 3.11's compiler is not safe when
    threads compile at once). Share one, as a server does. Returns the original to put back."""
    original = app_test.ScriptCache
    shared = original()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    return original


def _app_test_mode():
    """Each AppTest run sets Streamlit's global option `global.appTest` for its run and puts the
    old value back after: with sessions in threads, one session's end turned it off in the
    middle of another's run, whose widgets then kept no test values (a KeyError for a widget
    id when AppTest read them). Keep it on while the load runs. Returns the patch, entered."""
    patch = patch_config_options({"global.appTest": True})
    patch.__enter__()
    return patch


def _pages() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def bump_budgets(con) -> dict[str, int]:
    """The load test's import: every budget line 1,000 euro higher (visible on every page)."""
    return {"budget": con.execute("update budget set budget_eur = budget_eur + 1000")
            .fetchone()[0]}


def run(data_dir: str | Path, sessions: int, passes: int = 1, year_changes: int = 2) -> Result:
    """Run the load on data_dir (a new snapshot is written there: use a copy)."""
    data_store = Store(data_dir)
    os.environ["GGU_DATA_DIR"] = str(data_store.root)
    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.caching.cache_data_api"):   # noise outside a server
        logging.getLogger(name).addFilter(_errors_only)   # (AppTest resets the levels)
    result = Result(sessions, old_id=data_store.current_id() or "")
    years = store.query("years", data_store.root)["year"].tolist()[:year_changes + 1]
    seen: dict[tuple, dict] = {}    # (session, run) -> script run -> snapshot ids it read
    keep = []                       # the pins seen, kept alive so that their ids stay unique
    lock = threading.Lock()
    started = threading.Barrier(sessions + 1)
    import_done = threading.Event()
    importing = threading.Event()
    overlapped = threading.Event()
    original = data._cached

    def recording(path, name, params):
        # a script run is the frame's pin (an st.rerun inside a page starts a new one)
        tag, pinned = st.session_state.get(RUN_KEY), loader._pinned.get()
        if tag is not None:
            with lock:
                keep.append(pinned)
                seen.setdefault(tag, {}).setdefault(id(pinned), set()).add(Path(path).stem)
        return original(path, name, params)

    def during_load(con) -> dict[str, int]:
        """The import's change; its transaction stays open until every session has finished
        a page run that started while the import ran (so the load really overlaps it)."""
        rows = bump_budgets(con)
        overlapped.wait(timeout=300)
        return rows

    def session(n: int) -> None:
        runs = 0

        def rerun(at: AppTest, label: str) -> None:
            nonlocal runs
            runs += 1
            at.session_state[RUN_KEY] = (n, runs)
            during = importing.is_set()
            start = time.perf_counter()
            at.run()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                result.runs += 1
                result.times_ms.append(elapsed)
                result.runs_during_import += during
                if result.runs_during_import >= sessions:
                    overlapped.set()
                if at.exception:
                    result.errors.append(f"sessie {n} {label}: {at.exception[0].message}")
                elif not at.title:   # e.g. a script that did not compile: an empty page
                    result.errors.append(f"sessie {n} {label}: lege pagina")
                for ids in seen.get((n, runs), {}).values():
                    if len(ids) > 1:
                        result.mixed_runs.append(f"sessie {n} {label}: {sorted(ids)}")

        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            rerun(at, "start")
            started.wait()
            done = 0
            while done < passes or not import_done.is_set():
                for page in _pages():
                    at.switch_page(page)
                    rerun(at, page)
                    for year in years[1:] + years[:1]:
                        at.session_state["jaar"] = year
                        rerun(at, f"{page} {year}")
                done += 1
            rerun(at, "na import")          # one rerun after the import: the new snapshot
            if set().union(*seen.get((n, runs), {}).values()) != {result.new_id}:
                with lock:
                    result.stale_after_import.append(n)
        except Exception as error:   # reported, never lost in a thread
            with lock:
                result.errors.append(f"sessie {n}: {type(error).__name__}: {error}")
            started.abort()

    data._cached = recording
    server_mode, runtime_instance = _server_page_mode(), _shared_runtime()
    script_cache = _shared_script_cache()
    app_test_mode = _app_test_mode()
    threads = [threading.Thread(target=session, args=(n,), name=f"loadtest-{n}")
               for n in range(sessions)]
    try:
        for thread in threads:
            thread.start()
        started.wait()                      # every session has made its first run
        importing.set()
        result.new_id = data_store.write(during_load, action="loadtest",
                                         user=config.setting("user"),
                                    message="Belastingtest: nieuwe snapshot tijdens gebruik")
        importing.clear()
        import_done.set()
        for thread in threads:
            thread.join()
    except threading.BrokenBarrierError:
        import_done.set()
        for thread in threads:
            thread.join()
    finally:
        data._cached = original
        PagesManager.__init__ = server_mode
        Runtime.instance, Runtime.exists = runtime_instance
        app_test.ScriptCache = local_script_runner.ScriptCache = script_cache
        app_test_mode.__exit__(None, None, None)
    return result


def copy_data(data_dir: str | Path | None, target: str | Path) -> Store:
    """target as a data folder holding only data_dir's current snapshot (a load test writes a
    new snapshot: never into the original)."""
    source = Store(data_dir).current()
    copy = Store(target)
    copy.snapshots_dir.mkdir(parents=True)
    shutil.copyfile(source.path, copy.path(source.id))
    copy.move_pointer(source.id)
    return copy


def run_copy(data_dir: str | Path | None, sessions: int, **kwargs) -> Result:
    """Run the load on a temporary copy of data_dir's current snapshot (the original is never
    written)."""
    with tempfile.TemporaryDirectory(prefix="ggu-load-") as work:
        copy = copy_data(data_dir, work)
        st.cache_data.clear()
        return run(copy.root, sessions, **kwargs)


def main(argv: list[str] | None = None) -> int:
    """`python -m tools.loadtest --sessions 5 10 20`: the load on a copy of the data folder."""
    import argparse
    parser = argparse.ArgumentParser(prog="python -m tools.loadtest",
                                     description="gelijktijdige sessies over alle pagina's "
                                                 "terwijl een import loopt")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="map met de gegevens (standaard: GGU_DATA_DIR, anders data/)")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5], metavar="N",
                        help="aantal gelijktijdige sessies (één of meer; standaard 5)")
    parser.add_argument("--passes", type=int, default=1,
                        help="rondes langs alle pagina's per sessie (standaard 1)")
    args = parser.parse_args(argv)
    print("Belastingtest op een kopie van de huidige snapshot; halverwege wordt een nieuwe "
          "snapshot geschreven.")
    results = []
    source = config.data_dir(args.data_dir)   # once: each run points GGU_DATA_DIR at its copy
    for n in args.sessions:
        result = run_copy(source, n, passes=args.passes)
        print(result.line())
        for problem in result.errors + result.mixed_runs:
            print(f"  {problem}")
        results.append(result)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
