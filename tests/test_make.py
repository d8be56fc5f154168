"""`make run` on a machine where this user may not install Debian packages and has no npm: it
does not stop for those optional parts, says what is missing and what that means, and serves."""
import os
import signal
import subprocess
import time
import urllib.request

import pytest

from ggu.config import ROOT
from tools.browser import free_port

pytestmark = pytest.mark.slow


def test_make_run_without_root_and_npm_serves_and_says_what_is_missing(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "run", "CAN_APT=0", "NPM=no-such-npm",
         "DEBS=chromium no-such-debian-package", f"PORT={port}", f"DATA_DIR={tmp_path}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True, env={**os.environ, "STREAMLIT_SERVER_HEADLESS": "true"})
    try:
        deadline, status = time.monotonic() + 120, None
        while status != 200 and time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    status = r.status
            except OSError:
                time.sleep(0.5)
        assert status == 200, "make run did not serve"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=30)[0]
    assert "no-such-debian-package ontbreekt" in out and "tabellen waar grafieken" in out
    assert "npm ontbreekt" in out and "Streamlit's eigen plotly.js" in out
    assert (tmp_path / "CURRENT").exists()   # the demo data was built where there was none
