"""Stopping the processes `make serve` and `make serve-site` start (and the tests' servers)."""
from __future__ import annotations

import subprocess


def stop(*procs: subprocess.Popen, timeout: float = 10) -> None:
    """Ask every process still running to end (SIGTERM), then wait for each; one that has not
    ended after `timeout` seconds is killed."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
