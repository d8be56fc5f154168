"""`python -m tools.bench_queries DIR [DIR ...]`: every query of queries/ on the current snapshot
of each data folder, warm (a kept connection, after one run), the median of --runs, in rounds
that alternate the folders (this machine is shared: compare folders side by side, in one run).
Prints the sum over all queries per folder and round, and the slowest queries of the last."""
from __future__ import annotations

import argparse
import statistics
import time

from ggu.store import loader
from tools.bench import DEFAULT_PARAMS


def time_all(data_dir: str, runs: int) -> dict[str, float]:
    """Per query: the median wall time in ms of `runs` warm runs on data_dir's snapshot."""
    path = loader.snapshot(data_dir).path
    out = {}
    for name in loader.query_names():
        params = {k: v for k, v in DEFAULT_PARAMS.items() if k in loader.sql_params(name)}
        loader.run(name, path, **params)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            loader.run(name, path, **params)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(times)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_queries")
    parser.add_argument("data_dirs", nargs="+", metavar="DIR")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    last: dict[str, float] = {}
    for round_ in range(args.rounds):
        order = args.data_dirs if round_ % 2 == 0 else list(reversed(args.data_dirs))
        for data_dir in order:
            last = time_all(data_dir, args.runs)
            print(f"round {round_ + 1} {data_dir}: {len(last)} queries, "
                  f"{sum(last.values()):.0f} ms in all")
    for name in sorted(last, key=last.__getitem__, reverse=True)[:5]:
        print(f"  {name} {last[name]:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
