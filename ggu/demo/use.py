"""Demo data: which municipality uses which product or service (table item_use, sheet Gebruik).

Deterministic: one seeded stream. Near-universal use of the IBD and the GGI-Netwerk, partial use
of the others, more often among large municipalities for some (ggu/demo/seed/item_use.csv).
Items not in that file (standards, programmes for all) get no rows: every municipality shares
them by inhabitants.

May import: ggu.demo.seed, numpy, pandas.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ggu.demo.seed import ITEM_USE


def item_use(items: pd.DataFrame, municipality: pd.DataFrame, last_year: int,
             rng: np.random.Generator) -> pd.DataFrame:
    """One row per item x municipality that uses it: from a year (at the earliest the item's
    start, not after `last_year`), to the item's end year (null: still in use)."""
    latest = municipality[municipality["year"] == municipality["year"].max()] \
        .sort_values("cbs_code", kind="stable")
    # 0 for the smallest municipality, 1 for the largest (by rank of inhabitants)
    size = latest["inhabitants"].rank(method="first").to_numpy()
    size = (size - 1) / max(len(size) - 1, 1)
    by_id = items.set_index("item_id")
    rows = []
    for item_id, share_pct, bias_pp, spread in ITEM_USE:
        item = by_id.loc[item_id]
        start = int(item.start_year)
        end = None if pd.isna(item.end_year) else int(item.end_year)
        p = np.clip((share_pct + bias_pp * (size - 0.5)) / 100, 0.01, 0.995)
        uses = rng.random(len(p)) < p
        # the largest fifth joins in the item's first year, the others over `spread` years
        joins = start + np.where(size >= 0.8, 0, rng.integers(0, spread + 1, len(p)))
        for code, used, joined in zip(latest["cbs_code"], uses, joins):
            if not used:
                continue
            joined = int(joined) if end is None else min(int(joined), end)
            rows.append((item_id, code, min(joined, last_year), end))
    frame = pd.DataFrame(rows, columns=["item_id", "cbs_code", "from_year", "to_year"])
    frame["to_year"] = frame["to_year"].astype("Int64")
    return frame
