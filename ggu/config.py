"""All configuration in one place: environment variables with a default and a one-line help each."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.sql"
SEED_DIR = ROOT / "data" / "seed"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def get(self) -> str:
        return os.environ.get(self.name, self.default)


SETTINGS = {
    "data_dir": Setting("GGU_DATA_DIR", str(ROOT / "data"),
                        "Folder with snapshots/ and the CURRENT pointer."),
    "lang": Setting("GGU_LANG", "nl", "Default language of the interface (nl or en)."),
    "memory_limit": Setting("GGU_MEMORY_LIMIT", "1GB",
                            "Most memory DuckDB may use per process (it spills to disk beyond)."),
    "user": Setting("GGU_USER", os.environ.get("USER", "onbekend"),
                    "Name recorded in the import log for command-line actions."),
}


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit override, else GGU_DATA_DIR, else data/."""
    return Path(override) if override else Path(SETTINGS["data_dir"].get())


def setting(key: str) -> str:
    return SETTINGS[key].get()


# Domain constants that are code, not data (the norm itself is data: table split_norm).
CATEGORIES = ("structureel", "meerjarig", "kortcyclisch")
KINDS = ("product", "dienst", "standaard", "programma")
STATUSES = ("groen", "oranje", "rood")
FUNDING_SOURCES = ("fonds_ggu", "rijk", "overig")
INSTALMENTS = ("januari", "juli")
