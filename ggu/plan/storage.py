"""The saved scenarios: one folder per scenario in the data folder (`plans/<slug>/`), one
immutable JSON file per version (`0001.json`, `0002.json`, ...); the highest is current.

A version is written to a temporary file, flushed to disk, then linked to its number with a
call that fails when that number exists: a crash mid-save leaves the earlier versions as they
were (at most a temporary file, ignored), and of two saves made from the same version only the
first lands; the second gets `Conflict`. The large snapshot is never copied.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from ggu import config
from ggu.i18n import t
from ggu.plan.scenario import BASIS, PlanError, Scenario, slug


class Conflict(PlanError):
    """Someone else saved this scenario since it was opened."""


class Plans:
    def __init__(self, data_dir=None):
        self.root = config.data_dir(data_dir) / "plans"

    def _dir(self, name: str) -> Path:
        return self.root / slug(name)

    def _versions(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("[0-9][0-9][0-9][0-9].json"))

    def current(self) -> list[Scenario]:
        """The current version of every saved scenario (basis, which is not saved, not among
        them), in folder order."""
        out = []
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            versions = self._versions(folder)
            if versions:
                out.append(Scenario.from_dict(
                    json.loads(versions[-1].read_text(encoding="utf-8"))))
        return out

    def published(self) -> list[Scenario]:
        """The latest published version of every saved scenario that has one: what a reader
        sees (a concept saved on top of a published version stays with its editors)."""
        out = []
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            for path in reversed(self._versions(folder)):
                scenario = Scenario.from_dict(json.loads(path.read_text(encoding="utf-8")))
                if scenario.is_published:
                    out.append(scenario)
                    break
        return out

    def names(self) -> list[str]:
        return [s.name for s in self.current()]

    def exists(self, name: str) -> bool:
        return name.lower() == BASIS or bool(self._versions(self._dir(name)))

    def load(self, name: str, version: int | None = None) -> Scenario | None:
        """The current (or a given) version of a saved scenario; None when there is none."""
        versions = self._versions(self._dir(name))
        if version is not None:
            versions = [p for p in versions if int(p.stem) == version]
        if not versions:
            return None
        return Scenario.from_dict(json.loads(versions[-1].read_text(encoding="utf-8")))

    def history(self, name: str) -> list[Scenario]:
        """Every saved version, oldest first."""
        return [Scenario.from_dict(json.loads(p.read_text(encoding="utf-8")))
                for p in self._versions(self._dir(name))]

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
            saved_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
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
