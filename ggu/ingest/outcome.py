"""What an import attempt did: its problems (each with its place: sheet, row, column, value)
and its outcome, as text lines for the command line and as tables for the Beheer page."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ggu.i18n import t
from ggu.ingest import contract


@dataclass
class Problem:
    """One problem in a file, with its place as the user sees it."""
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    fields: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return t(f"imp.err.{self.code}", lang=lang, **self.fields)

    def place(self, lang: str | None = None) -> str:
        parts = [self.sheet] if self.sheet else []
        if self.row:
            parts.append(t("imp.row", lang=lang, row=self.row))
        if self.column:
            parts.append(t("imp.column", lang=lang, column=self.column))
        return ", ".join(parts)

    def line(self, lang: str | None = None) -> str:
        value = t("imp.value", lang=lang, value=self.value) if self.value is not None else ""
        place = self.place(lang)
        return f"{place}: {self.message(lang)}{value}" if place else self.message(lang) + value


class Refused(Exception):
    """The file is refused; nothing changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Outcome:
    """What an import attempt did."""
    result: str                      # ok | ongewijzigd | geweigerd
    file_name: str
    sha256: str | None = None
    snapshot_id: str | None = None
    rows: dict[str, int] = field(default_factory=dict)       # rows in the file per table
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)  # (added, removed)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)           # formulas, encodings, absent sheets

    def problem_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The problems as a table: sheet, row, column, value, problem."""
        return pd.DataFrame({
            t("imp.col.sheet", lang=lang): [p.sheet or "" for p in self.problems],
            t("imp.col.row", lang=lang): [str(p.row) if p.row else "" for p in self.problems],
            t("imp.col.column", lang=lang): [p.column or "" for p in self.problems],
            t("imp.col.value", lang=lang): [p.value if p.value is not None else ""
                                            for p in self.problems],
            t("imp.col.problem", lang=lang): [p.message(lang) for p in self.problems],
        })

    def change_frame(self, lang: str | None = None) -> pd.DataFrame:
        """Per table in the file: rows in the file, rows added or changed, rows replaced."""
        names = list(self.rows)
        return pd.DataFrame({
            t("imp.col.sheet", lang=lang): [contract.table(n).sheet for n in names],
            t("imp.col.rows", lang=lang): [self.rows[n] for n in names],
            t("imp.col.added", lang=lang): [self.changes.get(n, (0, 0))[0] for n in names],
            t("imp.col.removed", lang=lang): [self.changes.get(n, (0, 0))[1] for n in names],
        })

    def summary(self, lang: str | None = None) -> str:
        if self.result == "geweigerd":
            key = "imp.refused_one" if len(self.problems) == 1 else "imp.refused"
            return t(key, lang=lang, n=len(self.problems))
        if self.result == "ongewijzigd":
            return t("imp.unchanged", lang=lang)
        return t("imp.ok", lang=lang, snapshot=self.snapshot_id)

    def lines(self, lang: str | None = None) -> list[str]:
        """The outcome as text lines (the CLI prints these)."""
        out = [self.summary(lang)]
        out += [p.line(lang) for p in self.problems]
        if self.result != "geweigerd":
            out += [t("imp.change_line", lang=lang, sheet=contract.table(n).sheet, rows=rows,
                      added=self.changes.get(n, (0, 0))[0],
                      removed=self.changes.get(n, (0, 0))[1])
                    for n, rows in self.rows.items()]
        out += self.notes
        return out
