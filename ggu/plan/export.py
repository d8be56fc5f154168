"""A scenario as a workbook in the template's form, which `ggu import` takes as it is: sheet
Begroting with the plan years' budget rows (every line with an amount), sheet Projecten with
the included proposals as new items, and the totals per year on sheet Totalen."""
from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

from ggu.i18n import t
from ggu.ingest import contract, workbook
from ggu.plan import figures
from ggu.plan.scenario import Scenario


def rows(scenario: Scenario, query: figures.Query) -> dict[str, list[tuple]]:
    """The budget rows of the plan years and the item rows of the included proposals."""
    lines = figures.lines(scenario, query)
    counted = lines[lines["amount_eur"] != 0]
    budget = [(r.line_id, int(r.year), r.funding_source,
               Decimal(str(r.amount_eur)).quantize(Decimal("0.01")))
              for r in counted.itertuples(index=False)]
    items = []
    proposals = counted[counted["line_kind"] == "voorstel"]
    for line_id, group in proposals.groupby("line_id", sort=True):
        first = group.iloc[0]
        end = None if first["category"] == "structureel" else int(group["year"].max())
        items.append((line_id, first["name"], "programma", first["category"], first["theme"],
                      first["goal_id"], t("plan.export_owner"), int(group["year"].min()), end,
                      "groen", None, "voorbereiding"))
    return {"budget": sorted(budget), "item": items + _ended(lines, query)}


def _ended(lines, query: figures.Query) -> list[tuple]:
    """The items the scenario stops (dropped from a year on, or given another end year) with
    their new end year, so that the imported data does not carry them forward again."""
    projects = lines[lines["line_kind"] == "project"]
    ends = {}
    for line_id, group in projects.groupby("line_id", sort=True):
        first = group.iloc[0]
        candidates = [int(first["end_year"])] if first["is_end_year_changed"] else []
        if group["dropped_from_year"].notna().any():
            candidates.append(int(group["dropped_from_year"].min()) - 1)
        if candidates:
            ends[line_id] = min(candidates)
    if not ends:
        return []
    items = query("items").set_index("item_id")
    columns = [c.name for c in contract.table("item").columns]
    return [tuple(item_id if c == "item_id" else end if c == "end_year" else
                  _plain(items.at[item_id, c]) for c in columns)
            for item_id, end in sorted(ends.items())]


def _plain(value):
    """A value of the items query as the workbook writes it: None for a missing one, a Python
    number for a numpy one."""
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def export(scenario: Scenario, query: figures.Query, out, lang: str | None = None) -> dict:
    """Write the workbook to `out` (a path or a file); the rows written per table."""
    data = rows(scenario, query)
    workbook.write(data, out, lang)
    return {name: len(r) for name, r in data.items()}


def workbook_bytes(scenario: Scenario, query: figures.Query, lang: str | None = None) -> bytes:
    """The workbook as bytes (the page's download)."""
    buffer = io.BytesIO()
    export(scenario, query, buffer, lang)
    return buffer.getvalue()
