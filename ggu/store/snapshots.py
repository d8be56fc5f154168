"""Immutable DuckDB snapshots under data/snapshots/ and the atomically moved pointer data/CURRENT.

A write copies the current snapshot to a temporary file, changes it in one transaction,
checkpoints and closes it, renames it to its final name and only then moves the pointer.
A process killed at any moment leaves the previous snapshot current.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import functools
import json
import os
import re
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ggu import config
from ggu.i18n import t
from ggu.store import derived, schema
from ggu.store.result import scalar

# How every reader opens a snapshot: read-only, no access to other files, configuration locked.
# (The value type is DuckDB's for a connection's config.)
DuckDBConfig = dict[str, str | bool | int | float | list[str]]
READ_ONLY_CONFIG: DuckDBConfig = {"enable_external_access": False, "lock_configuration": True,
                    "memory_limit": config.setting("memory_limit")}
WRITE_CONFIG: DuckDBConfig = {"memory_limit": config.setting("memory_limit")}
SNAPSHOT_RE = re.compile(r"^(\d{4,})\.duckdb$")
ID_RE = re.compile(r"\d{4,}")
DAMAGED_POINTER = "?"   # current_id() of a CURRENT file that holds no snapshot id


class DataError(Exception):
    """A problem with the data store, with a message meant for the user (Dutch)."""


@dataclass(frozen=True)
class Snapshot:
    id: str
    path: Path
    wanted: str | None = None   # set on a fallback: the id of the current snapshot that failed


@functools.lru_cache(maxsize=256)
def _opens_cached(path: str, stamp: tuple) -> bool:
    try:
        with duckdb.connect(path, read_only=True, config=READ_ONLY_CONFIG) as con:
            return scalar(con.execute("select count(*) from meta")) > 0
    except (duckdb.Error, OSError):
        return False


def opens(path: Path) -> bool:
    """True when a snapshot file exists, opens and has its meta table (checked once per
    version of the file: snapshots are immutable, a replaced file has another stamp)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return _opens_cached(str(path), (st.st_ino, st.st_size, st.st_mtime_ns))


# The errors of a full disk or a read-only data folder, turned into one clear message.
_WRITE_ERRORS = {errno.ENOSPC: "full", errno.EDQUOT: "quota", errno.EROFS: "read_only",
                 errno.EACCES: "no_access", errno.EPERM: "no_access"}   # store.reason.*


def attach(con: duckdb.DuckDBPyConnection, path: Path | str, alias: str) -> None:
    """Attach the database file at `path` to `con`, read-only, as `alias` (a fixed name; the
    path is bound as a parameter, so a quote in it is data)."""
    con.execute(f"attach $path as {alias} (read_only)", {"path": str(path)})


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Store:
    """The snapshots of one data folder."""

    def __init__(self, data_dir: str | os.PathLike | None = None):
        self.root = config.data_dir(data_dir)
        self.snapshots_dir = self.root / "snapshots"
        self.pointer = self.root / "CURRENT"

    def path(self, snapshot_id: str) -> Path:
        return self.snapshots_dir / f"{snapshot_id}.duckdb"

    def ids(self) -> list[str]:
        """Ids of every complete snapshot, oldest first."""
        if not self.snapshots_dir.is_dir():
            return []
        found = (SNAPSHOT_RE.match(p.name) for p in self.snapshots_dir.iterdir())
        return sorted((m.group(1) for m in found if m), key=int)

    def current_id(self) -> str | None:
        """The id CURRENT names; None when there is no CURRENT (no data yet); DAMAGED_POINTER
        when it holds no id (cut off, empty, garbage): readers then fall back to the newest
        snapshot that opens, and the next write moves the pointer afresh."""
        try:
            value = self.pointer.read_bytes().decode("utf-8", errors="replace").strip()
        except FileNotFoundError:
            return None
        return value if ID_RE.fullmatch(value) else DAMAGED_POINTER

    def current(self) -> Snapshot:
        """The current snapshot; DataError with a clear message when there is none."""
        sid = self.current_id()
        if sid is None:
            raise DataError(t("store.none", root=self.root))
        path = self.path(sid)
        if not path.is_file():
            raise DataError(t("store.missing", snapshot=sid, path=path))
        return Snapshot(sid, path)

    def readable(self) -> Snapshot:
        """The snapshot readers use: the current one, or, when its file is missing or does not
        open (or the pointer names no snapshot), the newest earlier snapshot that opens, with
        `wanted` set to the current id. DataError when there is no data or none opens."""
        sid = self.current_id()
        if sid is None:
            self.current()   # raises the 'no data yet' message
            raise AssertionError("current() raises without a current snapshot")
        path = self.path(sid)
        if opens(path):
            return Snapshot(sid, path)
        earlier = [i for i in self.ids() if not sid.isdigit() or int(i) < int(sid)]
        for other in reversed(earlier):
            if opens(self.path(other)):
                return Snapshot(other, self.path(other), wanted=sid)
        state = t("store.state.missing" if not path.exists() else "store.state.unreadable")
        raise DataError(t("store.none_readable", snapshot=sid, state=state, path=path))

    @contextmanager
    def _write_lock(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _next_id(self) -> str:
        ids = self.ids()
        return f"{(int(ids[-1]) + 1 if ids else 1):04d}"

    def move_pointer(self, snapshot_id: str) -> None:
        """Point CURRENT at an existing snapshot, atomically (write, fsync, rename)."""
        if not self.path(snapshot_id).is_file():
            raise DataError(t("store.no_such", snapshot=snapshot_id))
        tmp = self.root / f".CURRENT.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(snapshot_id + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.pointer)
        _fsync_dir(self.root)

    def write(self, fill, **kwargs) -> str:
        """Build a new snapshot from the current one (or from snapshot `base`) plus `fill`,
        then make it current; see `_write`. A full disk or a read-only data folder gives a
        DataError with a clear message; the current snapshot stays as it was."""
        try:
            return self._write(fill, **kwargs)
        except (OSError, duckdb.IOException) as error:   # DuckDB's own write errors too
            problem = self.storage_error(error)
            if problem is None:
                raise
            raise problem from error

    def storage_error(self, error: Exception) -> DataError | None:
        """A clear DataError for a full disk or a read-only data folder, else None."""
        reason = _WRITE_ERRORS.get(getattr(error, "errno", None) or 0) or next(
            (r for code, r in _WRITE_ERRORS.items() if os.strerror(code) in str(error)), None)
        if reason is None:
            return None
        current = self.current_id()
        return DataError(t("store.write_failed", reason=t(f"store.reason.{reason}"), root=self.root)
                         + (t("store.kept", snapshot=current) if current
                            else t("store.unchanged")))

    def _write(
        self,
        fill: Callable[[duckdb.DuckDBPyConnection], dict[str, int]],
        *,
        action: str,
        user: str,
        meta: dict[str, str] | None = None,
        file_name: str | None = None,
        sha256: str | None = None,
        message: str | None = None,
        base: str | None = None,
    ) -> str:
        """The write itself: copy the base to a temporary file, fill it in one transaction,
        rename it, move the pointer.

        `fill` runs inside the transaction and returns the rows written per table.
        Returns the new snapshot id.
        """
        with self._write_lock():
            self.snapshots_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.snapshots_dir.glob(".*.tmp*"):   # left by a killed writer
                stale.unlink(missing_ok=True)
            if base is None and self.current_id() is not None:
                base = self.readable().id   # a broken current: base on the last good one
            new_id = self._next_id()
            tmp = self.snapshots_dir / f".{new_id}.{os.getpid()}.tmp"
            try:
                if base is not None:   # inside: a copy cut short by a full disk is removed too
                    shutil.copyfile(self.path(base), tmp)
                con = duckdb.connect(str(tmp), config=WRITE_CONFIG)
                con.execute("set enable_progress_bar = false")
                try:
                    con.execute(schema.text())
                    con.execute("begin transaction")
                    try:
                        rows = fill(con)
                        _write_meta(con, {   # first: the derived tables depend on as_of_date
                            **(meta or {}),
                            "snapshot_id": new_id,
                            "schema_version": schema.version(),
                            "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                            "base_snapshot_id": base or "",
                        })
                        derived.cluster_spend(con)
                        derived.rebuild_aggregates(con)
                        _log(con, action=action, user=user, file_name=file_name,
                             sha256=sha256, snapshot_id=new_id, rows=rows,
                             result="ok", message=message)
                        derived.materialize_views(con)
                        con.execute("commit")
                    except BaseException:
                        con.execute("rollback")
                        raise
                    con.execute("checkpoint")
                finally:
                    con.close()
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path(new_id))
                _fsync_dir(self.snapshots_dir)
            finally:
                tmp.unlink(missing_ok=True)
                Path(str(tmp) + ".wal").unlink(missing_ok=True)
            self.move_pointer(new_id)
            return new_id

    @property
    def attempts_file(self) -> Path:
        return self.root / "import_attempts.jsonl"

    def log_attempt(self, entry: dict) -> None:
        """Append one attempt (also a refused one, which makes no snapshot) to the
        append-only log next to the snapshots."""
        self.root.mkdir(parents=True, exist_ok=True)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str) + "\n"
        with open(self.attempts_file, "a", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def attempts(self) -> list[dict]:
        """Every logged attempt, oldest first. A line that does not read (a torn last line of a
        killed writer, garbage from a damaged disk) is skipped: see `damaged_attempts`."""
        return self._read_attempts()[0]

    def damaged_attempts(self) -> int:
        """How many lines of the attempts log do not read (skipped by `attempts`)."""
        return self._read_attempts()[1]

    def _read_attempts(self) -> tuple[list[dict], int]:
        try:
            lines = self.attempts_file.read_bytes().splitlines()
        except FileNotFoundError:
            return [], 0
        out, skipped = [], 0
        for line in lines:
            try:
                entry = json.loads(line.decode("utf-8"))
            except ValueError:
                entry = None
            if isinstance(entry, dict) and _is_time(entry.get("logged_at")):
                out.append(entry)
            elif line.strip():
                skipped += 1
        return out, skipped

    def needs_upgrade(self) -> bool:
        """True when the current snapshot was written with another schema than this code's."""
        return self.current_id() is not None and \
            self.meta().get("schema_version") != schema.version()

    def upgrade(self, user: str) -> str | None:
        """Rewrite the current snapshot with this code's schema (tables, views) as a new one;
        None when it is already current."""
        if not self.needs_upgrade():
            return None
        return self.write(lambda con: {}, action="upgrade", user=user,
                          message=f"Schema bijgewerkt naar versie {schema.version()}")

    def meta(self, snapshot_id: str | None = None) -> dict[str, str]:
        """The meta table of a snapshot (default: the current one)."""
        path = self.path(snapshot_id) if snapshot_id else self.readable().path
        with duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG) as con:
            return dict(con.execute("select key, value from meta").fetchall())


def _is_time(value) -> bool:
    """Whether `value` is a local ISO 8601 time, as the attempts log writes `logged_at`."""
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _write_meta(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    for key, value in values.items():
        con.execute(
            "insert or replace into meta (key, value) values ($key, $value)",
            {"key": key, "value": str(value)},
        )


def _log(con, *, action, user, file_name, sha256, snapshot_id, rows, result, message) -> None:
    con.execute(
        "insert into import_log select coalesce(max(log_id), 0) + 1, current_localtimestamp(), "
        "$user, $action, $file_name, $sha256, $snapshot_id, $rows, $result, $message "
        "from import_log",
        {"user": user, "action": action, "file_name": file_name, "sha256": sha256,
         "snapshot_id": snapshot_id, "rows": json.dumps(rows, sort_keys=True),
         "result": result, "message": message},
    )
