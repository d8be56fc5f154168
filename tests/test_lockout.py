"""Password guessing (ggu/lockout.py): failures counted per account in the data folder, the lock
after 5 failures in 15 minutes, its end after 15 minutes, the log with time and address, and
two OS processes counting into the same folder; the CLI's `logins` and `unlock`."""
from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

import pytest

from ggu import cli, lockout
from ggu.config import ROOT

pytestmark = pytest.mark.sql

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand (no test waits for real time)."""

    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def guard(tmp_path, clock):
    return lockout.Guard(tmp_path, now=clock)


def fail(guard, times, address="192.0.2.1", account="beheerder"):
    return [guard.record(account, address, ok=False) for _ in range(times)]


def test_five_failures_in_15_minutes_lock_the_account_for_15_minutes(guard, clock):
    verdicts = []
    for _ in range(5):
        verdicts += fail(guard, 1)
        clock.advance(minutes=3)            # 5 failures within 12 minutes
    assert [v.failures for v in verdicts] == [1, 2, 3, 4, 5]
    assert [v.locked for v in verdicts] == [False] * 4 + [True]
    assert verdicts[-1].locked_until == T0 + timedelta(minutes=12 + 15)
    # while locked, even the right password is refused, and other accounts are not affected
    right = guard.record("beheerder", "192.0.2.1", ok=True)
    assert not right.ok and right.locked
    assert guard.record("iemand-anders", "192.0.2.1", ok=True).ok
    clock.now = T0 + timedelta(minutes=12 + 14, seconds=59)   # 14:59 after the lock: locked
    assert guard.status("beheerder").locked
    clock.advance(seconds=1)                # 15:00 after it: open, and the count starts afresh
    assert not guard.status("beheerder").locked
    assert guard.record("beheerder", "192.0.2.1", ok=False).failures == 1
    assert guard.record("beheerder", "192.0.2.1", ok=True).ok


def test_failures_spread_over_more_than_15_minutes_do_not_lock(guard, clock):
    fail(guard, 4)
    clock.advance(minutes=15, seconds=1)     # the first four fall out of the window
    assert fail(guard, 4)[-1].failures == 4
    assert not guard.status("beheerder").locked


def test_a_success_starts_the_count_afresh(guard):
    fail(guard, 4)
    assert guard.record("beheerder", "192.0.2.1", ok=True).ok
    assert [v.locked for v in fail(guard, 5)] == [False] * 4 + [True]


def test_every_failure_and_lock_is_logged_with_time_and_address(guard, clock, caplog):
    caplog.set_level(logging.INFO, logger="ggu.login")
    fail(guard, 3, address="192.0.2.1")
    clock.advance(minutes=1)
    fail(guard, 2, address="2001:db8::7")
    guard.record("beheerder", "198.51.100.9", ok=True)    # refused: locked
    rows = guard.attempts()
    assert [(r["outcome"], r["address"]) for r in rows] == [
        ("locked", "198.51.100.9"), ("lock", "2001:db8::7"), ("failed", "2001:db8::7"),
        ("failed", "2001:db8::7"), ("failed", "192.0.2.1"), ("failed", "192.0.2.1"),
        ("failed", "192.0.2.1")]
    assert rows[0]["at_utc"] == "2026-03-02T09:01:00.000000+00:00"
    assert rows[-1]["at_utc"] == "2026-03-02T09:00:00.000000+00:00"
    messages = [r.getMessage() for r in caplog.records]
    assert sum("login failed" in m for m in messages) == 5
    assert any("account locked after 5 failures" in m and "address=2001:db8::7" in m
               and "until=2026-03-02T09:16:00" in m for m in messages)
    assert any("login refused, account locked" in m and "address=198.51.100.9" in m
               for m in messages)
    assert (guard.path.parent / "logins.sqlite") == guard.path


# Each process records 4 wrong passwords as fast as it can, after both have started.
CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from ggu import lockout
    folder, name = Path(sys.argv[1]), sys.argv[2]
    (folder / f"ready-{name}").touch()
    while not all((folder / f"ready-{n}").exists() for n in ("a", "b")):
        time.sleep(0.01)
    guard = lockout.Guard(folder)
    for _ in range(4):
        v = guard.record("beheerder", f"192.0.2.{ord(name)}", ok=False)
        print(v.failures, int(v.locked), flush=True)
""")


def test_two_processes_count_into_one_lock(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), name], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True) for name in ("a", "b")]
    outputs = [p.communicate(timeout=60)[0].split("\n") for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    outcomes = [r["outcome"] for r in lockout.Guard(tmp_path).attempts()]
    # 8 wrong passwords from two processes: the first 5 count, the 5th locks, 3 are refused
    assert sorted(outcomes) == sorted(["failed"] * 5 + ["lock"] + ["locked"] * 3)
    assert {r["address"] for r in lockout.Guard(tmp_path).attempts()} == {"192.0.2.97",
                                                                          "192.0.2.98"}
    locked_lines = [line for out in outputs for line in out if line.endswith(" 1")]
    assert len(locked_lines) == 4                  # the locking attempt and the 3 refused
    assert lockout.Guard(tmp_path).status("beheerder").locked   # a third process sees it


def test_the_cli_lists_attempts_and_unlocks(tmp_path, capsys):
    fail(lockout.Guard(tmp_path), 5, address="203.0.113.5")
    assert cli.main(["logins", "--data-dir", str(tmp_path), "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "lock" in out[0] and "203.0.113.5" in out[0] and "UTC" in out[0]
    assert cli.main(["unlock", "--data-dir", str(tmp_path)]) == 0
    assert "Het slot op beheerder is opgeheven." in capsys.readouterr().out
    assert not lockout.Guard(tmp_path).status("beheerder").locked
    assert lockout.Guard(tmp_path).record("beheerder", "203.0.113.5", ok=False).failures == 1
    assert cli.main(["unlock", "--data-dir", str(tmp_path)]) == 0
    assert "was niet op slot" in capsys.readouterr().out
