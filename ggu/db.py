"""The one loader: `query(name, **params)` runs queries/<name>.sql on the current snapshot.

Connections are read-only, with external access disabled and the configuration locked; one
cursor per call (a DuckDB connection is not thread-safe, every Streamlit session is a thread).
Results are cached keyed by the snapshot, so a new snapshot is noticed without a restart.
"""
from __future__ import annotations

import functools
import logging
import re
from contextvars import ContextVar
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from ggu import config
from ggu.snapshots import READ_ONLY_CONFIG, Snapshot, Store

_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")

# Outside a Streamlit server (CLI, tests) st.cache_* work in memory; their notice is noise there.
for _name in ("streamlit.runtime.caching.cache_data_api",
              "streamlit.runtime.caching.cache_resource_api",
              "streamlit.runtime.scriptrunner_utils.script_run_context"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@functools.lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    """The text of queries/<name>.sql (names are checked against the files that exist)."""
    path = config.QUERIES_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise ValueError(f"unknown query: {name!r}")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(p.stem for p in config.QUERIES_DIR.glob("*.sql"))


def sql_params(name: str) -> list[str]:
    """The named parameters a query takes ($name), in order of first use."""
    return list(dict.fromkeys(_PARAM_RE.findall(sql_text(name))))


@st.cache_resource(max_entries=16, show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection to one (immutable) snapshot file."""
    return duckdb.connect(path, read_only=True, config=READ_ONLY_CONFIG)


def _bound(name: str, params: dict) -> dict:
    """Every parameter the query takes, null where not given; refuses one it does not take."""
    wanted = sql_params(name)
    unknown = set(params) - set(wanted)
    if unknown:
        raise ValueError(f"query {name!r} takes no parameter(s) {sorted(unknown)}")
    return {key: params.get(key) for key in wanted}


def run(name: str, path: str | Path, **params) -> pd.DataFrame:
    """Run a query on a snapshot file, uncached. Parameters not given are bound as null."""
    bound = _bound(name, params)
    cur = connection(str(path)).cursor()
    try:
        return cur.execute(sql_text(name), bound).df()
    finally:
        cur.close()


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached(path: str, name: str, params: tuple) -> pd.DataFrame:
    return run(name, path, **dict(params))


# The snapshot pinned for the rest of a script run (a context variable of the script thread,
# like the language): every query of one run reads one snapshot, also while an import moves
# the pointer in the middle of the run.
_pinned: ContextVar[tuple[str, Snapshot] | None] = ContextVar("snapshot", default=None)


def pin(data_dir: str | Path | None = None) -> Snapshot:
    """Read the pointer once and use that snapshot until the next `pin` (the frame calls this
    at the start of every run, so a new snapshot is seen on the next rerun)."""
    store = Store(data_dir)
    snapshot = store.readable()
    _pinned.set((str(store.root), snapshot))
    return snapshot


def _snapshot(data_dir: str | Path | None) -> Snapshot:
    store = Store(data_dir)
    pinned = _pinned.get()
    if pinned is not None and pinned[0] == str(store.root):
        return pinned[1]
    return store.readable()


def query(name: str, data_dir: str | Path | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the current snapshot of data_dir (or the one pinned for this
    script run), cached by snapshot; when the current file is missing or unreadable, on the
    last good one (see `fallback`). A parameter given as None is one not given (bound as
    null either way), so both share one cached result."""
    snapshot = _snapshot(data_dir)
    given = tuple((k, v) for k, v in _bound(name, params).items() if v is not None)
    return _cached(str(snapshot.path), name, given)


def snapshot_id(data_dir: str | Path | None = None) -> str:
    """The id of the snapshot `query` reads."""
    return _snapshot(data_dir).id


def fallback(data_dir: str | Path | None = None) -> Snapshot | None:
    """The snapshot read instead of a broken current one (its `wanted` is the current id),
    or None when the current snapshot is fine."""
    snapshot = _snapshot(data_dir)
    return snapshot if snapshot.wanted else None
