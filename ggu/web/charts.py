"""The chart builders of ggu.present.charts, each figure built once per data, arguments and
language and then shared by every session and rerun (`from ggu.web import charts`, then
`charts.split_vs_norm(split, basis)` as before).

A figure costs 5–50 ms of Plotly to build, and a rerun used to build every figure of its page
again from the same cached query results. The builders are pure functions of their arguments
and the language (their labels come from the catalogue), so st.cache_resource keyed by those
(DataFrames hashed by content) returns the same figure. The cached figure is shared by every
session, so each call hands out a deep copy of it (copy_figure): what one session adds to its
figure (decision markers, a larger font) never reaches another session's.
"""
from __future__ import annotations

import copy
import functools
import pickle

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ggu import i18n
from ggu.present import charts as builders


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    """A frame's content for the cache key (Streamlit's own hash refuses frames with array
    cells and falls back to pickling with a warning in the log on every call)."""
    return pickle.dumps(frame, protocol=5)


@st.cache_resource(max_entries=512, show_spinner=False,
                   hash_funcs={pd.DataFrame: _frame_bytes})
def _figure(builder: str, lang: str, args: tuple, kwargs: tuple) -> go.Figure:
    with i18n.using(lang):
        return getattr(builders, builder)(*args, **dict(kwargs))


def copy_figure(fig: go.Figure) -> go.Figure:
    """A deep copy of a figure, in under a millisecond, its arrays kept as arrays.

    Workaround, for plotly 7.1: go.Figure(fig) copies by validating every property again
    (5-15 ms, as much as building most of our figures), and copy.deepcopy goes through
    to_dict, which turns arrays into base64 dicts (trace.y is then no longer the values). The
    figure's own data and layout (already validated) are copied and not validated again.
    Remove once plotly copies a figure cheaply (tests/test_web_charts.py checks this one)."""
    return go.Figure(data=copy.deepcopy(fig._data), layout=copy.deepcopy(fig._layout),  # noqa: SLF001
                     _validate=False)


def _own(shared):
    """A deep copy of what the cache holds, the caller's own: a figure, or what a helper of the
    builders returns (chart positions)."""
    return copy_figure(shared) if isinstance(shared, go.Figure) else copy.deepcopy(shared)


def __getattr__(name: str):
    builder = getattr(builders, name)   # AttributeError for a name that is no builder

    @functools.wraps(builder)
    def cached(*args, **kwargs) -> go.Figure:
        return _own(_figure(name, i18n.lang(), args, tuple(sorted(kwargs.items()))))

    return cached
