"""Concurrency: sessions on every page while an import makes a new snapshot current; a script
run reads one snapshot throughout, and the next rerun reads the new one."""
from __future__ import annotations

import threading

import pytest
from conftest import build_tiny

from ggu import cli
from ggu.store import loader
from ggu.store.snapshots import Store
from tools import loadtest

pytestmark = pytest.mark.slow


def in_thread(fn):
    """Run fn in its own thread (a script run's pin lives in its thread, as in Streamlit)."""
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", fn()))
    thread.start()
    thread.join()
    return out["value"]


def test_a_run_keeps_its_snapshot_while_an_import_moves_the_pointer(tmp_path):
    store = build_tiny(tmp_path / "data")

    def script_run():
        loader.pin(store.root)                                  # the frame, at the start of a run
        before = loader.query("totals_by_year", store.root, year=2024).iloc[0]["budget_eur"]
        new_id = store.write(loadtest.bump_budgets, action="import", user="test")
        after = loader.query("totals_by_year", store.root, year=2024).iloc[0]["budget_eur"]
        loader.pin(store.root)                                  # the next rerun
        rerun = loader.query("totals_by_year", store.root, year=2024).iloc[0]["budget_eur"]
        return new_id, before, after, rerun, loader.snapshot_id(store.root)

    new_id, before, after, rerun, seen = in_thread(script_run)
    assert (before, after) == (1000, 1000)                  # one snapshot for the whole run
    assert rerun == 1000 + 5 * 1000 and seen == new_id == "0002"   # 5 budget lines in 2024
    assert cli.summary(2024, store.root)["budget_eur"] == 6000.0   # unpinned: the pointer


def test_sessions_during_an_import_see_no_errors_and_no_mix(demo_dir, monkeypatch):
    monkeypatch.setenv("GGU_DATA_DIR", str(demo_dir))   # run() sets it; restored afterwards
    result = loadtest.run_copy(demo_dir, sessions=3)
    assert result.errors == [] and result.mixed_runs == [], result.line()
    assert result.stale_after_import == []                  # each saw the new one on rerun
    assert int(result.new_id) == int(result.old_id) + 1
    assert result.runs_during_import >= 3                   # the import held on until then
    pages = len(loadtest._pages())
    assert result.runs >= 3 * (1 + pages * 3 + 1)            # start, 3 runs per page, after
    assert Store(demo_dir).current_id() == result.old_id    # the copy was loaded, not demo
