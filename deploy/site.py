"""`make serve-site PORT=8080 [SITE_DIR=DIR]`: the public static site served by Debian's nginx,
in the foreground, until Ctrl-C.

    python -m deploy.site --port 8080 [--root DIR] [--data-dir data]

Serves DIR, or else the `current` build of the data folder's site/ (`python -m ggu site build`
makes it), on 127.0.0.1 with deploy/nginx.conf: precompressed files, long caching for hashed
assets and short for pages, the security headers, framing allowed only for /embed/. nginx's pid
file and temporary files live in a temporary folder, so no root is needed (started by root, its
workers run as the site folder's owner). A new build switched
to `current` is served from the next request on (nginx follows the link per request).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy import processes

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "nginx.conf"


def nginx() -> str:
    """The nginx executable (Debian's /usr/sbin is not always on a user's PATH)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise SystemExit("nginx ontbreekt. Installeer het met 'sudo apt-get install nginx' "
                         "(of 'make nginx') en probeer opnieuw.")
    return found


def render(root: Path, port: int, prefix: Path, address: str = "127.0.0.1") -> str:
    """deploy/nginx.conf for this site folder, port and folder of nginx's own files."""
    text = CONFIG.read_text(encoding="utf-8")
    for key, value in (("@ADDRESS@", address), ("@PORT@", str(port)),
                       ("@ROOT@", str(root)), ("@PREFIX@", str(prefix))):
        if key not in text:
            raise ValueError(f"nginx.conf: {key} missing")
        text = text.replace(key, value)
    if os.geteuid() == 0:   # started by root: the workers read the site as its owner
        owner = pwd.getpwuid(Path(root).stat().st_uid).pw_name
        text = f"user {owner};\n" + text
    return text


def site_root(root: str | None, data_dir: str) -> Path:
    """The folder served: --root, else <data>/site/current (kept as the link, not resolved, so
    that a new build is served as soon as the link moves)."""
    path = Path(root) if root else Path(data_dir) / "site" / "current"
    if not path.exists():
        raise SystemExit(f"Geen site in {path}. Bouw hem eerst met 'python -m ggu site build'"
                         f"{'' if root else ' --data-dir ' + data_dir}.")
    return path.absolute()


def listening(port: int, address: str = "127.0.0.1") -> bool:
    with contextlib.closing(socket.socket()) as s:
        s.settimeout(0.5)
        return s.connect_ex((address, port)) == 0


@contextlib.contextmanager
def served(root: Path, port: int, address: str = "127.0.0.1", quiet: bool = False):
    """nginx serving root on address:port while the block runs (for the tests and tools);
    yields the base URL."""
    with serving(root, port, address, quiet) as (url, _proc):
        yield url


@contextlib.contextmanager
def serving(root: Path, port: int, address: str = "127.0.0.1", quiet: bool = False):
    """Like `served`, yielding (base URL, the nginx master process) (for the load test)."""
    if listening(port, address):
        raise RuntimeError(f"{address}:{port} is already in use")
    with tempfile.TemporaryDirectory(prefix="ggu-nginx-") as prefix:
        conf = Path(prefix) / "nginx.conf"
        conf.write_text(render(Path(root).absolute(), port, Path(prefix), address),
                        encoding="utf-8")
        command = [nginx(), "-p", prefix, "-c", str(conf), "-e", "stderr",
                   "-g", "daemon off;"]
        subprocess.run([*command, "-t", "-q"], check=True)
        proc = subprocess.Popen(command, stderr=subprocess.DEVNULL if quiet else None)
        try:
            deadline = time.monotonic() + 30
            while not listening(port, address):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start on {address}:{port}")
                time.sleep(0.05)
            yield f"http://{address}:{port}", proc
        finally:
            processes.stop(proc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--root", default=None, help="the site folder (default: DATA/site/current)")
    parser.add_argument("--data-dir", default="data")
    args = parser.parse_args(argv)
    root = site_root(args.root or None, args.data_dir)
    # stopped by a supervisor (SIGTERM) as by Ctrl-C: nginx stops with it, not left running;
    # Ctrl-C also when started with SIGINT ignored (a background job of a script), as
    # deploy/serve.py does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with served(root, args.port, args.address) as url:
        print(f"De site ({root}) op {url}/nl/ — Ctrl-C stopt.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
