"""Loading real figures, all or nothing: read the file (read.py), check it (rules.py), then
write a new snapshot in one transaction and move the pointer (`Store.write`): rows replaced
per year for year tables, per key for master data. No change, no new snapshot. Every attempt
is logged (data/import_attempts.jsonl) and the raw file kept under data/raw/."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import duckdb

from ggu import config, paths
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.ingest import contract, provenance
from ggu.ingest.outcome import Outcome, Problem, Refused
from ggu.ingest.read import limit_mb, mb, read_source
from ggu.ingest.rules import quote, replaced, validate
from ggu.store.result import scalar
from ggu.store.snapshots import DataError, Store, attach

PAUSE_ENV = "GGU_IMPORT_TEST_PAUSE"   # test hook: a file to create, then sleep inside the load


def _filler(loaded: dict[str, contract.Table], staging: Path, store: Store,
            demo_ref: str | None):
    """Replace the rows the file replaces (contract.REPLACE_BY_YEAR, else by key); when the
    data was demo data, mark what of it remains (provenance.mark)."""
    def fill(con) -> dict[str, int]:
        attach(con, staging, "stg")
        pause = os.environ.get(PAUSE_ENV)
        rows = {}
        for name, tb in loaded.items():
            cols = ", ".join(quote(c.name) for c in tb.columns)
            con.execute(f"delete from main.{name} as t where "
                        f"{replaced(tb, 't', f'stg.ready_{name}')}")
            con.execute(f"insert into main.{name} ({cols}) select {cols} from stg.ready_{name}")
            rows[name] = scalar(con.execute(f"select count(*) from stg.ready_{name}"))
            if pause:   # test hook: the kill -9 test kills the process here, mid-load
                Path(pause).write_text(name)
                time.sleep(600)
        if demo_ref is not None:
            provenance.mark(con, store, demo_ref)
        return rows
    return fill


def _keep_raw(store: Store, path: Path, sha: str) -> None:
    """Keep the raw file (a folder as a zip) under its hash in data/raw/."""
    raw = store.root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    target = raw / (f"{sha}.xlsx" if path.is_file() else f"{sha}.zip")
    if target.exists():
        return
    tmp = raw / f".{sha}.{os.getpid()}.tmp"
    if path.is_file():
        shutil.copyfile(path, tmp)
    else:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(path.iterdir()):
                if f.is_file() and f.suffix.lower() == ".csv":
                    zf.write(f, f.name)
    os.replace(tmp, target)


def import_path(path: str | os.PathLike, data_dir=None, user: str | None = None,
                file_name: str | None = None, as_of: str | None = None) -> Outcome:
    """Import an .xlsx or a folder of CSV files: all or nothing. Never raises for a bad file:
    the Outcome says what happened; every attempt is logged."""
    path = Path(path)
    store = Store(data_dir)
    user = user or config.setting("user")
    outcome = Outcome("geweigerd", file_name or path.name)
    with tempfile.TemporaryDirectory(prefix="ggu-import-") as tmp:
        work = Path(tmp)
        try:
            source = read_source(path, work)
            outcome.sha256 = source.sha256
            outcome.notes = source.notes
            base = store.readable() if store.current_id() else None
            current = base.path if base else None
            staging = work / "staging.duckdb"
            loaded, problems, rows, changes = validate(source, staging, current)
            outcome.rows = rows
            if problems:
                raise Refused(problems)
            absent = [tb.sheet for tb in contract.tables() if tb.name not in loaded]
            if absent:
                outcome.notes.append(t("imp.note.absent", sheets=", ".join(absent)))
            outcome.changes = changes
            _keep_raw(store, path, source.sha256)
            if current is not None and not any(a or r for a, r in changes.values()):
                outcome.result = "ongewijzigd"
            else:
                demo_ref = provenance.reference(store, base.id if base else None)
                outcome.snapshot_id = store.write(
                    _filler(loaded, staging, store, demo_ref), action="import", user=user,
                    meta=_import_meta(staging, loaded, as_of, demo_ref is not None),
                    file_name=outcome.file_name,
                    sha256=source.sha256, message=t("imp.log_message", lang="nl",
                                                    name=outcome.file_name))
                outcome.result = "ok"
        except Refused as refused:
            outcome.result = "geweigerd"
            outcome.problems = refused.problems
        except DataError as error:   # a full disk, a read-only folder, no readable snapshot
            outcome.result = "geweigerd"
            outcome.problems = [Problem("internal", fields={"error": str(error)})]
        except (duckdb.Error, OSError, ValueError) as error:   # not foreseen: still no traceback
            storage = store.storage_error(error) if isinstance(error, OSError) else None
            outcome.result = "geweigerd"
            outcome.problems = [Problem("internal", fields={
                "error": str(storage) if storage else
                f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"})]
    try:
        _log_attempt(store, outcome, user)
    except OSError:   # a full disk or read-only folder: say so rather than fail
        outcome.notes.append(t("sec.log_failed"))
    return outcome


def _import_meta(staging: Path, loaded, as_of: str | None, into_demo: bool) -> dict[str, str]:
    """Meta of an imported snapshot: real data (or, into demo data, what provenance.mark says);
    figures up to the stated or last booking date."""
    meta = {"source": "import", "content_sha256": ""}
    if not into_demo:
        meta["is_demo"] = "false"
    if as_of:
        meta["as_of_date"] = as_of
    elif "spend" in loaded:
        with duckdb.connect(str(staging), read_only=True) as con:
            last = scalar(con.execute("select max(booking_date) from ready_spend"))
        if last:
            meta["as_of_date"] = last.isoformat()
    return meta


def _log_attempt(store: Store, outcome: Outcome, user: str) -> None:
    store.log_attempt({
        "logged_at": dt.datetime.now().isoformat(),
        "user_name": user,
        "action": "import",
        "file_name": outcome.file_name,
        "sha256": outcome.sha256,
        "snapshot_id": outcome.snapshot_id,
        "rows": outcome.rows,
        "result": outcome.result,
        "problems": len(outcome.problems),
        "message": outcome.problems[0].line("nl") if outcome.problems else outcome.summary("nl"),
    })


def import_bytes(data: bytes, name: str, data_dir=None, user: str | None = None) -> Outcome:
    """Import an uploaded file (bytes and its name), e.g. from the Beheer page."""
    safe = Path(name).name or "upload"
    limit = limit_mb("import_max_mb")
    if len(data) > limit * 1e6:
        outcome = Outcome("geweigerd", safe, problems=[Problem(
            "too_big", fields={"size": mb(len(data)), "limit": fmt.number(limit)})])
        _log_attempt(Store(data_dir), outcome, user or config.setting("user"))
        return outcome
    with tempfile.TemporaryDirectory(prefix="ggu-upload-") as work:
        ext = Path(safe).suffix[1:].lower()
        ext = ext if ext.isascii() and ext.isalnum() and len(ext) <= 8 else "bin"
        path = paths.inside(work, paths.file_name(Path(safe).stem, ext=ext))
        path.write_bytes(data)
        return import_path(path, data_dir, user=user, file_name=safe)
