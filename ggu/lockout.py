"""Password guessing: failed logins counted per account in the data folder, shared by every
session and every process (and host) that serves the same folder. After MAX_FAILURES failures
within WINDOW an account is locked for LOCK_FOR; a success, or the end of a lock, starts the
count afresh. Every attempt (success, failure, refusal while locked) and every lock is kept with
its time (UTC) and the client's address, so that an administrator can see who guessed
(`python -m ggu logins`) and end a lock early (`python -m ggu unlock ACCOUNT`).

The log is a small SQLite file, `<data folder>/logins.sqlite`: SQLite serialises writers of
several processes with file locks, and each decision (count, record, lock) is one `BEGIN
IMMEDIATE` transaction, so two processes cannot both let a sixth guess through. It is not a
snapshot: it changes with every attempt and is not part of the figures.

The bottom layer beside ggu.passwords: imports nothing of ggu (the caller passes the folder).
"""
from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)
FILE_NAME = "logins.sqlite"
PASSWORD_ACCOUNT = "beheerder"   # noqa: S105 (an account name) the one account of the Beheer password login
Error = sqlite3.Error   # what a log that cannot be read or written raises (with OSError)

log = logging.getLogger("ggu.login")

_SCHEMA = """
create table if not exists attempt (
    at_utc text not null,          -- ISO 8601, UTC, microseconds: sorts as time
    account text not null,
    address text not null,
    outcome text not null          -- ok | failed | locked (refused while locked) | lock | unlock
);
create index if not exists attempt_account_at on attempt (account, at_utc);
"""


@dataclass(frozen=True)
class Verdict:
    """The outcome of one attempt. `locked_until` is set when the account is locked (by this
    attempt or earlier); `failures` counts the failures in the current window."""
    ok: bool
    failures: int = 0
    locked_until: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class Guard:
    """The login attempts of one data folder. `now` is injectable for the tests (a clock)."""

    def __init__(self, data_dir: str | Path, now=_now):
        self.path = Path(data_dir) / FILE_NAME
        self.now = now

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken before reading, so that decisions do not interleave."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("begin immediate")
            for statement in _SCHEMA.split(";")[:-1]:
                con.execute(statement)
            yield con
            con.execute("commit")
        except BaseException:
            if con.in_transaction:
                con.execute("rollback")
            raise
        finally:
            con.close()

    def _lock_until(self, con: sqlite3.Connection, account: str, now: datetime) -> datetime | None:
        """The end of the account's last lock if it is still on (not lifted, not over)."""
        row = con.execute(
            "select at_utc, outcome from attempt where account = ? and outcome in "
            "('lock', 'unlock') order by rowid desc limit 1", [account]).fetchone()
        if row is None or row[1] == "unlock":
            return None
        until = datetime.fromisoformat(row[0]) + LOCK_FOR
        return until if until > now else None

    def _failures(self, con: sqlite3.Connection, account: str, now: datetime) -> int:
        """Failures in the window since the last success, lock or unlock (in the order they
        were recorded: rowid, as two attempts can share a timestamp)."""
        return con.execute(
            "select count(*) from attempt where account = ? and outcome = 'failed' and rowid > "
            "(select coalesce(max(rowid), 0) from attempt where account = ? and "
            " outcome in ('ok', 'lock', 'unlock')) and at_utc > ?",
            [account, account, _iso(now - WINDOW)]).fetchone()[0]

    def status(self, account: str) -> Verdict:
        """Whether `account` is locked now (nothing recorded)."""
        if not self.path.exists():
            return Verdict(ok=True)
        now = self.now()
        with self._write() as con:
            until = self._lock_until(con, account, now)
            return Verdict(ok=until is None, failures=self._failures(con, account, now),
                           locked_until=until)

    def record(self, account: str, address: str, ok: bool) -> Verdict:
        """Record one attempt whose password was checked (`ok`: it was right) and decide. A right
        password while the account is locked is refused all the same (outcome `locked`)."""
        now = self.now()
        with self._write() as con:
            add = lambda outcome: con.execute(  # noqa: E731
                "insert into attempt values (?, ?, ?, ?)", [_iso(now), account, address, outcome])
            until = self._lock_until(con, account, now)
            if until is not None:
                add("locked")
                log.warning("login refused, account locked: account=%s address=%s until=%s",
                            account, address, _iso(until))
                return Verdict(ok=False, failures=self._failures(con, account, now),
                               locked_until=until)
            if ok:
                add("ok")
                log.info("login: account=%s address=%s", account, address)
                return Verdict(ok=True)
            add("failed")
            failures = self._failures(con, account, now)
            log.warning("login failed: account=%s address=%s failures=%d", account, address,
                        failures)
            if failures < MAX_FAILURES:
                return Verdict(ok=False, failures=failures)
            add("lock")
            log.warning("account locked after %d failures: account=%s address=%s until=%s",
                        failures, account, address, _iso(now + LOCK_FOR))
            return Verdict(ok=False, failures=failures, locked_until=now + LOCK_FOR)

    def unlock(self, account: str, by: str) -> bool:
        """End a lock (and the count) now; `by` is recorded as the address. False: not locked."""
        now = self.now()
        with self._write() as con:
            locked = self._lock_until(con, account, now) is not None
            con.execute("insert into attempt values (?, ?, ?, 'unlock')",
                        [_iso(now), account, by])
        log.warning("account unlocked: account=%s by=%s", account, by)
        return locked

    def attempts(self, limit: int = 100) -> list[dict]:
        """The newest attempts first: at_utc, account, address, outcome."""
        if not self.path.exists():
            return []
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            if not con.execute("select 1 from sqlite_master where name = 'attempt'").fetchone():
                return []   # an empty file: nothing recorded yet
            rows = con.execute("select at_utc, account, address, outcome from attempt "
                               "order by at_utc desc, rowid desc limit ?", [limit]).fetchall()
        finally:
            con.close()
        return [dict(zip(("at_utc", "account", "address", "outcome"), r, strict=True))
                for r in rows]
