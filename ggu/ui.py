"""Streamlit building blocks shared by the frame and the pages (layout only, no figures)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ggu import formatting as fmt
from ggu.i18n import t

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def year() -> int:
    """The year chosen in the frame's shared year filter."""
    return int(st.session_state["jaar"])


def chart(fig: go.Figure, *, title: str, summary: str, table: pd.DataFrame,
          columns: list[str], key: str) -> None:
    """A chart with a title that says the message, its text summary, and its data as a table."""
    st.subheader(title, anchor=False)
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(summary)
    with st.expander(t("table.show")):
        st.dataframe(fmt.display_frame(table, columns), hide_index=True)
