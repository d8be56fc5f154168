"""The saved scenarios: one folder per scenario in the data folder (`plans/<slug>/`), one
immutable JSON file per version (`0001.json`, `0002.json`, ...); the highest is current.

A version is written to a temporary file, flushed to disk, then linked to its number with a
call that fails when that number exists: a crash mid-save leaves the earlier versions as they
were (at most a temporary file, ignored), and of two saves made from the same version only the
first lands; the second gets `Conflict`. The large snapshot is never copied.

A version file that does not read (truncated, zero bytes, garbage, a field that does not hold)
is `Damaged`: the listing leaves that scenario out and names the file (`damaged()`), opening
that scenario raises `DamagedScenario` (one line naming the file); every other scenario works.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ggu import config, paths
from ggu.i18n import t
from ggu.plan.scenario import PlanError, Scenario, is_basis, slug
from ggu.store import DataError


class Conflict(PlanError):
    """Someone else saved this scenario since it was opened."""


@dataclass(frozen=True)
class Damaged:
    """A scenario whose current version file does not read: its folder, file and why."""
    folder: str
    path: Path
    reason: str        # a message key's last part: empty, json, content

    def message(self, lang: str | None = None, short: bool = False) -> str:
        """One line naming the file (`short`: from the data folder on, for the page)."""
        path = f"plans/{self.folder}/{self.path.name}" if short else self.path
        return t("plan.err.damaged", path=path, reason=t(f"plan.damaged.{self.reason}",
                                                              lang=lang), lang=lang)


class DamagedScenario(DataError):
    """A version file of the scenario asked for does not read (exit code 1 on the CLI)."""

    def __init__(self, damaged: Damaged):
        super().__init__(damaged.message())
        self.damaged = damaged


def _read(path: Path) -> Scenario:
    """The scenario in one version file; DamagedScenario when it does not read."""
    try:
        raw = path.read_bytes()
        if not raw.strip():
            raise DamagedScenario(Damaged(path.parent.name, path, "empty"))
        try:
            content = json.loads(raw.decode("utf-8"))
        except ValueError:   # not UTF-8, not JSON: truncated or garbage
            raise DamagedScenario(Damaged(path.parent.name, path, "json")) from None
        return Scenario.from_dict(content)
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError):
        raise DamagedScenario(Damaged(path.parent.name, path, "content")) from None


class Plans:
    def __init__(self, data_dir=None):
        self.root = config.data_dir(data_dir) / "plans"

    def _dir(self, name: str) -> Path:
        return paths.inside(self.root, paths.folder_name(slug(name)))

    def _versions(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("[0-9][0-9][0-9][0-9].json"))

    def scan(self) -> tuple[list[Scenario], list[Damaged]]:
        """The current version of every saved scenario that reads (basis, which is not saved,
        not among them), in folder order; and the scenarios whose current version does not."""
        good, bad = [], []
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            versions = self._versions(folder)
            if versions:
                try:
                    good.append(_read(versions[-1]))
                except DamagedScenario as error:
                    bad.append(error.damaged)
        return good, bad

    def current(self) -> list[Scenario]:
        """The current version of every saved scenario that reads (see `scan`)."""
        return self.scan()[0]

    def damaged(self) -> list[Damaged]:
        """The saved scenarios whose current version file does not read (see `scan`)."""
        return self.scan()[1]

    def published(self) -> list[Scenario]:
        """The latest published version of every saved scenario that has one: what a reader
        sees (a concept saved on top of a published version stays with its editors)."""
        out = []
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            for path in reversed(self._versions(folder)):
                try:
                    scenario = _read(path)
                except DamagedScenario:   # left out, as in `scan`: no older version instead
                    break
                if scenario.is_published:
                    out.append(scenario)
                    break
        return out

    def names(self) -> list[str]:
        return [s.name for s in self.current()]

    def exists(self, name: str) -> bool:
        return is_basis(name) or bool(self._versions(self._dir(name)))

    def load(self, name: str, version: int | None = None) -> Scenario | None:
        """The current (or a given) version of a saved scenario; None when there is none,
        DamagedScenario when its file does not read."""
        versions = self._versions(self._dir(name))
        if version is not None:
            versions = [p for p in versions if int(p.stem) == version]
        if not versions:
            return None
        return _read(versions[-1])

    def history(self, name: str) -> list[Scenario]:
        """Every saved version, oldest first."""
        return [_read(p) for p in self._versions(self._dir(name))]

    def save(self, scenario: Scenario, user: str) -> Scenario:
        """Save `scenario` as the version after `scenario.version` (0: a new scenario). Refused
        with Conflict when that version exists: someone saved since it was opened."""
        if scenario.is_basis:
            raise PlanError(t("plan.err.basis"))
        folder = self._dir(scenario.name)
        number = scenario.version + 1
        current = self.load(scenario.name)
        if scenario.version == 0 and current is not None:
            raise PlanError(t("plan.err.exists", name=scenario.name))
        if current is not None and current.name != scenario.name:
            raise PlanError(t("plan.err.exists", name=current.name))
        saved = scenario.replace(
            version=number, saved_by=user,
            saved_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".saving-", suffix=".json")
        try:
            os.chmod(tmp, 0o644)   # readable like the snapshots (mkstemp makes it private)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(saved.to_dict(), f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, folder / f"{number:04d}.json")   # fails when the version exists
            except FileExistsError:
                latest = self.load(scenario.name)
                raise Conflict(t("plan.err.conflict", name=scenario.name,
                                 user=latest.saved_by if latest else "?",
                                 at=latest.saved_at if latest else "?")) from None
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        finally:
            os.unlink(tmp)
        return saved
