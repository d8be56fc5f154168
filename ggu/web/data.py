"""The dashboard's cache, at the edge (docs/architecture.md, "Conventions"): query results in
st.cache_data keyed by the snapshot file, the query and its (small) parameters, so a new snapshot
is a new key and is noticed on the next rerun without a restart; figures built once per snapshot
and language. The documents a page hands out are cached beside it (documents.py).

Nothing cached for all sessions is handed out to be changed: st.cache_data gives every call its
own copy of a frame (it pickles), and a figure from st.cache_resource is copied before it is
returned (cached_figure, ggu.web.charts)."""
from __future__ import annotations

import logging
from contextvars import ContextVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ggu import i18n
from ggu.ingest import history
from ggu.present import charts
from ggu.store import loader
from ggu.web.charts import copy_figure

# Outside a Streamlit server (CLI, tests) st.cache_* work in memory; their notice is noise there.
for _name in ("streamlit.runtime.caching.cache_data_api",
              "streamlit.runtime.caching.cache_resource_api",
              "streamlit.runtime.scriptrunner_utils.script_run_context"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached(path: str, name: str, params: tuple) -> pd.DataFrame:
    return loader.run(name, path, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql on the snapshot pinned for this run, cached by snapshot. A parameter
    given as None is one not given (bound as null either way), so both share one result."""
    given = tuple((k, v) for k, v in loader.bound(name, params).items() if v is not None)
    snapshot = loader.snapshot()
    read = _read.get()
    if read is not None:
        read.add(snapshot.id)
    return _cached(str(snapshot.path), name, given)


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(snapshot: str, lang: str, builder: str, name: str, column: str, value) -> go.Figure:
    rows = query(name)
    return getattr(charts, builder)(rows[rows[column] == value].reset_index(drop=True))


def cached_figure(builder: str, name: str, column: str, value) -> go.Figure:
    """The figure `charts.<builder>` draws of the rows of a parameterless query where
    column == value, built once per snapshot and language; the caller gets its own copy."""
    return copy_figure(_figure(loader.snapshot_id(), i18n.lang(), builder, name, column, value))


@st.cache_data(max_entries=32, show_spinner=False)
def compare(a: str, b: str, root: str) -> dict:
    """history.compare, cached: snapshots never change, so (a, b, folder) identifies it."""
    return history.compare(a, b, root)


# The snapshots the queries of this script run read (a context variable of the script thread).
_read: ContextVar[set[str] | None] = ContextVar("snapshots_read", default=None)


def begin_run() -> None:
    """From here on, note the snapshot each query reads (the frame, at the start of a run;
    ggu.web.parts, at the start of a part of a page that reruns on its own)."""
    _read.set(set())


def snapshots_read() -> list[str] | None:
    """The ids of the snapshots this run's queries read since `begin_run` (None before it);
    blocks.snapshot_marker writes them, for the load test. Two would be a mixed page."""
    read = _read.get()
    return None if read is None else sorted(read)
