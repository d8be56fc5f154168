"""Query results as tables on screen: formatted as text, or numbers that stay numbers (a table
that sorts them right), headed by their translated column names (`col.<column>`)."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n.formats import date, eur, for_column


def display_frame(df: pd.DataFrame, columns: list[str], lang: str | None = None,
                  eur_digits: int = 0) -> pd.DataFrame:
    """The columns formatted as text, headed by their translated names (for tables on screen).

    eur_digits: decimals of the euro columns (e.g. 2 for amounts per inhabitant)."""
    def formatter(c):
        return (lambda x, lang=None: eur(x, digits=eur_digits, lang=lang)) \
            if c.endswith("_eur") else for_column(c)
    out = pd.DataFrame({
        i18n.t(f"col.{c}", lang=lang): [formatter(c)(v, lang=lang) for v in df[c]]
        for c in columns
    })
    return out


def styled_frame(df: pd.DataFrame, columns: list[str], lang: str | None = None,
                 headers: dict[str, str] | None = None):
    """Like display_frame, but the numbers stay numbers (a table sorts them right) and are only
    shown formatted: a pandas Styler for st.dataframe. `headers` overrides column headings."""
    names = {c: (headers or {}).get(c) or i18n.t(f"col.{c}", lang=lang) for c in columns}
    data = df[columns].copy()
    for c in columns:   # coded values and texts become their labels; numbers stay numbers
        if not pd.api.types.is_numeric_dtype(data[c]) or c.startswith("is_") \
                or c in ("year", "start_year", "end_year"):
            data[c] = [for_column(c)(v, lang=lang) for v in data[c]]
    data = data.rename(columns=names)
    numeric = [c for c in columns if pd.api.types.is_numeric_dtype(data[names[c]])]
    return data.style.format({names[c]: (lambda v, c=c: for_column(c)(v, lang=lang))
                              for c in numeric}, na_rep="–")


# Light tints of the status colours behind a cell's icon and word (dark text stays readable).
STATUS_TINTS = {"groen": "#D5F0E6", "oranje": "#FBE7C2", "rood": "#F6D5C1"}


def status_grid(grid: pd.DataFrame, lang: str | None = None):
    """Items x dates (rows of status_by_item_quarter.sql): in every cell the status as icon and
    word ('✖ Rood'), on a light tint of its colour; a Styler for st.dataframe. Columns are the
    quarters ('2026 K3'), the last one the as-of date when the year is still running."""
    def heading(day) -> str:
        day = pd.Timestamp(day)
        if day.is_quarter_end:
            return i18n.t("st.quarter", lang=lang, year=day.year, quarter=day.quarter)
        return i18n.t("st.as_of_col", lang=lang, date=date(day, lang=lang, short=True))
    # by name and id: two items may share a name (the import allows it)
    wide = grid.pivot(index=["name", "item_id"], columns="point_date", values="status")
    wide = wide.reset_index(level="item_id", drop=True)
    labels = {code: i18n.value("status", code, lang=lang) for code in STATUS_TINTS}
    tints = {labels[code]: tint for code, tint in STATUS_TINTS.items()}
    shown = wide.apply(lambda col: col.map(lambda s: labels.get(s, "–")))
    shown.columns = [heading(d) for d in wide.columns]
    shown = shown.rename_axis(i18n.t("col.item_name", lang=lang)).reset_index()
    return shown.style.map(lambda v: f"background-color: {tints[v]}" if v in tints else "",
                           subset=shown.columns[1:])
