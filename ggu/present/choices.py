"""The defaults and steps of the pages' controls, so that a page only lays them out: the
Uitgaven page's year span and price year, the length of its top lists, the Bijdragen page's
rate steps and its starting step."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

UNITS = ("eur", "per_inhabitant", "constant")   # the Uitgaven page's units
TOP_N = 10                                       # items per top list
# The what-if's rates per inhabitant: € 2,50 to € 4,00 in steps of 5 cents.
RATE_STEPS = tuple(Decimal("2.50") + Decimal("0.05") * k for k in range(31))


def year_span(years: list[int], year: int) -> tuple[int, int]:
    """The span shown first: the chosen year and the two before it (as far as there is data)."""
    return max(min(years), year - 2), year


def price_years(years: list[int], prices: pd.DataFrame) -> list[int]:
    """The years whose prices constant euro can be expressed in (rows of price_index_by_year)."""
    known = set(prices["year"])
    return [y for y in sorted(years) if y in known]


def default_price_year(years: list[int], prices: pd.DataFrame) -> int:
    """The latest year with a known (not assumed) CPI figure, else the latest year."""
    candidates = price_years(years, prices)
    known = set(prices.loc[~prices["is_assumed"], "year"])
    return max([y for y in candidates if y in known] or candidates)


def amount_digits(unit: str) -> int:
    """Decimals of amounts in a unit: cents per inhabitant, whole euros otherwise."""
    return 2 if unit == "per_inhabitant" else 0


def download_name(year_from: int, year_to: int, unit: str) -> str:
    """`ggu-uitgaven-2024-2026-eur`: the Uitgaven table's file name, without extension."""
    span = str(year_from) if year_from == year_to else f"{year_from}-{year_to}"
    return f"ggu-uitgaven-{span}-{unit}"


def top(items: pd.DataFrame, rank: str) -> pd.DataFrame:
    """The first TOP_N items by a rank of spend_by_level.sql (rank_spent, rank_over, …)."""
    return items[items[rank] <= TOP_N].sort_values(rank)


def to_cent(rate) -> Decimal:
    """A rate per inhabitant as stored (4 decimals) to the cent, half up."""
    return Decimal(str(rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def closest_rate_step(rate) -> Decimal:
    """The step of RATE_STEPS closest to a rate (the what-if starts at the year's own rate)."""
    cent = to_cent(rate)
    return min(RATE_STEPS, key=lambda step: abs(step - cent))


def comparison_years(years: list[int], year: int) -> tuple[list[int], int]:
    """The years a year can be compared with, and the index of the one chosen first: the year
    before, else the first other year."""
    others = [y for y in years if y != year]
    return others, others.index(year - 1) if year - 1 in others else 0


# The Uitgaven page's level: a node of the treemap (category, theme or item), by the treemap's
# own ids (charts.spend_treemap): 'c/<category>', 't/<category>/<theme>', 'i/<item_id>'.
ALL_LEVELS = ""   # no level: all the selection


def node_id(row) -> str:
    """The treemap id of a row of spend_by_level.sql."""
    if row.node_level == "category":
        return f"c/{row.category}"
    if row.node_level == "theme":
        return f"t/{row.category}/{row.theme}"
    return "total" if row.node_level == "total" else f"i/{row.item_id}"


def levels(tree: pd.DataFrame, category_label) -> dict[str, str]:
    """The levels one can zoom to in `tree` (rows of spend_by_level.sql), with their path as
    label: {'' : '', 'c/structureel': 'Structureel', 't/structureel/X': 'Structureel › X',
    'i/A': 'Structureel › X › Item A'}. `category_label` names a category code."""
    out = {ALL_LEVELS: ""}
    for row in tree.itertuples(index=False):
        if row.node_level == "total":
            continue
        path = [category_label(row.category)]
        if row.node_level in ("theme", "item"):
            path.append(row.theme)
        if row.node_level == "item":
            path.append(row.item_name)
        out[node_id(row)] = " › ".join(path)
    return out


def level_params(params: dict, level: str, tree: pd.DataFrame) -> dict:
    """The query parameters of spend_by_level.sql narrowed to `level` (a key of `levels`):
    its category, theme and item as filters on top of the others. `tree`: the rows the level
    was chosen from (for its category and theme)."""
    if level == ALL_LEVELS:
        return params
    row = next(r for r in tree.itertuples(index=False) if node_id(r) == level)
    narrowed = {**params, "categories": (row.category,)}
    if row.node_level in ("theme", "item"):
        narrowed["themes"] = (row.theme,)
    if row.node_level == "item":
        narrowed["items"] = (row.item_id,)
    return narrowed
