"""Replicas behind a real HAProxy (deploy/): `make serve` starts N processes and the proxy on one
port and stops them all on Ctrl-C; sessions stick to one process by cookie; a process killed
with SIGKILL under load is taken out, its sessions go on on another without an error, the
others notice nothing, and it rejoins once started again; the load test through the proxy sees
no error and no mixed snapshot across an import. Sessions are real Streamlit sessions over the
websocket (tools/stclient.py), not a browser (tests/test_e2e_replicas.py has the browser)."""
from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import urllib.request

import pytest

from deploy import serve
from ggu.config import ROOT
from tools import proxyload
from tools.loadtest import copy_data
from tools.proxyload import Serving
from tools.stclient import VISIT, Client, RunError

pytestmark = pytest.mark.slow


@pytest.fixture
def data_copy(demo_dir, tmp_path):
    return copy_data(demo_dir, tmp_path / "data")


def test_the_configuration_is_valid_for_any_number_of_processes(tmp_path):
    for n in (1, 3):
        text = serve.render(list(range(9101, 9101 + n)), 9100)
        path = tmp_path / f"haproxy-{n}.cfg"
        path.write_text(text)
        check = subprocess.run(["haproxy", "-c", "-f", str(path)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert text.count("    server app") == n and "bind 127.0.0.1:9100" in text
        assert f"server app{n} 127.0.0.1:{9100 + n} cookie app{n}" in text


def _listening(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
            return True
    except OSError:
        return False


def test_make_serve_runs_n_processes_behind_one_port_and_ctrl_c_stops_them_all(data_copy):
    port = proxyload.free_ports(3)
    proc = subprocess.Popen(["make", "--no-print-directory", "serve", "N=2", f"PORT={port}",
                             f"DATA_DIR={data_copy.root}"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    replicas = [port + 10, port + 11]
    try:
        deadline = time.monotonic() + 120
        while not _listening(port) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
        assert _listening(port) and all(_listening(p) for p in replicas)
        servers = set()
        for _ in range(4):   # new sessions spread over both; each stays on its own
            tab = Client(f"http://127.0.0.1:{port}")
            tab.connect()
            first = tab.open("")
            again = tab.open("bijdragen")
            assert first.titles and again.titles and not first.exceptions
            servers.add(tab.server)
        assert servers == {"app1", "app2"}
    finally:
        os.killpg(proc.pid, signal.SIGINT)             # Ctrl-C in the terminal
        out = proc.communicate(timeout=60)[0]
    assert "2 processen" in out
    assert not _listening(port) and not any(_listening(p) for p in replicas)


class Reader(threading.Thread):
    """One session clicking through every page and control until told to stop."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.tab = Client(url)
        self.tab.connect()
        self.first_server = self.tab.server
        self.stop, self.errors, self.runs, self.servers_after = threading.Event(), [], 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            for page, controls in VISIT:
                for action in [lambda p=page: self.tab.open(p)] + [
                        lambda k=key: self.tab.change(k) for key in controls]:
                    if self.stop.is_set():
                        return
                    try:
                        run = action()
                    except RunError as error:
                        self.errors.append(str(error))
                        return
                    self.runs += 1
                    if run.exceptions:
                        self.errors.append(run.exceptions[0])
                    if run.reconnected:
                        self.servers_after.append(self.tab.server)


def test_a_replica_killed_under_load_is_taken_out_and_its_sessions_go_on(data_copy):
    with Serving(2, data_copy.root) as serving:
        serving.wait()
        readers = [Reader(serving.url) for _ in range(6)]
        assert {r.first_server for r in readers} == {"app1", "app2"}
        for reader in readers:
            reader.start()
        time.sleep(8)
        victim_port = serving.replica_ports[0]
        victim = serving.replica_pids()[victim_port]
        os.kill(victim, signal.SIGKILL)
        at_kill = [r.runs for r in readers]
        time.sleep(12)
        for reader in readers:
            reader.stop.set()
        for reader in readers:
            reader.join(timeout=120)
        on_victim = [r for r in readers if r.first_server == "app1"]
        others = [r for r in readers if r.first_server == "app2"]
        assert all(r.errors == [] for r in readers), [r.errors for r in readers]
        assert all(r.tab.reconnects >= 1 for r in on_victim)      # they lost their process
        assert all(r.tab.reconnects == 0 for r in others)         # nobody else noticed
        assert all(r.runs > n for r, n in zip(readers, at_kill))   # all went on clicking
        # The launcher starts it again (a new pid); HAProxy's check lets it rejoin: a new
        # session lands on it (the fewest connections).
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            pids = serving.replica_pids()
            if pids.get(victim_port, victim) != victim and _listening(victim_port):
                break
            time.sleep(0.5)
        assert serving.replica_pids()[victim_port] != victim and _listening(victim_port)
        time.sleep(3)                                              # rise 2 × inter 1 s
        landed = set()
        for _ in range(4):
            tab = Client(serving.url)
            tab.connect()
            assert tab.open("").titles
            landed.add(tab.server)
        assert "app1" in landed


def test_the_load_test_through_the_proxy_sees_no_error_and_no_mixed_snapshot(demo_dir):
    outcome = proxyload.run_one(demo_dir, "nu", 2, users=4, duration=24)
    assert outcome.failures == 0, outcome.failure_texts
    assert outcome.marked and outcome.mixed == 0 and outcome.stale == 0, outcome.line()
    assert outcome.servers_on_new == ["app1", "app2"]         # both read the new one
    assert int(outcome.new_id) == int(outcome.old_id) + 1
    assert outcome.part_runs > 0 and outcome.full_runs > 0
