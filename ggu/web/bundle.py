"""The plotly.js the dashboard's charts load, served by Streamlit from static/.

`python -m ggu.web.bundle` (run by `make run` and `make test` where npm is installed) builds our
bundle with esbuild from plotly.js's source, both as locked in package-lock.json: plotly.js's
core and the trace types the charts draw (plotly_bundle.js: bar, scatter, pie, treemap; 1.3 MB,
as quick to load as plotly.js's basic bundle, where the full one takes 1.4 s). A chart of any
other trace type loads the full bundle that comes with plotly.py (4.8 MB), copied beside it.
Both are the plotly.js version plotly.py writes its figures for; their names carry it, and ours
a hash of its content, so a browser never mixes a cached old bundle with new figures.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ggu import config
from ggu.store.snapshots import DataError

TRACES = frozenset({"bar", "scatter", "pie", "treemap"})   # what plotly_bundle.js registers
ENTRY = Path(__file__).resolve().parent / "plotly_bundle.js"
# plotly.js's own build settings (its esbuild-config.js), minified; the CSS that plotly.js
# imports for map traces (which we do not draw) left out.
log = logging.getLogger("ggu.web")
ESBUILD_ARGS = ["--bundle", "--minify", "--format=iife", "--global-name=Plotly",
                "--target=es2016", "--define:global=window", "--define:define.amd=false",
                "--define:process.env.NODE_DEBUG=false", "--loader:.css=empty",
                "--log-level=error"]


def plotly_version() -> str:
    """The plotly.js version plotly.py writes its figures for (and ships the full bundle of)."""
    from plotly.offline import get_plotlyjs_version
    return get_plotlyjs_version()


def _full_name() -> str:
    return f"plotly-{plotly_version()}.min.js"


def _check_sources() -> Path:
    """esbuild, after checking that plotly.js's source is the version plotly.py writes for."""
    package = config.NODE_MODULES / "plotly.js" / "package.json"
    esbuild = config.NODE_MODULES / ".bin" / "esbuild"
    if not package.exists() or not esbuild.exists():
        raise DataError(f"plotly.js of esbuild ontbreekt in {config.NODE_MODULES}: "
                        "installeer ze met 'npm ci' (of 'make run')")
    found = json.loads(package.read_text(encoding="utf-8"))["version"]
    if found != plotly_version():
        raise DataError(f"plotly.js is versie {found}, maar plotly.py schrijft grafieken voor "
                        f"plotly.js {plotly_version()}: zet die versie in package.json en voer "
                        "'npm install' uit")
    return esbuild


def install() -> list[Path]:
    """Build our bundle and copy the full one into static/, then remove other bundles; return
    their paths. Whole files only: each is written aside, then renamed."""
    esbuild, static_dir = _check_sources(), config.STATIC_DIR
    static_dir.mkdir(exist_ok=True)
    built = static_dir / ".plotly-ggu.js.tmp"
    banner = (f"/*! plotly.js v{plotly_version()} ({', '.join(sorted(TRACES))}), built for the "
              "GGU Portfoliodashboard | Copyright Plotly, Inc. | MIT License */")
    command = [str(esbuild), str(ENTRY), *ESBUILD_ARGS, f"--banner:js={banner}",
               f"--outfile={built}"]
    result = subprocess.run(command,  # noqa: S603 (node_modules' esbuild, an argv list)
                            cwd=config.ROOT, capture_output=True, text=True,
                            env={**os.environ, "NODE_PATH": str(config.NODE_MODULES)})
    if result.returncode != 0:
        built.unlink(missing_ok=True)
        raise DataError(f"esbuild kon de plotly.js-bundel niet bouwen: {result.stderr.strip()}")
    digest = hashlib.sha256(built.read_bytes()).hexdigest()[:10]
    ours = static_dir / f"plotly-ggu-{plotly_version()}-{digest}.min.js"
    os.replace(built, ours)
    import plotly
    full = static_dir / _full_name()
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                    static_dir / f".{full.name}.tmp")
    os.replace(static_dir / f".{full.name}.tmp", full)
    for old in static_dir.glob("plotly*.min.js"):
        if old not in (ours, full):
            old.unlink()
    return [ours, full]


def url(trace_types: set[str]) -> str | None:
    """The page-relative URL of our bundle when it draws these trace types, else of the full
    one; None when they are not installed or damaged (the chart then falls back to Streamlit's
    own)."""
    if trace_types <= TRACES:
        found = sorted(config.STATIC_DIR.glob(f"plotly-ggu-{plotly_version()}-*.min.js"))
        name = found[-1].name if found and _intact(found[-1]) else None
    else:
        full = config.STATIC_DIR / _full_name()
        name = full.name if full.exists() and _intact(full) else None
    return f"./app/static/{name}" if name else None


def _intact(path: Path) -> bool:
    """Whether a bundle in static/ is whole: ours has the hash its name carries, the full one
    equals plotly.py's copy. A damaged one (cut off by a full disk, garbage) is logged in one
    line naming the file, once per state of the file."""
    stat = path.stat()
    return _check(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _check(path: Path, size: int, mtime_ns: int) -> bool:
    content = path.read_bytes()
    if path.name.startswith("plotly-ggu-"):
        whole = path.name.endswith(f"-{hashlib.sha256(content).hexdigest()[:10]}.min.js")
    else:
        import plotly
        source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        whole = source.stat().st_size == size and source.read_bytes() == content
    if not whole:
        log.warning("plotly.js-bundel %s is beschadigd (de inhoud klopt niet); de grafieken "
                    "gebruiken Streamlits eigen plotly.js tot 'python -m ggu.web.bundle' hem "
                    "opnieuw bouwt", path)
    return whole


def main() -> int:
    """`python -m ggu.web.bundle`: build the bundle into static/ and say what was written."""
    try:
        for path in install():
            print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    except DataError as error:
        print(f"ggu: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
