"""Page timings for the benchmark: each page's server-side render in Streamlit's AppTest, the
first run (caches cleared) and a rerun after a filter change (the shared year filter; on
Planning the scenario's rate)."""
from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from ggu import store as db
from ggu.config import ROOT

# The change a rerun makes on a page, where it is not the shared year filter.
CHANGE = {"pages/planning.py": ("rate_basis_0", "3,40")}


def _pages() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def time_pages(data_dir: Path, runs: int = 3) -> list[dict]:
    os.environ["GGU_DATA_DIR"] = str(data_dir)
    other_year = int(db.query("years", data_dir)["year"].iloc[1])
    results = []
    for page in _pages():
        firsts, reruns = [], []
        for _ in range(runs):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
            at.run()
            start = time.perf_counter()
            at.switch_page(page).run()
            firsts.append((time.perf_counter() - start) * 1000)
            # AppTest drops the sidebar from its tree after switch_page: set the filter's state.
            # On Planning the change is the scenario's rate (the page's own recalculation).
            key, value = CHANGE.get(page, ("jaar", other_year))
            at.session_state[key] = value
            start = time.perf_counter()
            at.run()
            reruns.append((time.perf_counter() - start) * 1000)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception}")
        results.append({"page": page, "first_ms": round(statistics.median(firsts), 1),
                        "rerun_ms": round(statistics.median(reruns), 1)})
    return results
