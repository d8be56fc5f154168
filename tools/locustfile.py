"""The load test's reader, for Locust (`python -m tools.proxyload` runs it; by hand:
`locust -f tools/locustfile.py --headless -u 20 -t 60s --host http://127.0.0.1:8501`).

A reader is one browser tab without a browser (tools/stclient.py: Streamlit's websocket
protocol): it opens each page in turn and changes that page's own controls (a switch, a
filter, a chart's table), without pausing, as ten people in a College meeting do at once.
Every answered run is a Locust request: `open <page>` (a full run) or `<page> <control>` (the
run the change causes: a part of the page where it has one, else the page). A run that shows
an exception or no title, or that fails even after reconnecting, is a failure.

With GGU_LOADTEST_RUNS set, every run is also written there as a JSON line (when it started and
ended, which process served it, which snapshot ids it read), for the snapshot checks.
"""
from __future__ import annotations

import json
import os
import time

from locust import User, constant, events, task

from tools.stclient import VISIT, Client, RunError

_runs_file = None


@events.test_start.add_listener
def _open_runs_file(**_kwargs) -> None:
    global _runs_file
    path = os.environ.get("GGU_LOADTEST_RUNS")
    if path:
        _runs_file = open(path, "a", encoding="utf-8")   # noqa: SIM115 (closed at test_stop)


@events.test_stop.add_listener
def _close_runs_file(**_kwargs) -> None:
    if _runs_file is not None:
        _runs_file.close()


class Reader(User):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.tab = Client(self.host)
        self.tab.connect()
        self.number = id(self)

    def on_stop(self) -> None:
        self.tab.close()

    def _request(self, kind: str, name: str, action) -> None:
        start = time.time()
        run, problem = None, None
        try:
            run = action()
            if run.exceptions:
                problem = RunError(run.exceptions[0])
            elif not run.fragment and not run.titles:
                problem = RunError("lege pagina")
        except RunError as error:
            problem = error
        elapsed_ms = (time.time() - start) * 1000
        self.environment.events.request.fire(
            request_type=kind, name=name, response_time=elapsed_ms,
            response_length=run.messages if run else 0, exception=problem, context={})
        if _runs_file is not None and run is not None:
            _runs_file.write(json.dumps({
                "user": self.number, "start": start, "end": start + elapsed_ms / 1000,
                "full": not run.fragment, "server": self.tab.server, "name": name,
                "snapshots": sorted(run.snapshots), "reconnected": run.reconnected}) + "\n")
        if problem is not None and self.tab.ws is None:
            try:
                self.tab.connect()
            except Exception:   # noqa: S110  (the next request tries again, and fails)
                pass

    @task
    def visit(self) -> None:
        for page, controls in VISIT:
            label = page or "overzicht"
            self._request("open", label, lambda p=page: self.tab.open(p))
            for key in controls:
                if key in self.tab.widgets:
                    self._request("change", f"{label} {key}",
                                  lambda k=key: self.tab.change(k))
