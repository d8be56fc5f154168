"""The locks install what requirements*.txt pin, every package with its hashes: `make` installs
requirements*.lock with `pip install --require-hashes` (docs/architecture.md, "Tooling")."""
import re

import pytest

from ggu.config import ROOT

pytestmark = pytest.mark.unit

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(text: str) -> dict[str, str]:
    return {_name(m.group(1)): m.group(3) for m in PIN.finditer(text)}


def _requirements(path) -> str:
    text = path.read_text(encoding="utf-8")
    for included in re.findall(r"^-r\s+(\S+)", text, re.M):
        text += _requirements(path.parent / included)
    return text


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_the_lock_holds_every_pin_of_its_requirements_at_its_version(name):
    wanted = _pins(_requirements(ROOT / f"{name}.txt"))
    locked = _pins((ROOT / f"{name}.lock").read_text(encoding="utf-8"))
    assert {k: (v, locked.get(k)) for k, v in wanted.items() if locked.get(k) != v} == {}


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_every_locked_package_has_an_exact_version_and_hashes(name):
    text = (ROOT / f"{name}.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 3)[3])
    bare = [e.split()[0] for e in entries if e.strip()
            and not (PIN.match(e) and "--hash=sha256:" in e)]
    assert bare == []


def test_the_runtime_lock_agrees_with_the_test_lock():
    runtime = _pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    dev = _pins((ROOT / "requirements-dev.lock").read_text(encoding="utf-8"))
    assert {k: (v, dev.get(k)) for k, v in runtime.items() if dev.get(k) != v} == {}
