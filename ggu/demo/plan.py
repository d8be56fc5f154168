"""The demo's planning input: a multi-year budget (meerjarenbegroting) for the multi-year items
that run past the last demo year, and proposals for the two years after it (seed files
proposals.csv and multi_year.csv)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

SEED_DIR = Path(__file__).resolve().parent / "seed"


def multi_year_budget(budget: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Budget rows after `last_year`: per item and funding source, a percentage of its budget in
    `last_year` (a ramp up or a closing year), rounded half up to the euro."""
    plan = pd.read_csv(SEED_DIR / "multi_year.csv")
    base = budget[budget["year"] == last_year]
    rows = []
    for r in plan.itertuples(index=False):
        for b in base[base["item_id"] == r.item_id].itertuples(index=False):
            amount = (b.budget_eur * Decimal(int(r.pct_of_last_year)) / 100).quantize(
                Decimal(1), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))
            rows.append((r.item_id, int(r.year), b.funding_source, amount))
    return pd.DataFrame(rows, columns=["item_id", "year", "funding_source", "budget_eur"])


def proposals() -> pd.DataFrame:
    """The proposals, one row per proposal and year."""
    df = pd.read_csv(SEED_DIR / "proposals.csv", dtype={"amount_eur": str})
    df["amount_eur"] = [Decimal(v) for v in df["amount_eur"]]
    df["year"] = df["year"].astype("int64")
    return df
