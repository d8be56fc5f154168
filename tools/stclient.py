"""A Streamlit client without a browser: Streamlit's own websocket protocol, as the browser
speaks it, for the load test (tools/locustfile.py) and the replica tests.

Connects as a browser does (a GET of the page first, so that a sticky cookie set by a proxy
comes along on the websocket), asks for a page run (BackMsg rerun_script with the page, the
query string and widget states) and reads ForwardMsgs until the run has finished. It keeps
what a test needs of each run: the widgets by key, with the fragment they belong to (so that
changing one reruns its fragment, as the browser does), the snapshot ids the run read (the
marker ggu.web.data writes), the titles, and any exception shown.
"""
from __future__ import annotations

import re
import time
import urllib.parse
from dataclasses import dataclass, field

import requests
import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A reader's round (the load test's, tools/locustfile.py): the pages in the order a reader
# goes through them, each with the controls changed there (a switch, a filter, a chart's table).
VISIT = [
    ("", ["basis", "split_table", "basis", "bvs_table"]),
    ("portfolio", ["pf_group", "forecast_table", "pf_group", "roadmap_table"]),
    ("doelen", ["goal_allocation_table", "bullets_D1_table", "trend_D1_table"]),
    ("uitgaven", ["eenheid", "tree_table", "eenheid", "months_table"]),
    ("bijdragen", ["whatif_rate", "funding_table", "whatif_rate", "provinces_table"]),
    ("rapport", []),
]

RECONNECT_S = 30   # how long a lost session tries to reconnect before it counts as an error
MARKER = re.compile(r"/\* ggu-snapshot ([0-9 ]*) \*/")
FINISHED = ForwardMsg.ScriptFinishedStatus


class RunError(Exception):
    """A run that showed an exception, did not finish, or lost its connection."""


@dataclass
class Widget:
    id: str
    kind: str          # the element's type: button_group, selectbox, select_slider, expander…
    options: list[str]
    fragment_id: str


@dataclass
class Run:
    elapsed_s: float = 0.0
    snapshots: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)      # the h1s: a full run of a page
    headings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    fragment: bool = False      # the server ran only a part of the page
    messages: int = 0
    reconnected: bool = False   # its process was gone: it ran on another after a reconnect


def _key(widget_id: str) -> str | None:
    """The user key at the end of an element id ($$ID-<hash>-<key>), if any."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else None


class Client:
    """One browser tab: one Streamlit session through base_url (a proxy or a process)."""

    def __init__(self, base_url: str, timeout: float = 120.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.ws: websocket.WebSocket | None = None
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, tuple[str, object]] = {}   # widget id -> (value field, value)
        self.chosen: dict[str, int] = {}   # widget id -> index of the option it shows
        self.page = ""
        self.query_string = ""
        self.reconnects = 0

    # -- connection ---------------------------------------------------------------------------
    def connect(self, page: str = "") -> None:
        """GET the page (a proxy sets its sticky cookie), then open the websocket with it."""
        self.http.get(f"{self.base_url}/{page}", timeout=self.timeout).raise_for_status()
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.close()
        url = "ws" + self.base_url[4:] + "/_stcore/stream"
        self.ws = websocket.create_connection(url, timeout=self.timeout,
                                              subprotocols=["streamlit"],
                                              header=[f"Cookie: {cookies}"] if cookies else [])

    @property
    def server(self) -> str | None:
        """The proxy's sticky cookie: which process serves this session."""
        return self.http.cookies.get("GGU_SERVER")

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.ws.close(timeout=1)
            except (websocket.WebSocketException, OSError):
                pass
            self.ws = None

    # -- runs ---------------------------------------------------------------------------------
    def open(self, page: str, query_string: str = "") -> Run:
        """Navigate to a page (its url path; "" for the start page): a full run."""
        self.page, self.query_string = page, query_string
        self.widgets.clear()
        self.states.clear()
        self.chosen.clear()
        return self._run(fragment_id="")

    def rerun(self) -> Run:
        return self._run(fragment_id="")

    def change(self, key: str, value=None) -> Run:
        """Change the widget with this key as a user does (another option when value is None;
        an expander opens) and wait for the run it causes (its fragment only, when it is in
        one)."""
        widget = self.widgets.get(key)
        if widget is None:
            raise RunError(f"no widget {key!r} on {self.page or 'the start page'}")
        if widget.kind == "expander":
            self.states[widget.id] = ("bool_value", True if value is None else bool(value))
        else:   # the next option (or the one asked for)
            index = (widget.options.index(value) if value is not None
                     else (self.chosen[widget.id] + 1) % len(widget.options))
            self.chosen[widget.id] = index
            choice = widget.options[index]
            self.states[widget.id] = (("string_value", choice) if widget.kind == "selectbox"
                                      else ("string_array_value", [choice]))
        return self._run(fragment_id=widget.fragment_id)

    def _back_msg(self, fragment_id: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page
        state.fragment_id = fragment_id
        for widget_id, (field_name, value) in self.states.items():
            ws = state.widget_states.widgets.add()
            ws.id = widget_id
            if field_name == "string_array_value":
                ws.string_array_value.data.extend(value)
            else:
                setattr(ws, field_name, value)
        return msg.SerializeToString()

    def _run(self, fragment_id: str) -> Run:
        """One run; when the connection is lost (its process died), reconnect as the browser
        does (through the proxy, which sends the new session to a live process) and ask
        again, as the browser does (the server runs the whole page for a part it does not
        know: ggu.web.serving.rerun_lost_parts)."""
        try:
            return self._run_once(fragment_id)
        except RunError as error:
            if self.ws is not None:
                raise
            lost = error
        self.reconnects += 1
        deadline = time.monotonic() + RECONNECT_S
        while True:   # as the browser does: try again, a little later each time
            try:
                self.connect(self.page)
                break
            except (requests.RequestException, websocket.WebSocketException, OSError) as error:
                if time.monotonic() > deadline:
                    raise RunError(f"reconnecting after {lost}: {error}") from error
                time.sleep(0.5)
        run = self._run_once(fragment_id)
        run.reconnected = True
        return run

    def _run_once(self, fragment_id: str) -> Run:
        if self.ws is None:
            raise RunError("not connected")
        run = Run()
        start = time.perf_counter()
        try:
            self.ws.send_binary(self._back_msg(fragment_id))
            while True:
                raw = self.ws.recv()
                if not raw:
                    self.ws = None
                    raise RunError("connection closed")
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                run.messages += 1
                kind = msg.WhichOneof("type")
                if kind == "delta":
                    self._delta(msg.delta, run)
                elif kind == "page_not_found":
                    raise RunError(f"page not found: {self.page}")
                elif kind == "script_finished":
                    if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                        raise RunError("compile error")
                    if msg.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN:
                        run.fragment = (msg.script_finished
                                        == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
                        break   # (a run that ended for st.rerun is followed by its rerun)
        except (websocket.WebSocketException, OSError) as error:
            self.ws = None
            raise RunError(f"{type(error).__name__}: {error}") from error
        run.elapsed_s = time.perf_counter() - start
        return run

    def _delta(self, delta, run: Run) -> None:
        which = delta.WhichOneof("type")
        if which == "add_block" and delta.add_block.WhichOneof("type") == "expandable":
            block = delta.add_block
            self._widget(block.id, "expander", [], delta.fragment_id)
        elif which == "new_element":
            element = delta.new_element
            kind = element.WhichOneof("type")
            if kind == "exception":
                run.exceptions.append(element.exception.message)
            elif kind == "html":
                run.snapshots.update(*(m.split() for m in MARKER.findall(element.html.body)))
            elif kind == "heading":
                run.headings.append(element.heading.body)
                if element.heading.tag == "h1":
                    run.titles.append(element.heading.body)
            elif kind in ("button_group", "selectbox", "slider"):
                proto = getattr(element, kind)
                options = ([o.content for o in proto.options] if kind == "button_group"
                           else list(proto.options))
                default = list(proto.default) if kind != "selectbox" else [proto.default]
                self._widget(proto.id, kind, options, delta.fragment_id,
                             int(default[0]) if default else 0)

    def _widget(self, widget_id: str, kind: str, options: list[str], fragment_id: str,
                default: int = 0) -> None:
        key = _key(widget_id)
        if key:
            self.widgets[key] = Widget(widget_id, kind, options, fragment_id)
            self.chosen.setdefault(widget_id, default)


def page_query(params: dict[str, str]) -> str:
    return urllib.parse.urlencode(params)
