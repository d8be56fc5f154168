"""The plotly.js bundles the dashboard's charts load, served by Streamlit from static/.

A chart of bars, lines and pies loads plotly.js's basic bundle (1.2 MB, from the npm registry
as locked in package-lock.json); any other chart (the treemap) the full bundle that comes with
plotly.py (4.7 MB). Both are the plotly.js version plotly.py writes its figures for, and carry
it in their file name, so a browser never mixes a cached old bundle with new figures.
`python -m ggu assets` (run by `make run` and `make test`) puts them in place.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ggu import config
from ggu.snapshots import DataError

BASIC_TRACES = frozenset({"bar", "scatter", "pie"})   # what plotly.js-basic-dist-min holds
_BASIC_PACKAGE = "plotly.js-basic-dist-min"


def plotly_version() -> str:
    """The plotly.js version plotly.py writes its figures for (and ships the full bundle of)."""
    from plotly.offline import get_plotlyjs_version
    return get_plotlyjs_version()


def _files() -> dict[str, tuple[Path, str]]:
    """Bundle -> (source file, file name under static/)."""
    import plotly
    version = plotly_version()
    return {
        "basic": (config.NODE_MODULES / _BASIC_PACKAGE / "plotly-basic.min.js",
                  f"plotly-basic-{version}.min.js"),
        "full": (Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                 f"plotly-{version}.min.js"),
    }


def install() -> list[Path]:
    """Copy both bundles into static/, then remove other versions; return their paths."""
    files, static_dir = _files(), config.STATIC_DIR
    package = config.NODE_MODULES / _BASIC_PACKAGE / "package.json"
    if not package.exists():
        raise DataError(f"{_BASIC_PACKAGE} ontbreekt in {config.NODE_MODULES}: "
                        "installeer het met 'npm ci' (of 'make run')")
    found = json.loads(package.read_text(encoding="utf-8"))["version"]
    if found != plotly_version():
        raise DataError(f"{_BASIC_PACKAGE} is versie {found}, maar plotly.py schrijft "
                        f"grafieken voor plotly.js {plotly_version()}: zet die versie in "
                        "package.json en voer 'npm install' uit")
    static_dir.mkdir(exist_ok=True)
    for source, name in files.values():   # whole files only: copied aside, then renamed
        shutil.copyfile(source, static_dir / f".{name}.tmp")
        os.replace(static_dir / f".{name}.tmp", static_dir / name)
    wanted = {name for _, name in files.values()}
    for old in static_dir.glob("plotly*.min.js"):
        if old.name not in wanted:
            old.unlink()
    return [static_dir / name for _, name in files.values()]


def bundle_url(trace_types: set[str]) -> str | None:
    """The page-relative URL of the smallest bundle that draws these trace types, or None when
    the bundles are not installed (the chart then falls back to Streamlit's own Plotly)."""
    _, name = _files()["basic" if trace_types <= BASIC_TRACES else "full"]
    return f"./app/static/{name}" if (config.STATIC_DIR / name).exists() else None
