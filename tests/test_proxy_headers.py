"""HAProxy (deploy/haproxy.cfg) sets X-Forwarded-For itself: whatever a client sends in that
header is removed first, and the proxy adds the address it sees (`option forwardfor`). The
dashboard reads the client's address from the right of X-Forwarded-For when the peer is a trusted
proxy (ggu/web/auth.py; the login log): a forged header must not reach it. Tested through the
real HAProxy, with a tiny backend that answers the health check and echoes the headers it got."""
from __future__ import annotations

import http.client
import http.server
import json
import subprocess
import threading
import time
import urllib.request

import pytest

from deploy import serve
from tools.proxyload import free_ports

pytestmark = [pytest.mark.slow]   # a real HAProxy process


class Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):   # noqa: N802 (http.server's name)
        body = json.dumps({"xff": self.headers.get_all("X-Forwarded-For") or [],
                           "peer": self.client_address[0]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):   # quiet
        pass


@pytest.fixture
def proxy(tmp_path):
    """HAProxy with deploy/haproxy.cfg in front of one echoing backend; its URL."""
    proxy_port = free_ports(2)
    backend_port = proxy_port + 1
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", backend_port), Echo)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    config = tmp_path / "haproxy.cfg"
    config.write_text(serve.render([backend_port], proxy_port), encoding="utf-8")
    process = subprocess.Popen(["haproxy", "-db", "-f", str(config)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{proxy_port}/"
    try:
        for _ in range(200):   # until HAProxy listens and passes a request on
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        backend.shutdown()
        backend.server_close()


def seen(url: str, headers: dict[str, str]) -> dict:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


@pytest.mark.parametrize("forged", [None, "198.51.100.1", "198.51.100.1, 203.0.113.7",
                                    "unknown", "127.0.0.1"])
def test_the_proxy_replaces_x_forwarded_for_with_the_address_it_sees(proxy, forged):
    got = seen(proxy, {"X-Forwarded-For": forged} if forged else {})
    assert got == {"xff": ["127.0.0.1"], "peer": "127.0.0.1"}


def test_two_forged_headers_are_both_removed(proxy):
    host, port = proxy.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("GET", "/")
        connection.putheader("X-Forwarded-For", "198.51.100.1")
        connection.putheader("x-forwarded-for", "203.0.113.7")
        connection.endheaders()
        assert json.loads(connection.getresponse().read())["xff"] == ["127.0.0.1"]
    finally:
        connection.close()
