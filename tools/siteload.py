"""The static site measured: its build (time, size) and its readers through nginx, side by side
in one run with the live dashboard's readers (tools.proxyload), on 127.0.0.1 only.

    python -m tools.siteload --data-dir DEMO [--site DIR] [--concurrency 200] [--requests 40000]
        [--dashboard-users 20 --dashboard-duration 60] [--rounds 1] [--build] [--json FILE]

Site: `make serve-site`'s nginx (deploy/site.py, deploy/nginx.conf) over DIR (default: a build
made here with `python -m ggu site build --out`), and Debian's `ab` (apache2-utils) as the
readers: PAGES municipality pages (both languages, spread over the list), one `ab` per page,
their concurrency adding up to --concurrency, keep-alive and gzip as a browser asks, every
request timed (`ab -g`), so p50/p95 are over all requests. A reader of the site is one page
view (the HTML; the CSS, script and chart bundle come from the browser's cache after the first
page: hashed names, a year's caching). CPU: nginx's master and workers (user + system, psutil),
ab's own beside it. Dashboard: one round of tools.proxyload (1 process behind HAProxy, Locust
readers going through every page and control, an import halfway); a reader's round there is
one pass through tools.stclient.VISIT (6 pages, 19 controls = 25 runs). Readers per CPU-second
= rounds (dashboard) or page views (site) per CPU-second of the serving processes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from deploy.site import serving
from ggu import config
from ggu.config import ROOT
from tools.proxyload import free_port, run_one
from tools.stclient import VISIT

PAGES = 10                                      # municipality pages read at once
RUNS_PER_ROUND = sum(1 + len(controls) for _, controls in VISIT)


@dataclass
class SiteOutcome:
    pages: int
    concurrency: int
    requests: int = 0
    failed: int = 0
    non_2xx: int = 0
    wall_s: float = 0.0
    per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    nginx_cpu_s: float = 0.0
    ab_cpu_s: float = 0.0
    bytes_per_page: int = 0
    load_before: float = 0.0
    load_after: float = 0.0

    @property
    def readers_per_cpu_s(self) -> float:
        return self.requests / self.nginx_cpu_s if self.nginx_cpu_s else 0.0

    def line(self) -> str:
        return (f"site      nginx  {self.concurrency} lezers  {self.requests} pagina's in "
                f"{self.wall_s:.1f} s  {self.per_s:,.0f}/s  p50 {self.p50_ms:.1f} ms  "
                f"p95 {self.p95_ms:.1f} ms  p99 {self.p99_ms:.1f} ms  max {self.max_ms:.0f} ms  "
                f"fouten {self.failed + self.non_2xx}  nginx-cpu {self.nginx_cpu_s:.2f} s  "
                f"ab-cpu {self.ab_cpu_s:.2f} s  {self.readers_per_cpu_s:,.0f} lezers/cpu-s  "
                f"{self.bytes_per_page} B/pagina (gzip)  "
                f"load {self.load_before:.1f}/{self.load_after:.1f}")


def municipality_pages(site: Path, count: int = PAGES) -> list[str]:
    """count municipality pages, half Dutch half English, spread over the list of codes."""
    found = []
    for lang, folder in (("nl", "gemeenten"), ("en", "municipalities")):
        pages = sorted((site / lang / folder).glob("GM*/index.html"))
        if not pages:
            raise SystemExit(f"no municipality pages under {site / lang / folder}")
        want = count // 2 + (count % 2 if lang == "nl" else 0)
        step = max(1, len(pages) // want)
        found += [f"/{lang}/{folder}/{p.parent.name}/" for p in pages[::step][:want]]
    return found


def _ab_field(text: str, name: str) -> int:
    for line in text.splitlines():
        if line.startswith(name):
            return int(line.split(":", 1)[1].split()[0])
    return 0


def load_site(site: Path, concurrency: int, requests: int, pages: int = PAGES) -> SiteOutcome:
    """ab over `pages` municipality pages at once through nginx serving site."""
    paths = municipality_pages(site, pages)
    outcome = SiteOutcome(len(paths), concurrency)
    each_c = max(1, concurrency // len(paths))
    each_n = max(each_c, requests // len(paths))
    with serving(site, free_port(), quiet=True) as (url, master), \
            tempfile.TemporaryDirectory(prefix="ggu-siteload-") as work:
        nginx = psutil.Process(master.pid)
        procs = [nginx, *nginx.children()]
        cpu_before = sum(sum(p.cpu_times()[:2]) for p in procs)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        outcome.load_before = os.getloadavg()[0]
        start = time.monotonic()
        runs = [subprocess.Popen(
            ["ab", "-q", "-k", "-r", "-n", str(each_n), "-c", str(each_c),
             "-H", "Accept-Encoding: gzip", "-g", str(Path(work) / f"{n}.tsv"), url + path],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for n, path in enumerate(paths)]
        texts = [r.communicate()[0] for r in runs]
        outcome.wall_s = time.monotonic() - start
        outcome.load_after = os.getloadavg()[0]
        outcome.nginx_cpu_s = sum(sum(p.cpu_times()[:2]) for p in procs) - cpu_before
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        outcome.ab_cpu_s = (after.ru_utime + after.ru_stime
                            - children_before.ru_utime - children_before.ru_stime)
        times = []
        for n in range(len(paths)):
            rows = (Path(work) / f"{n}.tsv").read_text().splitlines()[1:]
            times += [int(r.split("\t")[4]) for r in rows if r.strip()]   # ttime, ms
    for text, run in zip(texts, runs):
        if run.returncode != 0:
            raise RuntimeError(f"ab failed: {text[-500:]}")
        outcome.requests += _ab_field(text, "Complete requests")
        outcome.failed += _ab_field(text, "Failed requests")
        outcome.non_2xx += _ab_field(text, "Non-2xx responses")
        outcome.bytes_per_page = _ab_field(text, "Document Length")
    times.sort()
    pick = lambda q: float(times[min(len(times) - 1, int(q * len(times)))]) if times else 0.0  # noqa: E731
    outcome.p50_ms, outcome.p95_ms, outcome.p99_ms = pick(0.50), pick(0.95), pick(0.99)
    outcome.max_ms = float(times[-1]) if times else 0.0
    outcome.per_s = outcome.requests / outcome.wall_s
    return outcome


def build(data_dir: Path, out: Path) -> dict:
    """`python -m ggu site build --out` timed: wall time, CPU of the build's process tree (its
    worker processes too, sampled every 0.2 s), size."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "ggu", "site", "build", "--out", str(out),
                             "--data-dir", str(data_dir), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL)
    seen: dict[int, float] = {}
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                times = p.cpu_times()
                seen[p.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.2)
    if proc.wait() != 0:
        raise RuntimeError(f"site build failed ({proc.returncode})")
    wall = time.monotonic() - start
    files = [p for p in out.rglob("*") if p.is_file()]
    gz = [p for p in files if p.suffix == ".gz"]
    return {"wall_s": round(wall, 1),
            "cpu_s": round(sum(seen.values()), 1),
            "files": len(files) - len(gz), "gz_files": len(gz),
            "bytes": sum(p.stat().st_size for p in files if p.suffix != ".gz"),
            "gz_bytes": sum(p.stat().st_size for p in gz),
            "mb_by_kind": {k: round(sum(p.stat().st_size for p in files
                                        if (p.suffix or p.name) == k) / 2**20, 1)
                           for k in sorted({p.suffix or p.name for p in files})},
            "html_pages": sum(1 for p in files if p.suffix == ".html"),
            "municipality_pages": len(list(out.glob("*/gemeenten/GM*/index.html")))
            + len(list(out.glob("*/municipalities/GM*/index.html"))),
            "load": round(os.getloadavg()[0], 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.siteload", description=__doc__
                                     .splitlines()[0])
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument("--site", type=Path, help="a built site (default: build one here)")
    parser.add_argument("--build", action="store_true", help="time the build (also with --site)")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--requests", type=int, default=40_000, help="page views per round")
    parser.add_argument("--dashboard-users", type=int, default=20)
    parser.add_argument("--dashboard-duration", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    source = config.data_dir(args.data_dir)
    results: dict = {"cores": os.cpu_count(), "rounds": []}
    with tempfile.TemporaryDirectory(prefix="ggu-sitebuild-") as scratch:
        site = args.site
        if site is None or args.build:
            results["build"] = build(source, Path(scratch) / "site")
            print(f"build: {results['build']}", flush=True)
            site = site or Path(scratch) / "site"
        for n in range(args.rounds):
            order = ["site", "dashboard"] if n % 2 == 0 else ["dashboard", "site"]
            found = {}
            for what in order:
                if what == "site":
                    found["site"] = load_site(site, args.concurrency, args.requests)
                    print(found["site"].line(), flush=True)
                elif not args.no_dashboard:
                    o = run_one(source, "dashboard", 1, args.dashboard_users,
                                args.dashboard_duration)
                    print(o.line(), flush=True)
                    found["dashboard"] = o
            results["rounds"].append(_compare(found))
    for r in results["rounds"]:
        print(json.dumps(r, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0 if all(r["site"]["errors"] == 0 for r in results["rounds"]) else 1


def _compare(found: dict) -> dict:
    s = found["site"]
    out = {"site": {**asdict(s), "errors": s.failed + s.non_2xx,
                    "readers_per_cpu_s": round(s.readers_per_cpu_s, 1)}}
    d = found.get("dashboard")
    if d is not None:
        rounds = d.runs / RUNS_PER_ROUND
        per_cpu = rounds / d.cpu_s if d.cpu_s else 0.0
        out["dashboard"] = {"users": d.users, "runs": d.runs, "failures": d.failures,
                            "runs_per_s": d.runs_per_s, "p50_ms": d.p50_ms, "p95_ms": d.p95_ms,
                            "cpu_s": round(d.cpu_s, 1), "rounds": round(rounds, 1),
                            "cpu_s_per_round": round(d.cpu_s / rounds, 2) if rounds else None,
                            "readers_per_cpu_s": round(per_cpu, 3),
                            "load": [d.load_before, d.load_after]}
        out["ratio"] = round(s.readers_per_cpu_s / per_cpu) if per_cpu else None
    return out


if __name__ == "__main__":
    raise SystemExit(main())
