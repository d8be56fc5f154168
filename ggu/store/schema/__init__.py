"""The schema of a snapshot: the SQL files of this folder, run in this order on every write.

tables.sql     the tables: rows as imported, and the tables derived when a snapshot is written
views.sql      the views queries/ read
measures.sql   every measure and order once, as macros (realised %, share, partial year, ...)
forecast.sql   the year-end forecast of every item-year
status.sql     status through time: an item's status on a date (status_at), per year
exceptions.sql the exception rules each item breaks in a year
units.sql      price index, units (euro, per inhabitant, constant euro), funding attribution,
               and the explorer's filters as table macros
plan.sql       the planning of the coming years: a scenario's lines and fund, as table macros
attribution.sql what each municipality gets: the items it uses, their Fonds GGU spending
               shared by inhabitants (largest remainder, to the cent)
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

DIR = Path(__file__).resolve().parent
FILES = ("tables", "views", "measures", "forecast", "status", "exceptions", "units", "plan",
         "attribution")


@functools.lru_cache(maxsize=1)
def text() -> str:
    """The whole schema as one SQL script."""
    return "\n".join((DIR / f"{name}.sql").read_text(encoding="utf-8") for name in FILES)


def part(name: str) -> str:
    """One file of the schema (e.g. 'tables')."""
    return (DIR / f"{name}.sql").read_text(encoding="utf-8")


def up_to(name: str) -> str:
    """The schema's files up to and including `name` (what that file needs to be created)."""
    return "\n".join(part(f) for f in FILES[:FILES.index(name) + 1])


def version() -> str:
    """A fingerprint of the schema: a snapshot written with another one needs an upgrade."""
    return hashlib.sha256(text().encode("utf-8")).hexdigest()[:12]
