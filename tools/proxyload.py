"""The load test through the proxy: `make serve`'s set-up (deploy/serve.py: N processes behind
HAProxy) under Locust readers (tools/locustfile.py), with an import in the middle.

    python -m tools.proxyload --replicas 1 2 --users 20 --duration 60 --rounds 2 \
        [--compare /tmp/wt21-before]

Each configuration runs on its own copy of the current snapshot, after a warm-up (every page
and control once on each process, so that every process starts with the same caches). Halfway
through, a new snapshot is written (every budget line + € 1.000) and made current. Per
configuration: page runs per second (every run a user waited for), p50/p95, failures, runs that
read two snapshots, runs that started after the import but read the old one, and which
processes served runs on the new snapshot. `--compare DIR` adds the same load on one process of
another checkout's app.py (e.g. `git worktree add --detach /tmp/wt21-before main`), alternating
with this one, for a before/after. Rounds alternate the order of the configurations. Exit code
0 when every configuration of this checkout had no failure, no mixed run and no stale run.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from ggu import config
from ggu.config import ROOT
from tools import loadtest
from tools.loadtest import copy_data
from tools.stclient import VISIT, Client, RunError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports."""
    while True:
        first = free_port()
        if first + count < 65535 and all(_free(first + n) for n in range(1, count + 1)):
            return first


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Serving:
    """`python -m deploy.serve` (this checkout's) over data_dir, serving app_dir's app.py."""

    def __init__(self, replicas: int, data_dir: Path, app_dir: Path = ROOT):
        self.replicas = replicas
        first = free_ports(replicas + 1)
        self.port, self.replica_ports = first, list(range(first + 1, first + 1 + replicas))
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve", "--replicas", str(replicas),
             "--port", str(self.port), "--first-port", str(first + 1),
             "--data-dir", str(data_dir), "--app-dir", str(app_dir)],
            cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True)

    def wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"deploy.serve stopped (code {self.proc.returncode})")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("deploy.serve did not start")

    def replica_pids(self) -> dict[int, int]:
        """port -> pid of the streamlit process serving it (children of deploy.serve)."""
        pids = {}
        for child in psutil.Process(self.proc.pid).children():
            try:
                args = child.cmdline()
            except psutil.NoSuchProcess:
                continue  # it ended while we looked
            if "--server.port" in args:
                port = int(args[args.index("--server.port") + 1])
                if port in self.replica_ports:
                    pids[port] = child.pid
        return pids

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def warm_up(ports: list[int]) -> None:
    """Every page and control once on each process (directly, not through the proxy)."""
    for port in ports:
        tab = Client(f"http://127.0.0.1:{port}")
        tab.connect()
        for page, controls in VISIT:
            tab.open(page)
            for key in controls:
                if key in tab.widgets:
                    tab.change(key)
        tab.close()


@dataclass
class Outcome:
    label: str
    replicas: int
    users: int
    duration_s: float
    runs: int = 0
    failures: int = 0
    runs_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    full_runs: int = 0
    part_runs: int = 0
    old_id: str = ""
    new_id: str = ""
    marked: bool = False                  # did the runs say which snapshot they read?
    mixed: int = 0                        # runs that read two snapshots
    stale: int = 0                        # full runs started after the import, old snapshot
    servers_on_new: list[str] = field(default_factory=list)
    load_before: float = 0.0
    load_after: float = 0.0
    failure_texts: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)   # each process's memory at the end
    cpu_s: float = 0.0                    # CPU time the app processes used during the load

    @property
    def cpu_cores(self) -> float:
        """How many cores the app processes had, on average, during the load."""
        return self.cpu_s / self.duration_s

    @property
    def cpu_ms_per_run(self) -> float:
        return self.cpu_s * 1000 / self.runs if self.runs else 0.0

    @property
    def ok(self) -> bool:
        return not (self.failures or self.mixed or self.stale) and self.marked

    def line(self) -> str:
        checks = (f"gemengd {self.mixed}  oud na import {self.stale}  "
                  f"nieuw op {','.join(self.servers_on_new) or '–'}" if self.marked
                  else "snapshotcontrole n.v.t.")
        return (f"{self.label:<10} {self.replicas} proc  {self.users} lezers  "
                f"{self.runs:>5} runs ({self.full_runs} volledig, {self.part_runs} deel)  "
                f"{self.runs_per_s:6.2f} runs/s  p50 {self.p50_ms:>6.0f} ms  "
                f"p95 {self.p95_ms:>6.0f} ms  fouten {self.failures}  {checks}  "
                f"cpu {self.cpu_cores:.2f} cores, {self.cpu_ms_per_run:.0f} ms/run  "
                f"snapshot {self.old_id} -> {self.new_id}  "
                f"load {self.load_before:.1f}/{self.load_after:.1f}  "
                f"geheugen {'/'.join(f'{m:.0f}' for m in self.rss_mb)} MB")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process, all its threads."""
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def _rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def _aggregated(stats_csv: Path) -> dict:
    with stats_csv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated":
                return row
    raise RuntimeError(f"no Aggregated row in {stats_csv}")


def run_one(source, label: str, replicas: int, users: int, duration: float,
            app_dir: Path = ROOT) -> Outcome:
    """One configuration: serve a copy of source's current snapshot, warm up, load, import."""
    outcome = Outcome(label, replicas, users, duration)
    with tempfile.TemporaryDirectory(prefix="ggu-proxyload-") as work:
        work = Path(work)
        data_store = copy_data(source, work / "data")
        outcome.old_id = data_store.current_id()
        with Serving(replicas, data_store.root, app_dir) as serving:
            serving.wait()
            warm_up(serving.replica_ports)
            runs_file = work / "runs.jsonl"
            env = {**os.environ, "GGU_LOADTEST_RUNS": str(runs_file),
                   "PYTHONPATH": str(ROOT)}
            outcome.load_before = os.getloadavg()[0]
            pids = list(serving.replica_pids().values())
            cpu_before = sum(cpu_s(pid) for pid in pids)
            locust = subprocess.Popen(
                [sys.executable, "-m", "locust", "-f", str(ROOT / "tools" / "locustfile.py"),
                 "--headless", "-u", str(users), "-r", str(users), "-t", f"{duration:.0f}s",
                 "--host", serving.url, "--csv", str(work / "locust"), "--only-summary",
                 "--loglevel", "ERROR"],
                cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(duration / 2)
            imported = {}

            def do_import():
                imported["start"] = time.time()
                imported["id"] = data_store.write(
                    loadtest.bump_budgets, action="loadtest", user=config.setting("user"),
                    message="Belastingtest: nieuwe snapshot tijdens gebruik")
                imported["end"] = time.time()

            thread = threading.Thread(target=do_import)
            thread.start()
            locust.wait()
            thread.join()
            outcome.load_after = os.getloadavg()[0]
            outcome.cpu_s = sum(cpu_s(pid) for pid in pids) - cpu_before
            outcome.rss_mb = [_rss_mb(pid) for pid in serving.replica_pids().values()]
        outcome.new_id = imported["id"]
        row = _aggregated(work / "locust_stats.csv")
        outcome.runs = int(row["Request Count"])
        outcome.failures = int(row["Failure Count"])
        outcome.runs_per_s = float(row["Requests/s"])
        outcome.p50_ms = float(row["50%"])
        outcome.p95_ms = float(row["95%"])
        failures = work / "locust_failures.csv"
        if failures.exists():
            with failures.open(encoding="utf-8") as f:
                outcome.failure_texts = [f"{r['Name']}: {r['Error']} ({r['Occurrences']}x)"
                                         for r in csv.DictReader(f)]
        _check_snapshots(outcome, runs_file, imported)
    return outcome


def _check_snapshots(outcome: Outcome, runs_file: Path, imported: dict) -> None:
    runs = [json.loads(line) for line in runs_file.read_text(encoding="utf-8").splitlines()]
    outcome.full_runs = sum(r["full"] for r in runs)
    outcome.part_runs = len(runs) - outcome.full_runs
    outcome.marked = any(r["snapshots"] for r in runs)
    outcome.mixed = sum(len(r["snapshots"]) > 1 for r in runs)
    after = [r for r in runs if r["full"] and r["start"] > imported["end"]]
    outcome.stale = sum(r["snapshots"] != [outcome.new_id] for r in after)
    outcome.servers_on_new = sorted({r["server"] for r in after
                                     if r["snapshots"] == [outcome.new_id]})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.proxyload",
                                     description="belastingtest via HAProxy met een import "
                                                 "halverwege")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="map met de gegevens (standaard: GGU_DATA_DIR, anders data/)")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2], metavar="N",
                        help="aantal app-processen per configuratie (standaard 1 2)")
    parser.add_argument("--users", type=int, default=20, help="gelijktijdige lezers (20)")
    parser.add_argument("--duration", type=float, default=60, help="seconden per meting (60)")
    parser.add_argument("--rounds", type=int, default=1, help="rondes, afwisselend (1)")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="een andere checkout, met 1 proces mee te meten (voor/na)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="de uitkomsten als JSON")
    args = parser.parse_args(argv)
    source = config.data_dir(args.data_dir)
    configs = [("nu", n, ROOT) for n in args.replicas]
    if args.compare:
        configs.append(("voor", 1, args.compare.resolve()))
    outcomes = []
    print(f"Belastingtest via HAProxy: {args.users} lezers, {args.duration:.0f} s per meting, "
          f"halverwege een import. {os.cpu_count()} cores.", flush=True)
    for n in range(args.rounds):
        for label, replicas, app_dir in (configs if n % 2 == 0 else configs[::-1]):
            try:
                outcome = run_one(source, label, replicas, args.users, args.duration, app_dir)
            except (RuntimeError, RunError) as error:
                print(f"{label} {replicas}: {error}")
                return 1
            print(outcome.line(), flush=True)
            for text in outcome.failure_texts[:10]:
                print(f"  {text}")
            outcomes.append(outcome)
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ for o in outcomes], indent=1))
    _summary(outcomes)
    return 0 if all(o.ok for o in outcomes if o.label == "nu") else 1


def _summary(outcomes: list[Outcome]) -> None:
    def mean(label: str, replicas: int) -> float | None:
        values = [o.runs_per_s for o in outcomes if (o.label, o.replicas) == (label, replicas)]
        return sum(values) / len(values) if values else None

    one, two, before = mean("nu", 1), mean("nu", 2), mean("voor", 1)
    if one and two:
        print(f"2 processen / 1 proces: {two / one:.2f}x runs per seconde")
    if one and before:
        print(f"1 proces, nu / voor: {one / before:.2f}x runs per seconde")


if __name__ == "__main__":
    raise SystemExit(main())
