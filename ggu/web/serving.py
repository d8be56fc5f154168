"""Two fixes of the server's behaviour, set by app.py: connections without Nagle's algorithm
(`no_delay`), and a whole page for a session that lost its process (`rerun_lost_parts`).

no_delay: the server's connections without Nagle's algorithm (TCP_NODELAY).

Streamlit 1.67 binds its listening socket as `socket.socket(family)`, protocol 0, and asyncio
sets TCP_NODELAY only on connections whose socket says IPPROTO_TCP. With Nagle's algorithm
on, a response written in two parts (headers, then body) waits for the browser's delayed ACK
of the first part: every request after the first on a kept-alive connection took 44 ms
instead of 2 ms, and a first visit loads about 100 files. The same holds for websocket
messages sent while one is unacknowledged. Drop this once Streamlit sets TCP_NODELAY itself.
"""
from __future__ import annotations

import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol

# The session-state key that every full run of the frame sets (ggu.web.parts.remember).
RUN_CONTEXT = "_ggu_run_context"


def no_delay() -> None:
    """Set TCP_NODELAY on every connection uvicorn's HTTP protocol accepts from now on (a
    websocket takes over its connection). Call before the server accepts connections, as
    app.py's import is; calling twice changes nothing."""
    made = AutoHTTPProtocol.connection_made
    if getattr(made, "no_delay", False):
        return

    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        made(self, transport)

    # A patch of uvicorn's class, marked as such: what mypy rightly calls assigning to a method.
    connection_made.no_delay = True   # type: ignore[attr-defined]
    AutoHTTPProtocol.connection_made = connection_made   # type: ignore[method-assign]


def rerun_lost_parts() -> None:
    """A request to rerun a part of a page (a fragment) from a session this process has never
    run the frame for becomes a run of the whole page. Workaround, for Streamlit 1.67: when the
    process serving a tab dies, the browser reconnects (through the proxy, to another process)
    without asking for a run, and keeps showing the old page; a control in a part then asks
    for that part, which the new process does not know, and Streamlit drops the request (logs
    "does not exist anymore"): the click is lost and the tab stays stale. Remove once Streamlit
    reruns the page for an unknown fragment, or reruns a reconnected session that it does not
    know (tests/test_e2e_replicas.py tells). Calling twice changes nothing."""
    from streamlit.runtime.app_session import AppSession

    request = AppSession.request_rerun
    if getattr(request, "lost_parts", False):
        return

    def request_rerun(self, client_state) -> None:
        if (client_state is not None and client_state.fragment_id
                and not self.has_fragment(client_state.fragment_id)
                and RUN_CONTEXT not in self.session_state):
            whole = type(client_state)()
            whole.CopyFrom(client_state)
            whole.fragment_id = ""
            client_state = whole
        request(self, client_state)

    # A patch of Streamlit's class, marked as such (see no_delay).
    request_rerun.lost_parts = True   # type: ignore[attr-defined]
    AppSession.request_rerun = request_rerun   # type: ignore[method-assign]
