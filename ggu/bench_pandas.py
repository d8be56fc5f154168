"""The pandas baseline of the benchmark: the same aggregations as queries/, written the way a
typical Streamlit dashboard does them, over the data held in memory as DataFrames."""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd


CATEGORIES = ["structureel", "meerjarig", "kortcyclisch"]


def load(path: Path) -> dict[str, pd.DataFrame]:
    """The tables as lean frames (categoricals, float money): what the app would hold."""
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        frames = {t: con.execute(f"select * from {t}").df()  # noqa: S608 (fixed table names)
                  for t in ("item", "budget", "contribution", "split_norm", "meta")}
        frames["spend"] = con.execute(
            "select item_id, booking_date, cast(amount_eur as double) as amount_eur, cost_type "
            "from spend").df()
    spend = frames["spend"]
    spend["item_id"] = spend["item_id"].astype("category")
    spend["cost_type"] = spend["cost_type"].astype("category")
    for t in ("budget", "contribution"):
        frames[t]["amount_eur" if t == "contribution" else "budget_eur"] = \
            frames[t]["amount_eur" if t == "contribution" else "budget_eur"].astype(float)
    return frames


def _spend_by(f, year, keys):
    s = f["spend"]
    s = s[s["booking_date"].dt.year == year] if year else s.assign(year=s["booking_date"].dt.year)
    s = s.merge(f["item"][["item_id", "category"]], on="item_id")
    return s.groupby(keys, observed=True)["amount_eur"].sum()


def split_by_category_by_year(f, year):
    b = f["budget"].merge(f["item"][["item_id", "category"]], on="item_id")
    b = b[b["year"] == year].groupby("category")["budget_eur"].sum()
    s = _spend_by(f, year, "category")
    out = pd.DataFrame({"budget_eur": b, "spent_eur": s}).reindex(CATEGORIES).fillna(0)
    out["budget_share_pct"] = 100 * out["budget_eur"] / out["budget_eur"].sum()
    out["spent_share_pct"] = 100 * out["spent_eur"] / out["spent_eur"].sum()
    norm = f["split_norm"].sort_values("valid_from_year").groupby("category").last()
    out["deviation_pp"] = out["budget_share_pct"] - norm["norm_pct"].astype(float)
    return out


def totals_by_year(f, year):
    b = f["budget"].groupby("year")["budget_eur"].sum()
    s = f["spend"].groupby(f["spend"]["booking_date"].dt.year)["amount_eur"].sum()
    c = f["contribution"].groupby("year")["amount_eur"].sum()
    out = pd.DataFrame({"budget_eur": b, "spent_eur": s, "contributions_due_eur": c})
    out["realised_pct"] = 100 * out["spent_eur"] / out["budget_eur"]
    return out


def exceptions_by_item(f, year):
    b = f["budget"][f["budget"]["year"] == year].groupby("item_id")["budget_eur"].sum()
    s = _spend_by(f, year, "item_id")
    out = pd.DataFrame({"budget_eur": b, "spent_eur": s}).fillna(0)
    out = out.join(f["item"].set_index("item_id")[["name", "status"]])
    return out[(out["status"] == "rood") | (out["spent_eur"] > out["budget_eur"])]


def years(f, year):
    return sorted(f["budget"]["year"].unique(), reverse=True)


def meta(f, year):
    return f["meta"], f["spend"]["booking_date"].max()


BASELINES = {fn.__name__: fn for fn in (split_by_category_by_year, totals_by_year,
                                        exceptions_by_item, years, meta)}


def time_baseline(path: Path, runs: int, params: dict) -> dict[str, float]:
    """Median ms per query name that has a pandas equivalent."""
    frames = load(path)
    out = {}
    for name, fn in BASELINES.items():
        fn(frames, params.get("year"))  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn(frames, params.get("year"))
            times.append((time.perf_counter() - start) * 1000)
        out[name] = round(statistics.median(times), 2)
    return out


def time_in_subprocess(path: Path, runs: int, params: dict) -> tuple[dict[str, float], float]:
    """The baseline in its own process (its frames would dominate our peak memory).

    Returns (median ms per query, peak memory of that process in MB)."""
    out = subprocess.run([sys.executable, "-m", "ggu.bench_pandas", str(path), str(runs),
                          json.dumps(params)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    return result["medians"], result["peak_rss_mb"]


if __name__ == "__main__":
    medians = time_baseline(Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]))
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps({"medians": medians, "peak_rss_mb": peak}))
