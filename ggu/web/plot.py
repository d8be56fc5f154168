"""Drawing a Plotly figure with our own plotly.js bundle (bundle.py), through a small
st.components.v2 component (plot.js), mounted in the page, not in an iframe.

Workaround, for Streamlit 1.67: st.plotly_chart always loads the full plotly.js (4.8 MB, 1.4 s in
Chromium); our bundle holds the trace types the charts draw (1.3 MB). Remove this module, and
bundle.py, once st.plotly_chart can load a smaller plotly.js; `plot` then becomes
st.plotly_chart(fig, config=PLOTLY_CONFIG, theme=None), which it already falls back to.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ggu.i18n import t
from ggu.present.palette import PLOTLY_CONFIG
from ggu.web import bundle

_PLOT = st.components.v2.component("ggu_plot", js=(Path(__file__).parent / "plot.js").read_text(),
                                   isolate_styles=False)


def plot(fig: go.Figure, *, key: str, clickable: bool = False) -> str | None:
    """Draw a Plotly figure with our plotly.js bundle (the full bundle for any other trace
    type); Streamlit's own chart when the bundles are not installed. `clickable` (a treemap):
    returns the id of the node a click zoomed to, in the run the click started (else None)."""
    url = bundle.url({trace.type for trace in fig.data})
    if url is None:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None)
        return None
    callbacks: dict[str, Any] = {"on_node_change": lambda: None} if clickable else {}
    result = _PLOT(key=key, data={"bundle": url, "error": t("chart.unavailable"),
                                  "config": {**PLOTLY_CONFIG, "responsive": True},
                                  "figure": json.loads(fig.to_json()), "clickable": clickable},
                   **callbacks)
    return getattr(result, "node", None) if clickable else None
