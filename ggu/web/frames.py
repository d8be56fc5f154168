"""What a page takes from a query result that it already has, so that pages only lay out: the
rows of one key, the one row of a key, a filter's options, the latest date, a table's height.
(No measure is computed here: a measure is SQL, docs/architecture.md.)"""
from __future__ import annotations

from typing import Any

import pandas as pd

ROW_PX, HEADER_PX = 35, 38   # st.dataframe's row and header height


def table_height(rows: int, cap: int) -> int:
    """The height of an st.dataframe that shows `rows` rows without scrolling, at most `cap`
    pixels (an empty table keeps one row's room)."""
    return min(HEADER_PX + ROW_PX * max(rows, 1), cap)


def rows_of(frame: pd.DataFrame, column: str, value: Any) -> pd.DataFrame:
    """The rows whose `column` is `value`."""
    return frame[frame[column] == value]


def row_of(frame: pd.DataFrame, column: str, value: Any) -> pd.Series:
    """The first row whose `column` is `value` (a key: there is one)."""
    return rows_of(frame, column, value).iloc[0]


def options(frame: pd.DataFrame, column: str) -> list:
    """The values of `column`, each once, sorted: a filter's options from rows on the page."""
    return sorted(frame[column].unique())


def latest(frame: pd.DataFrame, column: str) -> Any:
    """The latest (largest) value of `column`."""
    return frame[column].max()
