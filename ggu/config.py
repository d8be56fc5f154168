"""All configuration in one place: the project's paths, and environment variables with a default
and a one-line help each. The bottom layer: imports nothing of ggu."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
SEED_DIR = ROOT / "data" / "seed"
# Served by Streamlit at /app/static/ (server.enableStaticServing): the plotly.js bundles.
STATIC_DIR = ROOT / "static"
NODE_MODULES = ROOT / "node_modules"


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
    "import_max_mb": Setting("GGU_IMPORT_MAX_MB", "100",
                             "Largest file (or CSV folder) an import accepts, in MB."),
    "import_max_unzipped_mb": Setting("GGU_IMPORT_MAX_UNZIPPED_MB", "500",
                                      "Largest declared uncompressed size of an .xlsx, in MB."),
    "import_max_zip_ratio": Setting("GGU_IMPORT_MAX_ZIP_RATIO", "200",
                                    "Highest compression ratio of a part of an .xlsx (zip bomb)."),
    "require_login": Setting("GGU_REQUIRE_LOGIN", "false",
                             "true: every page asks for the Beheer login, not only Beheer."),
    "admin_password_hash": Setting("GGU_ADMIN_PASSWORD_HASH", "",
                                   "Hash of the Beheer password (python -m ggu hash-password); "
                                   "secrets [beheer] password_hash wins."),
    "admins": Setting("GGU_ADMINS", "",
                      "Comma-separated e-mail addresses allowed into Beheer with OIDC login; "
                      "secrets [beheer] admins wins."),
    "college": Setting("GGU_COLLEGE", "",
                       "Comma-separated e-mail addresses with the role college (OIDC login); "
                       "secrets [roles] college wins."),
    "site_url": Setting("GGU_SITE_URL", "http://127.0.0.1:8080/",
                        "Public address of the static site (canonical URLs, hreflang, sitemap)."),
    "roles_claim": Setting("GGU_ROLES_CLAIM", "roles",
                           "The OIDC claim that names a user's role (college, beheer); "
                           "secrets [roles] claim wins."),
}


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit override, else GGU_DATA_DIR, else data/."""
    return Path(override) if override else Path(SETTINGS["data_dir"].get())


def setting(key: str) -> str:
    return SETTINGS[key].get()


# Years an import accepts (in year columns and in dates).
IMPORT_YEARS = (2000, 2100)
