"""`make serve N=2`: N dashboard processes behind HAProxy on one port, until Ctrl-C.

    python -m deploy.serve --replicas 2 --port 8501

Starts N `streamlit run app.py` processes on the ports after PORT (8511, 8512, … by default),
all over the same data folder and with one cookie secret (so that a session's cookies hold on
whichever process it lands), waits until they answer, then HAProxy with deploy/haproxy.cfg
(its `bind` and `server` lines rewritten for N). A process that dies is started again and
rejoins once HAProxy's health check sees it answer. Ctrl-C (or SIGTERM) stops them all.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy import processes

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "haproxy.cfg"
RESTART_DELAY_S = 1.0


def render(ports: list[int], port: int, address: str = "127.0.0.1",
           template: str | None = None) -> str:
    """deploy/haproxy.cfg for these replica ports, listening on address:port."""
    text = CONFIG.read_text(encoding="utf-8") if template is None else template
    text = re.sub(r"(?m)^(\s+bind )\S+", rf"\g<1>{address}:{port}", text)
    servers = "".join(f"    server app{n} 127.0.0.1:{p} cookie app{n}\n"
                      for n, p in enumerate(ports, start=1))
    text, count = re.subn(r"(?m)(^\s+server .*\n)+", servers, text)
    if count != 1:
        raise ValueError("haproxy.cfg: expected one block of `server` lines")
    return text


def healthy(port: int, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                    timeout=timeout) as answer:
            return answer.status == 200
    except OSError:
        return False


class Replicas:
    """N streamlit processes of app_dir's app.py, started again when one dies."""

    def __init__(self, ports: list[int], app_dir: Path, env: dict[str, str]):
        self.ports, self.app_dir, self.env = ports, app_dir, env
        self.procs: dict[int, subprocess.Popen] = {}
        self.died_at: dict[int, float] = {}

    def start(self, port: int) -> None:
        self.procs[port] = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=self.app_dir, env=self.env, stdout=subprocess.DEVNULL)

    def start_all(self) -> None:
        for port in self.ports:
            self.start(port)

    def wait_healthy(self, timeout: float = 120.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(healthy(p) for p in self.ports):
                return True
            time.sleep(0.2)
        return False

    def watch(self) -> None:
        """Start again, after RESTART_DELAY_S, a process that has exited."""
        now = time.monotonic()
        for port, proc in list(self.procs.items()):
            if proc.poll() is None:
                continue
            if port not in self.died_at:
                self.died_at[port] = now
                print(f"Proces op poort {port} is gestopt (code {proc.returncode}); "
                      "het wordt opnieuw gestart.", flush=True)
            elif now - self.died_at[port] >= RESTART_DELAY_S:
                del self.died_at[port]
                self.start(port)

    def stop(self) -> None:
        processes.stop(*self.procs.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve",
                                     description="N dashboardprocessen achter HAProxy")
    parser.add_argument("--replicas", type=int, default=2, metavar="N",
                        help="aantal app-processen (standaard 2)")
    parser.add_argument("--port", type=int, default=8501, help="poort van HAProxy (8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="adres van HAProxy (standaard 127.0.0.1)")
    parser.add_argument("--first-port", type=int, metavar="P",
                        help="poort van het eerste app-proces (standaard PORT+10)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="map met de gegevens (standaard: GGU_DATA_DIR, anders data/)")
    parser.add_argument("--app-dir", type=Path, default=ROOT, metavar="DIR",
                        help="map met app.py (standaard deze checkout)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas moet minstens 1 zijn")
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        print("HAProxy ontbreekt. Installeer het met 'sudo apt-get install haproxy'.")
        return 1
    first = args.first_port or args.port + 10
    ports = list(range(first, first + args.replicas))
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if args.data_dir:
        env["GGU_DATA_DIR"] = str(Path(args.data_dir).resolve())
    # One secret for every process: cookies (XSRF, login) signed by one hold on the others.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))

    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    replicas = Replicas(ports, args.app_dir.resolve(), env)
    proxy = None
    with tempfile.TemporaryDirectory(prefix="ggu-haproxy-") as work:
        try:
            replicas.start_all()
            if not replicas.wait_healthy():
                print("De app-processen antwoorden niet; gestopt.")
                return 1
            config = Path(work) / "haproxy.cfg"
            config.write_text(render(ports, args.port, args.address), encoding="utf-8")
            proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)])
            print(f"Dashboard: http://{args.address}:{args.port} ({args.replicas} processen "
                  f"op poort {ports[0]}–{ports[-1]} achter HAProxy). Stoppen: Ctrl-C.",
                  flush=True)
            while not stopping:
                if proxy.poll() is not None:
                    print(f"HAProxy is gestopt (code {proxy.returncode}).")
                    return 1
                replicas.watch()
                time.sleep(0.2)
            return 0
        finally:
            if proxy is not None:
                processes.stop(proxy)
            replicas.stop()


if __name__ == "__main__":
    raise SystemExit(main())
