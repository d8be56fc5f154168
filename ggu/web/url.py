"""URL state: a widget's value read once per visit from `?key=…` against an allow-list, and
written back on every run, so that a shared link reproduces the view. URL keys are Dutch."""
from __future__ import annotations

import streamlit as st

# Old keys that shared links may still carry: old key -> the key now used.
ALIASES = {"item": "project"}


def _values(key: str) -> list[str]:
    values = st.query_params.get_all(key)
    for old, new in ALIASES.items():
        if new == key and not values:
            values = st.query_params.get_all(old)
    return values


def state(key: str, allowed: list, default, multi: bool = False):
    """Initialise a widget's state from `?key=...` (once per visit), checked against `allowed`.

    Values not in `allowed` are ignored, never an error; a multiselect takes repeated
    parameters (`?categorie=a&categorie=b`); an old key (ALIASES) is read as its new one.
    Returns the key, for the widget's `key=`.
    """
    if key not in st.session_state:
        by_text = {str(a): a for a in allowed}
        wanted = [by_text[v] for v in _values(key) if v in by_text]
        if multi:
            st.session_state[key] = list(dict.fromkeys(wanted))
        else:
            st.session_state[key] = wanted[0] if wanted else default
    return key


def wanted(key: str) -> str | None:
    """The value `?key=` (or its old alias) asks for, unchecked (None when absent)."""
    values = _values(key)
    return values[0] if values else None


def write(key: str, value, default=None) -> None:
    """Put a widget's value in the URL (repeated for a list); drop it when it is the default.
    An old alias of the key is dropped, so the link shows the one name."""
    for old, new in ALIASES.items():
        if new == key:
            st.query_params.pop(old, None)
    if value is None or value == default or (isinstance(value, (list, tuple)) and not value):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = ([str(v) for v in value] if isinstance(value, (list, tuple))
                                else str(value))


def follow(key: str, clicked: str, allowed: list, default) -> str:
    """A widget's state that a chart click may also set: the value a click left in
    `clicked` (ggu.web.blocks.chart) replaces it, before the widget is drawn; a value that is
    no longer among `allowed` (other filters) falls back to `default`. Returns the key."""
    state(key, allowed, default)
    if clicked in st.session_state:
        st.session_state[key] = st.session_state.pop(clicked)
    if st.session_state[key] not in allowed:
        st.session_state[key] = default
    return key
