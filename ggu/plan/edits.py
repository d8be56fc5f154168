"""The lines of a scenario as the Planning page's editable table (one row per item or proposal
and funding source, one amount column per plan year), and the scenario that an edited table
describes: a line switched off is dropped (a proposal left out), an amount that differs from
the carried-forward one is a change of amount, an end year that differs is a change of end
year."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ggu.plan.scenario import Change, Scenario

KEY = ["line_kind", "line_id", "funding_source"]


def table(scenario: Scenario, lines: pd.DataFrame) -> pd.DataFrame:
    """The editable table of a scenario's lines (`lines`: plan_lines.sql of that scenario).
    Amounts are the line's own (a changed amount, else the carried-forward one), also in a year
    the scenario drops it from; `include` is off for a line dropped from the first plan year."""
    amounts = {(c.line_id, c.year, c.funding_source): float(c.amount_eur)
               for c in scenario.changes if c.kind == "amount" and c.amount_eur is not None}
    first = int(lines["year"].min()) if not lines.empty else None
    rows = []
    for key, group in lines.groupby(KEY, sort=False):
        kind, line_id, source = key
        head = group.iloc[0]
        dropped = group["dropped_from_year"].dropna()
        included = bool(head["is_included"]) and not (len(dropped) and dropped.min() <= first)
        row = {"line_kind": kind, "line_id": line_id, "funding_source": source,
               "include": included, "name": head["name"], "category": head["category"],
               "end_year": None if pd.isna(head["end_year"]) else int(head["end_year"])}
        for r in group.itertuples(index=False):
            row[str(int(r.year))] = amounts.get((line_id, int(r.year), source),
                                                float(r.planned_eur))
        rows.append(row)
    # (no lines at all, e.g. a base year without budget: the columns still, without rows)
    frame = pd.DataFrame(rows, columns=None if rows else
                         [*KEY, "include", "name", "category", "end_year"])
    # the proposals first: they are what a scenario decides on
    frame["_order"] = [(k != "voorstel", i if k == "voorstel" else "")
                       for k, i in zip(frame["line_kind"], frame["line_id"])]
    return frame.sort_values("_order", kind="stable").drop(columns="_order") \
        .reset_index(drop=True)


def year_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.isdigit()]


def apply(scenario: Scenario, lines: pd.DataFrame, edited: pd.DataFrame,
          original_end: dict[str, int | None]) -> Scenario:
    """The scenario that `edited` (a table() as the user changed it) describes. `lines` are the
    plan_lines of `scenario` itself; `original_end` the items' end years in the data."""
    if lines.empty:   # nothing carried forward and no proposals: nothing to edit
        return scenario
    first = int(lines["year"].min())
    planned = {(r.line_id, int(r.year), r.funding_source): Decimal(str(r.planned_eur))
               for r in lines.itertuples(index=False)}
    kept = [c for c in scenario.changes
            if c.kind == "drop" and c.from_year is not None and c.from_year > first]
    changes: list[Change] = []
    proposals = []
    for row in edited.to_dict("records"):
        line_id, source = row["line_id"], row["funding_source"]
        if row["line_kind"] == "voorstel":
            if row["include"] and line_id not in proposals:
                proposals.append(line_id)
        elif not row["include"]:
            changes.append(Change(line_id, from_year=first))
        for year in year_columns(edited):
            value, key = row[year], (line_id, int(year), source)
            if value is None or pd.isna(value) or key not in planned:
                continue
            amount = Decimal(str(value)).quantize(Decimal("0.01"))
            if amount != planned[key]:
                changes.append(Change(line_id, year=int(year), funding_source=source,
                                      amount_eur=amount))
        end = None if pd.isna(row["end_year"]) else int(row["end_year"])
        if row["line_kind"] == "project" and end is not None \
                and end != original_end.get(line_id) \
                and not any(c.line_id == line_id and c.kind == "end_year" for c in changes):
            changes.append(Change(line_id, end_year=end))
    dropped = {c.line_id for c in changes if c.kind == "drop"}
    changes += [c for c in kept if c.line_id not in dropped]
    return scenario.replace(proposals=tuple(proposals), changes=tuple(changes))
