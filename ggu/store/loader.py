"""The one loader: `query(name, **params)` runs queries/<name>.sql on the current snapshot.

Connections are read-only, with external access disabled and the configuration locked; one
cursor per call (a DuckDB connection is not thread-safe, every Streamlit session is a thread).
Nothing here caches results: the dashboard caches them at its edge (ggu/web/data.py), keyed by
the snapshot, so a new snapshot is noticed without a restart.
"""
from __future__ import annotations

import functools
import re
from contextvars import ContextVar
from pathlib import Path

import duckdb
import pandas as pd

from ggu import config
from ggu.store.snapshots import READ_ONLY_CONFIG, Snapshot, Store

_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")


@functools.cache
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


@functools.lru_cache(maxsize=16)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection to one (immutable) snapshot file, kept open."""
    return duckdb.connect(path, read_only=True, config=READ_ONLY_CONFIG)


def bound(name: str, params: dict) -> dict:
    """Every parameter the query takes, null where not given; refuses one it does not take."""
    wanted = sql_params(name)
    unknown = set(params) - set(wanted)
    if unknown:
        raise ValueError(f"query {name!r} takes no parameter(s) {sorted(unknown)}")
    return {key: params.get(key) for key in wanted}


def run(name: str, path: str | Path, **params) -> pd.DataFrame:
    """Run a query on a snapshot file. Parameters not given are bound as null."""
    values = bound(name, params)
    cur = connection(str(path)).cursor()
    try:
        return cur.execute(sql_text(name), values).df()
    finally:
        cur.close()


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


def snapshot(data_dir: str | Path | None = None) -> Snapshot:
    """The snapshot `query` reads: the one pinned for this run, else the current one (or, when
    its file is missing or unreadable, the last good one: see `Store.readable`)."""
    store = Store(data_dir)
    pinned = _pinned.get()
    if pinned is not None and pinned[0] == str(store.root):
        return pinned[1]
    return store.readable()


def query(name: str, data_dir: str | Path | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the snapshot of data_dir that `snapshot` names."""
    return run(name, snapshot(data_dir).path, **params)


def snapshot_id(data_dir: str | Path | None = None) -> str:
    """The id of the snapshot `query` reads."""
    return snapshot(data_dir).id


def fallback(data_dir: str | Path | None = None) -> Snapshot | None:
    """The snapshot read instead of a broken current one (its `wanted` is the current id),
    or None when the current snapshot is fine."""
    found = snapshot(data_dir)
    return found if found.wanted else None


def pinned() -> tuple[str, Snapshot] | None:
    """The pin of this context (data folder, snapshot), or None: for a part of a page that
    reruns on its own (ggu.web.parts), which reads the snapshot its page read."""
    return _pinned.get()


def repin(pin_: tuple[str, Snapshot] | None) -> None:
    """Pin again what `pinned` returned (in another script run of the same page)."""
    _pinned.set(pin_)
