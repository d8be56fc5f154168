"""CPU per action: what each page run costs the server process, in CPU time (robust to a busy
machine, where wall-clock times are not), for this checkout and, side by side, another.

    python -m tools.runcost [--compare /tmp/wt21-before] [--rounds 5]

One process (deploy/serve.py's way of starting it, without the proxy) per checkout, warmed up;
one reader (tools/stclient.py) goes through tools/stclient.py's VISIT `--rounds` times; the
process's user + system CPU time around each action, averaged per action, in ms. Environment
variables (e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false) reach the processes.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ggu import config
from ggu.config import ROOT
from tools.loadtest import copy_data
from tools.proxyload import Serving, cpu_s, warm_up
from tools.stclient import VISIT, Client


def measure(source, app_dir: Path, rounds: int) -> dict[str, float]:
    """Mean CPU ms per action of one warmed-up process of app_dir's app.py."""
    with tempfile.TemporaryDirectory(prefix="ggu-runcost-") as work:
        data_store = copy_data(source, Path(work) / "data")
        with Serving(1, data_store.root, app_dir) as serving:
            serving.wait()
            warm_up(serving.replica_ports)
            pid = next(iter(serving.replica_pids().values()))
            tab = Client(f"http://127.0.0.1:{serving.replica_ports[0]}")
            tab.connect()
            spent: dict[str, float] = {}

            def timed(name: str, action) -> None:
                before = cpu_s(pid)
                action()
                spent[name] = spent.get(name, 0.0) + cpu_s(pid) - before

            for _ in range(rounds):
                for page, controls in VISIT:
                    label = page or "overzicht"
                    timed(f"open {label}", lambda p=page: tab.open(p))
                    for key in controls:
                        timed(f"{label} {key}", lambda k=key: tab.change(k))
            tab.close()
    return {name: total / rounds * 1000 for name, total in spent.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.runcost",
                                     description="CPU-tijd per actie van één serverproces")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="map met de gegevens (standaard: GGU_DATA_DIR, anders data/)")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="een andere checkout, ernaast gemeten (voor/na)")
    parser.add_argument("--rounds", type=int, default=5, help="rondes langs VISIT (5)")
    args = parser.parse_args(argv)
    source = config.data_dir(args.data_dir)
    now = measure(source, ROOT, args.rounds)
    before = measure(source, args.compare.resolve(), args.rounds) if args.compare else {}
    print(f"{'actie':<36} {'nu ms':>7}" + (f" {'voor ms':>8}" if before else ""))
    for name, ms in now.items():
        print(f"{name:<36} {ms:7.0f}" + (f" {before.get(name, 0):8.0f}" if before else ""))
    total_now = sum(now.values())
    line = f"{'een ronde':<36} {total_now:7.0f}"
    if before:
        total_before = sum(before.values())
        line += f" {total_before:8.0f}   voor/nu {total_before / total_now:.2f}x"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
