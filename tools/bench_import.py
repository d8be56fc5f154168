"""`python -m tools.bench_import`: the import of one large workbook, side by side with openpyxl
only reading it. The workbook is the export (`ggu export`, the template's form) of the
benchmark's synthetic data set (tools/bench.py) with N spending rows on the Uitgaven sheet.

Every run is its own process (time and peak memory, VmHWM, of that process alone), and the
runs alternate, the order turned each round: openpyxl-read, import, import of the compared
tree; then import, import of the compared tree, openpyxl-read; and so on. The compared tree
(`--compare main`) is `git archive` of that revision, run with the same Python.
See BENCHMARKS.md, "Import"."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_workbook(out: Path, rows: int) -> Path:
    """The export of the synthetic data set with `rows` spending rows (built once per path)."""
    from ggu.ingest import workbook
    from ggu.store.snapshots import Store
    from tools import bench

    if out.exists():
        return out
    with tempfile.TemporaryDirectory(prefix="ggu-bench-import-") as data_dir:
        sid, _ = bench.build(data_dir, rows)
        tmp = out.with_suffix(".tmp.xlsx")
        workbook.export(Store(data_dir).path(sid), tmp)
        os.replace(tmp, out)
    return out


def openpyxl_read(path: Path) -> int:
    """What openpyxl needs only to read the file: every row of every sheet, read-only."""
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            n += 1
    wb.close()
    return n


def import_file(path: Path) -> str:
    """The whole import (`python -m ggu import FILE --data-dir DIR`) into an empty data folder."""
    from ggu.ingest import load
    with tempfile.TemporaryDirectory(prefix="ggu-bench-import-data-") as data_dir:
        outcome = load.import_path(path, data_dir, user="bench")
        if outcome.result != "ok":
            raise SystemExit("\n".join(outcome.lines("nl")[:10]))
        return outcome.result


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (ru_maxrss would carry the parent's peak
    over fork and exec: the building of the workbook showed as openpyxl's peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, path: str) -> None:
    """One measured run, in this process: prints seconds, peak memory and rows read as JSON."""
    start = time.perf_counter()
    if mode == "openpyxl-read":
        rows = openpyxl_read(Path(path))
    else:
        import_file(Path(path))
        rows = None
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    print(json.dumps({"seconds": round(seconds, 3), "peak_mb": round(peak, 1), "rows_read": rows}))


def _run(mode: str, path: Path, tree: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-m", "tools.bench_import", "--child", mode, str(path)],
                         cwd=tree, env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{mode} in {tree} failed:\n{out.stderr[-2000:]}{out.stdout[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _archive(ref: str, into: Path) -> Path:
    """The tree of a git revision, unpacked (with this tree's tools/bench_import.py)."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    (into / "tools" / "bench_import.py").write_bytes(Path(__file__).read_bytes())
    return into


def _revision(ref: str) -> str:
    out = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    return out.stdout.strip() or "?"


def compare(path: Path, rows: int, rounds: int, ref: str | None) -> dict:
    """Alternate the runs `rounds` times; medians (and every run) per mode. The ratios are the
    import's median time over openpyxl's (the target: at most 0.6), and its peak memory over
    the compared tree's import."""
    with tempfile.TemporaryDirectory(prefix="ggu-bench-import-tree-") as tmp:
        modes = [("openpyxl-read", ROOT), ("import", ROOT)]
        if ref:
            modes.append((f"import {ref}", _archive(ref, Path(tmp))))
        runs: dict[str, list[dict]] = {m: [] for m, _ in modes}
        for i in range(rounds):   # the order turns each round: no mode always runs first
            for mode, tree in modes[i % len(modes):] + modes[:i % len(modes)]:
                runs[mode].append(_run(mode.split()[0], path, tree))
    median_s = {m: statistics.median(r["seconds"] for r in v) for m, v in runs.items()}
    median_peak = {m: statistics.median(r["peak_mb"] for r in v) for m, v in runs.items()}
    result = {"rows": rows, "file": str(path), "size_mb": round(path.stat().st_size / 1e6, 1),
              "rows_read": runs["openpyxl-read"][0]["rows_read"],
              "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
              "revision": _revision("HEAD"), "compared": ref and _revision(ref),
              "cpus": os.cpu_count(), "rounds": rounds,
              "load_average": [round(x, 2) for x in os.getloadavg()], "runs": runs,
              "median_s": median_s, "median_peak_mb": median_peak,
              "ratio": round(median_s["import"] / median_s["openpyxl-read"], 3),
              "compared_ratio": None, "peak_ratio": None}
    if ref:
        result["compared_ratio"] = round(median_s[f"import {ref}"] / median_s["openpyxl-read"], 3)
        result["peak_ratio"] = round(median_peak["import"] / median_peak[f"import {ref}"], 3)
    return result


def table(result: dict) -> str:
    """The result as a plain text table."""
    lines = [f"{result['rows']:,} boekingen · {result['size_mb']} MB · {result['rounds']} rondes "
             f"· {result['cpus']} cores · belasting {result['load_average'][0]}", "",
             f"{'meting':<24}{'mediaan s':>10}{'× openpyxl':>12}{'piek MB':>10}"]
    base = result["median_s"]["openpyxl-read"]
    for mode, seconds in result["median_s"].items():
        lines.append(f"{mode:<24}{seconds:>10.2f}{seconds / base:>12.2f}"
                     f"{result['median_peak_mb'][mode]:>10.0f}")
    return "\n".join(lines)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen positief geheel getal")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_import",
                                     description="meet de import van één grote werkmap")
    parser.add_argument("--rows", type=_positive, default=100_000,
                        help="aantal boekingen (Uitgaven); standaard 100000")
    parser.add_argument("--file", default=None, help="de werkmap (gemaakt als ze er niet is)")
    parser.add_argument("--rounds", type=_positive, default=5,
                        help="keren dat de runs afwisselen (mediaan)")
    parser.add_argument("--compare", metavar="REF", help="meet ook de import van deze git-revisie")
    parser.add_argument("--json", metavar="FILE", help="schrijf de resultaten als JSON")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    path = Path(args.file or Path(tempfile.gettempdir()) / f"ggu-import-{args.rows}.xlsx")
    make_workbook(path, args.rows)
    result = compare(path, args.rows, args.rounds, args.compare)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
