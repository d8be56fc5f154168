"""Faults: a missing or corrupt current snapshot, a pointer to nowhere, a full disk and a
read-only data folder during an import. Each gives a clear message on screen and in the CLI,
falls back to the last good snapshot where it can, and loses nothing."""
from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import build_tiny
from test_import import set_cell, tiny_sheets, write_xlsx
from test_pages import run_app

from ggu import cli
from ggu.config import ROOT
from ggu.ingest import load
from ggu.store import derived, loader, snapshots
from ggu.store.snapshots import Store

pytestmark = pytest.mark.sql


def two_snapshots(root: Path) -> Store:
    """The tiny data (0001, 2024 budget 1000) and a newer snapshot 0002 (budget 1100)."""
    store = build_tiny(root)
    store.write(lambda con: {"budget": con.execute(
        "update budget set budget_eur = budget_eur + 100 where item_id = 'A' and year = 2024"
    ).fetchone()[0]}, action="import", user="test")
    assert cli.summary(2024, root)["budget_eur"] == 1100.0
    return store


def fresh_process() -> None:
    """Forget the open connections, as a restarted or another app process has none (DuckDB
    keeps an open database in memory: a process that has the file open keeps reading it)."""
    loader.connection.cache_clear()
    gc.collect()


BREAKS = {
    "missing": lambda store: store.path("0002").unlink(),
    "corrupt": lambda store: store.path("0002").write_bytes(os.urandom(64 * 1024)),
    "truncated": lambda store: store.path("0002").write_bytes(
        store.path("0002").read_bytes()[:5000]),
    "pointer": lambda store: store.pointer.write_text("0009\n"),
}
# the snapshot read instead, and its 2024 budget: a pointer to nowhere falls back to the newest
GOOD = {"missing": ("0001", 1000.0), "corrupt": ("0001", 1000.0),
        "truncated": ("0001", 1000.0), "pointer": ("0002", 1100.0)}


def cli_here(capsys, *argv) -> tuple[int, str]:
    """`python -m ggu ...` in this process (where the fault is simulated): code, stderr."""
    code = cli.main(list(argv))
    return code, capsys.readouterr().err


def cli_run(*argv) -> tuple[int, str, str]:
    """`python -m ggu ...` in its own process, as an administrator runs it."""
    done = subprocess.run([sys.executable, "-m", "ggu", *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("fault", BREAKS)
def test_broken_current_falls_back_to_the_last_good_snapshot(fault, tmp_path, monkeypatch,
                                                             capsys):
    store = two_snapshots(tmp_path / "data")
    BREAKS[fault](store)
    fresh_process()
    wanted, (good, budget) = store.current_id(), GOOD[fault]
    assert loader.snapshot_id(store.root) == good
    assert cli.summary(2024, store.root)["budget_eur"] == budget   # the last good figures

    at = run_app(store.root, monkeypatch)   # no exception
    warning = " ".join(w.value for w in at.warning)
    assert f"snapshot {wanted}" in warning and f"snapshot {good}" in warning
    assert at.title[0].value.startswith("Overzicht")

    code, out, err = cli_run("summary", "--year", "2024", "--data-dir", str(store.root))
    assert code == 0 and f"snapshot {good}" in out
    assert f"huidige snapshot {wanted} ontbreekt of is onleesbaar" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("page", ["beheer", "portfolio", "bijdragen"])
def test_other_pages_run_on_the_fallback(page, tmp_path, monkeypatch):
    store = two_snapshots(tmp_path / "data")
    store.path("0002").unlink()
    at = run_app(store.root, monkeypatch, f"pages/{page}.py")
    assert at.title and any("snapshot 0001" in w.value for w in at.warning)


def test_nothing_readable_gives_a_clear_message(tmp_path, monkeypatch, capsys):
    store = build_tiny(tmp_path / "data")
    store.path("0001").write_bytes(b"garbage" * 1000)
    at = run_app(store.root, monkeypatch)
    assert "0001 is onleesbaar" in at.error[0].value
    code, _, err = cli_run("summary", "--year", "2024", "--data-dir", str(store.root))
    assert code == 1 and "0001 is onleesbaar" in err and "Traceback" not in err


def changed_workbook(tmp_path) -> Path:
    sheets = tiny_sheets()
    set_cell(sheets, "Begroting", 2, "Bedrag", Decimal("260.00"))   # A 2023: 250 -> 260
    del sheets["Totalen"]
    return write_xlsx(tmp_path / "change.xlsx", sheets)


@pytest.mark.slow
def test_import_onto_a_broken_current_bases_on_the_last_good(tmp_path, monkeypatch):
    store = two_snapshots(tmp_path / "data")
    store.path("0002").write_bytes(b"\0" * 4096)
    fresh_process()
    outcome = load.import_path(changed_workbook(tmp_path), store.root, user="test")
    assert outcome.result == "ok" and outcome.snapshot_id == "0003"
    assert store.meta()["base_snapshot_id"] == "0001"
    assert loader.fallback(store.root) is None
    at = run_app(store.root, monkeypatch)
    assert not any("0001" in w.value for w in at.warning)   # repaired: no fallback warning


def assert_nothing_changed(store: Store, ids: list[str]) -> None:
    assert store.ids() == ids and store.current_id() == ids[-1]
    assert not list(store.snapshots_dir.glob(".*.tmp*"))   # no half-written file left
    assert cli.summary(2024, store.root)["budget_eur"] == 1100.0


@pytest.mark.slow
def test_disk_full_during_an_import(tmp_path, monkeypatch, capsys):
    """Simulated: the copy of the base snapshot writes part of the file, then ENOSPC (as a
    full disk does). A tmpfs of a few MB needs mount rights this machine does not give."""
    store = two_snapshots(tmp_path / "data")
    workbook = changed_workbook(tmp_path)

    def full_copy(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(snapshots, "shutil", SimpleNamespace(copyfile=full_copy))
    outcome = load.import_path(workbook, store.root, user="test")
    assert outcome.result == "geweigerd"
    line = outcome.problems[0].line("nl")
    assert "de schijf is vol" in line and "blijven op snapshot 0002" in line
    assert_nothing_changed(store, ["0001", "0002"])
    assert store.attempts()[-1]["result"] == "geweigerd"   # the attempt is logged

    code, err = cli_here(capsys, "import", str(workbook), "--data-dir", str(store.root))
    assert code == 1 and "de schijf is vol" in err and "Traceback" not in err


def test_disk_full_inside_duckdb(tmp_path, monkeypatch):
    """DuckDB reports its own write errors as IOException: the same clear message."""
    import duckdb
    store = two_snapshots(tmp_path / "data")

    def fail(con):
        raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setattr(derived, "cluster_spend", fail)
    outcome = load.import_path(changed_workbook(tmp_path), store.root, user="test")
    assert "de schijf is vol" in outcome.problems[0].line("nl")
    assert_nothing_changed(store, ["0001", "0002"])


@pytest.fixture
def read_only(monkeypatch):
    """Make a data folder read-only. Tests run as root, whom chmod does not stop, and a
    read-only mount needs rights the machine does not give: every way the code writes into
    the folder (open, copy, rename, mkdir) fails with EROFS as a read-only file system does."""
    def make(root: Path):
        root = str(Path(root).resolve())

        def inside(path) -> bool:
            return str(Path(path).resolve()).startswith(root)

        def deny(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

        real_open, real_copy, real_replace, real_mkdir = open, shutil.copyfile, os.replace, \
            os.mkdir

        def ro_open(path, mode="r", *args, **kwargs):
            if inside(path) and any(c in mode for c in "wax+"):
                deny(path)
            return real_open(path, mode, *args, **kwargs)

        def ro_mkdir(path, *args, **kwargs):
            if inside(path):
                if Path(path).exists():
                    raise FileExistsError(errno.EEXIST, "exists", str(path))
                deny(path)
            return real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(snapshots, "open", ro_open, raising=False)
        monkeypatch.setattr(shutil, "copyfile",
                            lambda s, d, **k: deny(d) if inside(d) else real_copy(s, d, **k))
        monkeypatch.setattr(os, "replace",
                            lambda s, d, **k: deny(d) if inside(d) else real_replace(s, d, **k))
        monkeypatch.setattr(os, "mkdir", ro_mkdir)
    return make


@pytest.mark.slow
def test_read_only_data_folder_during_an_import(tmp_path, monkeypatch, capsys, read_only):
    store = two_snapshots(tmp_path / "data")
    workbook = changed_workbook(tmp_path)
    read_only(store.root)
    outcome = load.import_path(workbook, store.root, user="test")
    assert outcome.result == "geweigerd"
    assert "de gegevensmap is alleen-lezen" in outcome.problems[0].line("nl")
    assert any("niet in het logboek" in note for note in outcome.notes)
    assert_nothing_changed(store, ["0001", "0002"])

    code, err = cli_here(capsys, "import", str(workbook), "--data-dir", str(store.root))
    assert code == 1 and "alleen-lezen" in err and "Traceback" not in err
    at = run_app(store.root, monkeypatch)   # reading a read-only folder still works
    assert at.title[0].value == "Overzicht 2024"


def test_read_only_data_folder_in_the_store_write(tmp_path, read_only):
    """Also when the raw file is already kept: the snapshot write itself is refused."""
    store = two_snapshots(tmp_path / "data")
    read_only(store.root)
    with pytest.raises(snapshots.DataError, match="alleen-lezen.*snapshot 0002"):
        store.write(lambda con: {}, action="test", user="test")
    assert_nothing_changed(store, ["0001", "0002"])
