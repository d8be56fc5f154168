"""`python -m tools.bench`: a deterministic synthetic data set of N transactions and the timings
of every query (cold and warm), the pandas baseline, the scan floor, each page's render in
AppTest, the build time and the peak memory. The full run is a command, not a test."""
from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ggu import demo
from ggu.store import loader as db
from ggu.store.snapshots import READ_ONLY_CONFIG, Store

FIRST_YEAR = 2015          # 12 years of spending: 2015-2026
# Parameter values used where a query takes them: the pages' defaults for the last full year.
_Y = demo.AS_OF.year - 1
DEFAULT_PARAMS = {"year": _Y, "item_id": "IBD", "year_from": _Y - 2, "year_to": _Y, "unit": "eur",
                  "base_year": _Y, "compare_year": _Y - 1, "rate": 3.05, "indexation_pct": 0.0,
                  "scenario": '{"rate_per_inhabitant_eur": "3.4000", "indexation_pct": "2.00", '
                              '"proposals": ["V27-01", "V27-03"]}'}

SPEND_SQL = (Path(__file__).resolve().parent / "bench_spend.sql").read_text(encoding="utf-8")


def _extend_years(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Add the years before the demo's first year as copies of that year (budget, inhabitants)."""
    first = demo.FIRST_YEAR
    out = dict(tables)
    for name in ("budget", "municipality", "contribution"):
        df = tables[name]
        base = df[df["year"] == first]
        earlier = [base.assign(year=y) for y in range(FIRST_YEAR, first)]
        out[name] = pd.concat([*earlier, df], ignore_index=True)
    items = tables["item"].copy()
    items.loc[items["start_year"] == first, "start_year"] = FIRST_YEAR
    out["item"] = items
    return out


def build(data_dir: str | Path, rows: int, seed: int = 7) -> tuple[str, float]:
    """Write the synthetic data set as a snapshot in data_dir; return (snapshot id, seconds)."""
    tables = _extend_years(demo.build_tables())
    fill_master = demo.filler(tables)

    def fill(con) -> dict[str, int]:
        counts = fill_master(con)
        con.execute("delete from spend")
        con.execute(SPEND_SQL, {"rows": rows, "seed": seed, "as_of_year": demo.AS_OF.year,
                                "as_of_month": demo.AS_OF.month})
        counts["spend"] = rows
        return counts

    start = time.perf_counter()
    sid = Store(data_dir).write(fill, action="bench", user="bench",
                                meta={"is_demo": "true", "as_of_date": demo.AS_OF.isoformat(),
                                      "source": f"synthetisch ({rows} boekingen)"},
                                message=f"Benchmark: {rows} synthetische boekingen")
    return sid, time.perf_counter() - start


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _params(name: str) -> dict:
    return {p: DEFAULT_PARAMS.get(p) for p in db.sql_params(name)}


def time_queries(path: Path, runs: int) -> list[dict]:
    """Each query: cold (a fresh connection per run) and warm (one connection), medians in ms."""
    results = []
    warm_con = duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
    for name in db.query_names():
        sql, params = db.sql_text(name), _params(name)

        def cold(sql=sql, params=params):
            with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
                con.execute(sql, params).df()

        def warm(sql=sql, params=params):
            warm_con.cursor().execute(sql, params).df()

        results.append({"name": name, "median_ms": round(_median_ms(cold, runs), 2),
                        "warm_ms": round(_median_ms(warm, runs), 2)})
    warm_con.close()
    return results


def scan_floor_ms(path: Path, runs: int) -> float:
    with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
        return round(_median_ms(lambda: con.execute("select sum(amount_eur) from spend")
                                .fetchall(), runs), 2)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(rows: int, runs: int = 5, keep_data: str | None = None, pages: bool = True) -> dict:
    """Build the data set and measure everything; the result is the JSON the issue asks for."""
    from tools import bench_pages, bench_pandas

    data_dir = Path(keep_data) if keep_data else Path(tempfile.mkdtemp(prefix="ggu-bench-"))
    sid, import_s = build(data_dir, rows)
    path = Store(data_dir).path(sid)
    queries = time_queries(path, runs)
    baseline, pandas_peak = bench_pandas.time_in_subprocess(path, runs, DEFAULT_PARAMS)
    for q in queries:
        q["pandas_median_ms"] = baseline.get(q["name"])
    result = {
        "rows": rows,
        "queries": queries,
        "pages": bench_pages.time_pages(data_dir, runs=max(1, runs // 2)) if pages else [],
        "scan_floor_ms": scan_floor_ms(path, runs),
        "import_s": round(import_s, 2),
        "peak_rss_mb": peak_rss_mb(),
        "pandas_peak_rss_mb": pandas_peak,
        "data_dir": str(data_dir),
    }
    ratios = [q["pandas_median_ms"] / q["median_ms"] for q in queries if q["pandas_median_ms"]]
    result["pandas_speedup_geomean"] = round(
        math.exp(sum(map(math.log, ratios)) / len(ratios)), 2) if ratios else None
    return result


def table(result: dict) -> str:
    """The result as a plain text table."""
    lines = [f"{result['rows']:,} boekingen · bouwen {result['import_s']} s · "
             f"scan-vloer {result['scan_floor_ms']} ms · piekgeheugen {result['peak_rss_mb']} MB "
             f"(pandas-proces {result['pandas_peak_rss_mb']} MB) · "
             f"sneller dan pandas (geom. gem.) {result['pandas_speedup_geomean']}×", "",
             f"{'query':<36}{'koud ms':>10}{'warm ms':>10}{'pandas ms':>11}"]
    for q in result["queries"]:
        pandas_ms = "–" if q["pandas_median_ms"] is None else f"{q['pandas_median_ms']:.1f}"
        lines.append(f"{q['name']:<36}{q['median_ms']:>10.1f}{q['warm_ms']:>10.1f}{pandas_ms:>11}")
    if result["pages"]:
        lines += ["", f"{'pagina':<36}{'eerste ms':>10}{'rerun ms':>10}"]
        lines += [f"{p['page']:<36}{p['first_ms']:>10.0f}{p['rerun_ms']:>10.0f}"
                  for p in result["pages"]]
    return "\n".join(lines)


def write_json(result: dict, path: str) -> None:
    Path(path).write_text(json.dumps(result, indent=2), encoding="utf-8")



def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen positief geheel getal")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    """`python -m tools.bench --rows 100000 1000000 --json bench.json`: see BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench",
                                     description="meet queries en pagina's op een synthetische "
                                                 "dataset")
    parser.add_argument("--rows", type=_positive, nargs="+", default=[100_000], metavar="N",
                        help="aantal boekingen (één of meer; standaard 100000)")
    parser.add_argument("--runs", type=_positive, default=5, help="metingen per query (mediaan)")
    parser.add_argument("--json", metavar="FILE", help="schrijf de resultaten als JSON")
    parser.add_argument("--keep-data", metavar="DIR",
                        help="bewaar de dataset als snapshot in DIR (dashboard: GGU_DATA_DIR=DIR)")
    parser.add_argument("--no-pages", action="store_true", help="sla de paginametingen over")
    args = parser.parse_args(argv)
    results = []
    for i, rows in enumerate(args.rows):
        keep = f"{args.keep_data}/{rows}" if args.keep_data and len(args.rows) > 1 \
            else args.keep_data
        result = run(rows, runs=args.runs, keep_data=keep, pages=not args.no_pages)
        print(("\n" if i else "") + table(result))
        results.append(result)
    if args.json:
        write_json(results[0] if len(results) == 1 else results, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
