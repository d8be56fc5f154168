"""Hypothesis strategies for valid but sparse data sets (tests/test_sparse.py): every table of
the schema may be empty or thin, and a year may hold only a budget, a municipality no
contribution, an item no budget or spending, a goal no indicators, a data set one municipality
or one item. Only what the import accepts is generated (ids in their real form: GM0001, A1,
G1.1; dates in their year; amounts with two decimals), written as a real snapshot through
ggu.store, as conftest's tiny set is.

Not generated: a data set without a split norm (sheet Norm). The import accepts one, but the
Overzicht, the report and the split queries need the ALV's norm; that case is left open."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from ggu.store import Store
from ggu.store import tables as schema_tables

KINDS = ("product", "dienst", "standaard", "programma")
CATEGORIES = ("structureel", "meerjarig", "kortcyclisch")
STATUSES = ("groen", "oranje", "rood")
PHASES = ("voorbereiding", "ontwikkeling", "implementatie", "beheer", "afgerond")
SOURCES = ("fonds_ggu", "rijk", "overig")
BODIES = ("college", "alv", "taskforce", "bestuur")
RULES = (("overschrijding_pct", "forecast_overspend_pct", ">", 5),
         ("overschrijding_eur", "forecast_overspend_eur", ">", 100000),
         ("onderbesteding_pct", "forecast_underspend_pct", ">", 15),
         ("status_rood", "is_red", "=", 1), ("einde_verstreken", "is_overdue", "=", 1),
         ("status_verslechterd", "is_worse", "=", 1))
YEARS = (2022, 2023, 2024, 2025)

# Names as administrators write them: letters with accents, digits, the punctuation of Dutch
# place names ('s-Hertogenbosch, Súdwest-Fryslân), up to 40 characters, never blank.
names = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "áâäéëïóöúûüçñÁÉÖß0123456789 -'&().,"),
                min_size=1, max_size=40).map(str.strip).filter(
    lambda s: s and not re.search(r"\b(nan|none|nat|inf)\b", s, re.IGNORECASE))
optional_names = st.none() | names
money = st.sampled_from([Decimal("0"), Decimal("0.01"), Decimal("1"), Decimal("250000")]) | \
    st.decimals(min_value=0, max_value=10_000_000, places=2)
signed_money = money | st.decimals(min_value=-5000, max_value=0, places=2)


def in_year(year: int):
    return st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))


@st.composite
def data_sets(draw) -> dict:
    """A valid data set: {table: [rows in schema column order]} and its as-of date (or None)."""
    years = sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1, max_size=3)))
    goals = [(f"G{g}", draw(names), draw(optional_names), g)
             for g in range(1, draw(st.integers(1, 3)) + 1)]
    goal_ids = [g[0] for g in goals]
    items = []
    for i in range(draw(st.integers(1, 4))):
        start = draw(st.integers(2018, max(years)))
        items.append((f"{'ABCD'[i]}{i + 1}", draw(names), draw(st.sampled_from(KINDS)),
                      draw(st.sampled_from(CATEGORIES)), draw(names),
                      draw(st.sampled_from(goal_ids)), draw(names), start,
                      draw(st.none() | st.integers(start, 2030)),
                      draw(st.sampled_from(STATUSES)), draw(optional_names),
                      draw(st.sampled_from(PHASES))))
    item_ids = [i[0] for i in items]
    budget, spend = [], []
    for item in item_ids:
        for year in years:
            if draw(st.booleans()):
                for source in sorted(draw(st.sets(st.sampled_from(SOURCES), min_size=1))):
                    budget.append((item, year, source, draw(money)))
            for _ in range(draw(st.integers(0, 2))):
                spend.append((len(spend) + 1, item, draw(in_year(year)), draw(signed_money),
                              draw(st.sampled_from(["personeel", "advies", "licenties"])),
                              draw(optional_names)))
    indicators, measurements = [], []
    for goal in goal_ids:
        for k in range(1, draw(st.integers(0, 2)) + 1):
            first = draw(st.integers(2018, 2025))
            indicator = f"{goal}.{k}"
            indicators.append((indicator, goal, draw(names), draw(names),
                               float(draw(st.sampled_from([0, 10, 50, 100]))), first,
                               float(draw(st.sampled_from([0, 10, 50, 100]))),
                               draw(st.integers(first, 2030)),
                               draw(st.sampled_from(["hoger", "lager"]))))
            for date in sorted(draw(st.sets(st.dates(dt.date(2018, 1, 1),
                                                     dt.date(2026, 12, 31)), max_size=2))):
                measurements.append((indicator, date, float(draw(st.integers(-10, 200)))))
    municipalities, contributions = [], []
    codes = [f"GM{n:04d}" for n in range(1, draw(st.integers(0, 3)) + 1)]
    for year in years:
        for code in codes:
            if not draw(st.booleans()):
                continue
            inhabitants = draw(st.integers(1, 1_000_000))
            municipalities.append((year, code, draw(names), draw(names), inhabitants))
            rate = draw(st.decimals(min_value=0, max_value=5, places=4))
            for instalment in sorted(draw(st.sets(st.sampled_from(["januari", "juli"])))):
                contributions.append((year, code, instalment, rate,
                                      (rate * inhabitants / 2).quantize(Decimal("0.01")),
                                      draw(st.none() | in_year(year))))
    used_codes = sorted({m[1] for m in municipalities})
    item_use = []
    if used_codes and draw(st.booleans()):
        for item in item_ids:
            for code in used_codes:
                if draw(st.booleans()):
                    start = draw(st.sampled_from(YEARS))
                    item_use.append((item, code, start,
                                     draw(st.none() | st.integers(start, 2026))))
    # The norm is always there (a data set without the ALV's norm is left open: see the
    # module's docstring); odd values are generated.
    shares = draw(st.sampled_from([(50, 20, 30), (100, 0, 0), (0, 0, 0), (34, 33, 33)]))
    norm = [(2020, c, Decimal(s), Decimal(draw(st.sampled_from([0, 2, 5]))))
            for c, s in zip(CATEGORIES, shares)]
    status_reports = []
    for item in item_ids:
        for date in sorted(draw(st.sets(st.dates(dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
                                        max_size=2))):
            status_reports.append((item, date, draw(st.sampled_from(STATUSES)),
                                   draw(optional_names), draw(st.none() | st.sampled_from(PHASES))))
    decisions = [(f"B{n}", draw(st.dates(dt.date(2021, 1, 1), dt.date(2025, 12, 31))),
                  draw(st.sampled_from(BODIES)), draw(st.none() | st.sampled_from(item_ids)),
                  draw(st.none() | st.sampled_from(goal_ids)), draw(names),
                  draw(optional_names)) for n in range(1, draw(st.integers(0, 2)) + 1)]
    proposals = []
    for n in range(1, draw(st.integers(0, 2)) + 1):
        fixed = (draw(names), draw(st.sampled_from(CATEGORIES)), draw(names),
                 draw(st.sampled_from(goal_ids)), draw(st.sampled_from(SOURCES)))
        for year in range(max(years) + 1, max(years) + 1 + draw(st.integers(1, 2))):
            proposals.append((f"V{n}", *fixed, year, draw(money), draw(optional_names)))
    rules = [(r, m, o, Decimal(v), True) for r, m, o, v in RULES if draw(st.booleans())]
    cpi = [(y, draw(st.decimals(min_value=-2, max_value=10, places=2)), "CBS")
           for y in years if draw(st.booleans())]
    as_of = draw(st.none() | in_year(max(years)))
    return {"tables": {
        "goal": goals, "item": items, "budget": budget, "spend": spend,
        "indicator": indicators, "measurement": measurements, "municipality": municipalities,
        "contribution": contributions, "split_norm": norm, "cpi": cpi, "exception_rule": rules,
        "proposal": proposals, "status_report": status_reports, "decision": decisions,
        "item_use": item_use}, "as_of": as_of}


def write(data: dict, data_dir: Path) -> Store:
    """The data set as a real snapshot in data_dir, written through the store (as an import
    does: real data, the as-of date stated or, without it, the last booking date)."""
    store = Store(data_dir)

    def fill(con):
        for name, rows in data["tables"].items():
            if rows:
                columns = [c.name for c in schema_tables.table(name).columns]
                con.executemany(f"insert into {name} ({', '.join(columns)}) values "
                                f"({', '.join('?' for _ in columns)})", rows)
        return {name: len(rows) for name, rows in data["tables"].items()}

    as_of = data["as_of"] or max((row[2] for row in data["tables"]["spend"]), default=None)
    meta = {"is_demo": "false", **({"as_of_date": as_of.isoformat()} if as_of else {})}
    store.write(fill, action="import", user="test", meta=meta)
    return store


def describe(data: dict) -> str:
    """The data set in a few words (for a failing example's message)."""
    return ", ".join(f"{name} {len(rows)}" for name, rows in data["tables"].items())
