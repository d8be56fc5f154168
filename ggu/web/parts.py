"""Parts of a page that rerun on their own: `@parts.fragment` is `st.fragment` with the frame's
run context carried over, so that changing a control inside it reruns only that part (the
frame and the rest of the page are not run again) and the part still reads what its page read.

A fragment's rerun does not run the frame, so the language and the pinned snapshot that the
frame sets at the start of every full run (context variables of the script thread) would be
missing: the frame saves them in the session with `remember()`, and a part's own rerun puts
them back. A part therefore keeps showing its page's snapshot; the page's next full run (the
year, the language, another page, a reload) reads the new one. Each rerun of a part writes
its own snapshot marker (blocks.snapshot_marker) for the load test.
"""
from __future__ import annotations

import functools
import threading

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ggu import i18n
from ggu.store import loader
from ggu.web import data
from ggu.web.serving import RUN_CONTEXT

_inside = threading.local()   # in a part's own rerun already (a part within a part)


def remember() -> None:
    """The frame, after it set the language and pinned the snapshot: save both for the parts'
    own reruns."""
    st.session_state[RUN_CONTEXT] = (i18n.lang(), loader.pinned())


def fragment(fn):
    """`st.fragment(fn)`, whose own reruns run with the frame's language and snapshot."""

    @functools.wraps(fn)
    def part(*args, **kwargs):
        ctx = get_script_run_ctx()
        if ctx is None or not ctx.fragment_ids_this_run or getattr(_inside, "yes", False):
            return fn(*args, **kwargs)   # in a full run the frame has set the context up
        lang, pin = st.session_state.get(RUN_CONTEXT, (i18n.lang(), None))
        i18n.set_lang(lang)
        loader.repin(pin)
        data.begin_run()
        _inside.yes = True
        try:
            return fn(*args, **kwargs)
        finally:
            _inside.yes = False
            from ggu.web import blocks  # noqa: PLC0415  (blocks draws its charts as parts)
            blocks.snapshot_marker(data.snapshots_read())

    return st.fragment(part)
