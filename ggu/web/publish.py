"""Beheer's step "Publiceren": build the public static site (ggu.site) of the current snapshot
from the page, with its progress shown, and say which snapshot the published site shows.

The build runs as its own process (`python -m ggu site build --json`), not in the server: its
worker processes must not start from the page's script (a process pool started inside a
Streamlit run would re-run the script as their main module), a long build must not hold a
server thread's memory, and its progress lines come on stderr."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import streamlit as st

from ggu.config import ROOT
from ggu.i18n import t
from ggu.site import build
from ggu.store import Store

_PROGRESS = re.compile(r"(\d+)/(\d+) ")


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
    proc = subprocess.Popen([sys.executable, "-m", "ggu", "site", "build", "--json",  # noqa: S603
                             "--data-dir", str(Store().root)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None and proc.stdout is not None
    last = ""
    for line in proc.stderr:
        found = _PROGRESS.match(line)
        if found:
            done, total = int(found.group(1)), int(found.group(2))
            bar.progress(min(1.0, done / total), text=t("bh.publish_progress", done=done,
                                                         total=total))
        elif line.strip():
            last = line.strip()
    out = proc.stdout.read()
    if proc.wait() != 0:
        bar.empty()
        st.error(last or t("bh.publish_failed"), icon=":material/error:")
        return
    result = json.loads(out)
    bar.progress(1.0, text=t("bh.publish_progress", done=1, total=1))
    if result["skipped"]:
        st.info(t("bh.publish_skipped", build=result["key"]), icon=":material/check_circle:")
    else:
        st.success(t("bh.publish_done", pages=result["pages"], seconds=f"{result['seconds']:.0f}",
                     path=result["path"]), icon=":material/check_circle:")
