"""Precompressed files for the web server: `precompress(out_dir)` writes `<file>.gz` next to
every text file of a build (HTML, CSS, JS, JSON, CSV, SVG, XML, TXT), so nginx serves them with
`gzip_static on` without compressing per request (deploy/nginx.conf).

Deterministic (no file name or time in the gzip header): a build of the same files gives the
same bytes. A .gz that would not be smaller than its file is not written.
"""
from __future__ import annotations

import gzip
from pathlib import Path

SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".csv", ".svg", ".xml", ".txt",
                      ".map", ".webmanifest"})
MIN_BYTES = 256   # smaller files are not worth a second file


def precompress(out_dir: Path, level: int = 9) -> int:
    """Write `<file>.gz` beside every text file of out_dir (recursively); returns how many."""
    written = 0
    for path in sorted(Path(out_dir).rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        packed = gzip.compress(data, compresslevel=level, mtime=0)
        if len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            written += 1
    return written
