"""Every command that writes a file reports a missing folder, a read-only folder and a full disk
in one line naming the path, with exit code 1, and leaves no partial file behind (issue 25).

Real faults, not simulated ones: the tests run as root, which ignores file permissions, so a
read-only folder is a small tmpfs remounted read-only (`mount -o remount,ro`), and a full disk a
64 KB tmpfs filled up before the command runs. The commands run as an administrator runs them,
in their own process, so that anything printed at exit (a library's clean-up) is seen too."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import build_tiny

from ggu.config import ROOT
from ggu.plan import Plans, Scenario

pytestmark = [pytest.mark.sql, pytest.mark.slow]

# Every writing command of `python -m ggu`, with OUT where its file goes.
COMMANDS = {
    "export": ["export", "OUT.xlsx"],
    "template": ["template", "OUT.xlsx"],
    "plan export": ["plan", "export", "s1", "--out", "OUT.xlsx"],
    "report": ["report", "--year", "2024", "--format", "html", "--out", "OUT.html"],
    "report scenario": ["report", "--scenario", "s1", "--format", "html", "--out", "OUT.html"],
    "raadsbrief": ["raadsbrief", "--year", "2024", "--gemeente", "GM0001", "--out", "OUT.pdf"],
    "raadsbrief zip": ["raadsbrief", "--year", "2024", "--gemeente", "alle", "--out", "OUT.zip"],
    "raadsbrief folder": ["raadsbrief", "--year", "2024", "--gemeente", "alle", "--out", "OUT"],
    "site build": ["site", "build", "--out", "OUT"],
}
REASON = {"missing": "bestaat niet", "read-only": "alleen-lezen", "full": "de schijf is vol"}
OLD = b"the file of an earlier run\n"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("writes") / "data"
    build_tiny(path)
    Plans(path).save(Scenario("s1", Decimal("3.25")), "test")
    return path


@pytest.fixture
def tmpfs(tmp_path):
    """A 64 KB tmpfs of its own; unmounted afterwards. A test that cannot mount fails."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mount)],
                   check=True, capture_output=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True, capture_output=True)


def fill(folder) -> None:
    """Fill the file system of `folder` to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        try:
            while True:
                fh.write(b"\0")
        except OSError as error:
            assert error.errno == errno.ENOSPC


def listing(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))} if folder.exists() else {}


def run(argv, data) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ggu", *argv, "--data-dir", str(data)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("fault", ["missing", "read-only", "full"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_write_error_is_one_line_and_leaves_no_partial_file(command, fault, data, tmp_path,
                                                               tmpfs):
    argv = COMMANDS[command]
    name = argv[-1]
    folder = tmp_path / "missing" if fault == "missing" else tmpfs
    out = folder / name
    if fault != "missing" and not name.endswith("OUT"):   # an earlier run's file stays as it was
        out.write_bytes(OLD)
    if fault == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    elif fault == "full":
        fill(tmpfs)
    before = listing(folder)

    done = run([*argv[:-1], str(out)], data)

    if command == "site build" and fault == "missing":   # a folder is made when missing
        assert done.returncode == 0, done.stderr
        assert (out / "nl" / "index.html").is_file() and (out / "data").is_dir()
        return
    if command == "raadsbrief folder" and fault == "missing":   # a folder is made when missing
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in out.iterdir()) == ["GM0001-eerstedorp.pdf",
                                                         "GM0002-tweestad.pdf",
                                                         "raadsbrieven-2024.csv"]
        return
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr   # no "Exception ignored ...", no traceback
    assert lines[0].startswith("ggu: kan ") and REASON[fault] in lines[0], lines[0]
    assert str(out) in lines[0], lines[0]
    after = listing(folder)
    if command == "raadsbrief folder" and fault == "full":   # the folder, but no brief in it
        assert after.pop(f"{name}") == b"<dir>" and not any(k.startswith(name) for k in after)
    assert after == before   # no temporary or half file; an earlier file unchanged


def test_the_helper_replaces_a_file_whole(tmp_path):
    """files.write_bytes (the one helper every command uses): the new content replaces the old
    one in one rename, and no temporary file stays."""
    from ggu.store import files
    target = tmp_path / "rapport.html"
    target.write_bytes(OLD)
    files.write_bytes(target, b"<p>nieuw</p>")
    assert target.read_bytes() == b"<p>nieuw</p>"
    assert os.listdir(tmp_path) == ["rapport.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
