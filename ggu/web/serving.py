"""The server's connections without Nagle's algorithm (TCP_NODELAY), set by app.py.

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

    connection_made.no_delay = True
    AutoHTTPProtocol.connection_made = connection_made
