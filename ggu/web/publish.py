"""Beheer's step "Publiceren": build the public static site (ggu.site) of the current snapshot
from the page, with its progress shown, and say which snapshot the published site shows."""
from __future__ import annotations

import json

import streamlit as st

from ggu.i18n import t
from ggu.site import build
from ggu.store import DataError, Store


def published_snapshot() -> str | None:
    """The snapshot the current site build (data/site/current) was made from, if any."""
    current = build.current_build(Store().root)
    if current is None:
        return None
    try:
        return json.loads((current / build.BUILD_FILE).read_text(encoding="utf-8"))["snapshot"]
    except (OSError, ValueError, KeyError):
        return None


def state_line() -> str:
    """'De site toont gegevensstand 0003 (de huidige).' or that it is behind, or not built."""
    shown, now = published_snapshot(), Store().current_id()
    if shown is None:
        return t("bh.publish_none")
    return t("bh.publish_current" if shown == now else "bh.publish_behind", shown=shown, now=now)


def run() -> None:
    """Build the site with a progress bar; the outcome as a success or error message."""
    bar = st.progress(0.0, text=t("bh.publish_running"))

    def progress(done: int, total: int, what: str) -> None:
        bar.progress(min(1.0, done / total), text=t("bh.publish_progress", done=done,
                                                     total=total))
    try:
        result = build.build(Store().root, progress=progress)
    except DataError as error:
        bar.empty()
        st.error(str(error), icon=":material/error:")
        return
    bar.progress(1.0, text=t("bh.publish_progress", done=1, total=1))
    if result.skipped:
        st.info(t("bh.publish_skipped", build=result.key), icon=":material/check_circle:")
    else:
        st.success(t("bh.publish_done", pages=result.pages, seconds=f"{result.seconds:.0f}",
                     path=str(result.path)), icon=":material/check_circle:")
