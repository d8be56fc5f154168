"""`python -m ggu site build`: the whole site from the current snapshot, in both languages.

Into the data folder (the default): one immutable build per snapshot in <data>/site/NNNN/,
written aside as NNNN.part and renamed when complete, then `site/current` (a symlink) switched
to it with one os.replace: a reader never sees half a build, a failed or killed build leaves
the current site as it was (its .part folder is removed by the next build), a build of an
unchanged snapshot (with unchanged published scenarios and program) is a no-op, and the last
KEEP builds are kept. With `out`: one build written into that folder (for an upload to object
storage).

The municipalities' pages and briefs (most of the work) are written by `workers` processes
while this process writes the other pages."""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
import types
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ggu import config
from ggu.plan import Plans
from ggu.site import compress, municipalities, opendata, pages, render, reports, search
from ggu.site.render import Site
from ggu.store import DataError, Store, files

KEEP = 3                       # builds kept in <data>/site/ (the current one among them)
CHUNKS_PER_WORKER = 4          # chunks of municipalities per worker and language
BUILD_FILE = "build.json"      # in every build: the snapshot and key it was built from


@dataclass
class Result:
    path: Path                 # the build's folder
    key: str
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0   # of this process and the workers together
    skipped: bool = False      # an unchanged snapshot: nothing built


def published(data_dir) -> list:
    """The published planning scenarios (never a concept), by name."""
    return sorted((s for s in Plans(data_dir).current() if s.is_published),
                  key=lambda s: s.name)


@functools.cache
def code_fingerprint() -> str:
    """The program that makes the pages: every file of ggu/ and queries/ (a new version of the
    dashboard publishes again, even of the same snapshot)."""
    digest = hashlib.sha256()
    for path in sorted((*(config.ROOT / "ggu").rglob("*"), *config.QUERIES_DIR.rglob("*"))):
        if path.is_file() and path.suffix in (".py", ".sql", ".html", ".css", ".js"):
            digest.update(path.relative_to(config.ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_key(snapshot_id: str, data_dir) -> str:
    """What a build is made of: the snapshot, the published scenarios' saved versions and the
    program's files."""
    scenarios = json.dumps([s.to_dict() for s in published(data_dir)], sort_keys=True,
                           default=str)
    made_of = f"{scenarios}\n{code_fingerprint()}"
    return f"{snapshot_id}-{hashlib.sha256(made_of.encode()).hexdigest()[:12]}"


def site_root(data_dir) -> Path:
    return config.data_dir(data_dir) / "site"


def current_build(data_dir) -> Path | None:
    link = site_root(data_dir) / "current"
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def _key_of(folder: Path | None) -> str | None:
    if folder is None:
        return None
    try:
        return json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))["key"]
    except (TypeError, OSError, ValueError, KeyError):
        return None


def build(data_dir=None, out=None, progress=None, workers: int = 2,
          base_url: str | None = None, made: dt.date | None = None) -> Result:
    """Build the site of the current snapshot (see the module's docstring). `progress(done,
    total, what)` is called as parts are done (Beheer shows it)."""
    store = Store(data_dir)
    snapshot = store.readable()
    key = build_key(snapshot.id, data_dir)
    if out is not None:
        return _build_into(Path(out), data_dir, snapshot, key, progress, workers, base_url, made)
    root = site_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataError("er loopt al een bouw van de site; probeer het straks opnieuw") \
                from None
        current = current_build(data_dir)
        if current is not None and _key_of(current) == key:
            return Result(current, key, skipped=True)
        for stale in root.glob("*.part"):          # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        numbers = [int(p.name) for p in root.iterdir() if p.name.isdigit()]
        name = f"{max(numbers, default=0) + 1:04d}"
        result = _build_into(root / name, data_dir, snapshot, key, progress, workers, base_url,
                             made)
        switch(root, name)
        prune(root)
        return result


def switch(root: Path, name: str) -> None:
    """Point site/current at the build `name`, atomically (a new symlink renamed over it)."""
    aside = root / f".current-{os.getpid()}"
    aside.unlink(missing_ok=True)
    os.symlink(name, aside)
    os.replace(aside, root / "current")


def prune(root: Path, keep: int = KEEP) -> None:
    """Remove all but the newest `keep` builds; never the current one."""
    current = (root / "current").resolve()
    builds = sorted((p for p in root.iterdir() if p.name.isdigit() and p.is_dir()),
                    key=lambda p: int(p.name))
    for old in builds[:-keep]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)


def _build_into(target: Path, data_dir, snapshot, key, progress, workers, base_url,
                made) -> Result:
    """Write one build into `target` (absent or empty): aside as target.part, then renamed."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DataError(f"{target} bestaat al en is niet leeg")
    part = target.with_name(target.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    started = time.monotonic()
    try:
        part.mkdir(parents=True)
        site = Site(out=part, base_url=base_url or config.setting("site_url"),
                    snapshot=snapshot.id, as_of=None, is_demo=False)
        cpu = time.process_time()
        count, worker_cpu = write_site(site, data_dir, snapshot.path, progress, workers,
                                       made or dt.date.today())
        finish(part)
        cpu = time.process_time() - cpu + worker_cpu
        (part / BUILD_FILE).write_text(json.dumps(
            {"key": key, "snapshot": snapshot.id, "pages": count,
             "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}),
            encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.rename(part, target)
    except OSError as error:   # a read-only folder, a full disk: one line, no half build left
        shutil.rmtree(part, ignore_errors=True)
        raise files.write_error(target, error) from None
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    return Result(target, key, pages=count, seconds=time.monotonic() - started,
                  cpu_seconds=cpu)


@contextlib.contextmanager
def plain_main():
    """A worker process first runs its parent's __main__ again (multiprocessing's forkserver and
    spawn), by module name or else by file. The build's workers need nothing from it, and a
    script run as __main__ by file (a Streamlit page script, also in AppTest, which leaves it
    there) must not run again in them: while they start, __main__ is a blank module."""
    main = sys.modules.get("__main__")
    if getattr(main, "__spec__", None) is not None or getattr(main, "__file__", None) is None:
        yield
        return
    assert main is not None
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def write_site(site: Site, data_dir, snapshot_path, progress, workers: int,
               made: dt.date) -> tuple[int, float]:
    """Every page of the site into site.out; returns the number of pages (both languages) and
    the CPU seconds of the workers."""
    f = pages.Figures(data_dir, str(snapshot_path))
    site.as_of, site.is_demo = f.meta["as_of_date"], bool(f.meta["is_demo"])
    render.copy_assets(site)
    municipalities.template_ok()
    year = f.brief_year
    if year is None:
        raise DataError("er is geen jaar met gegevens om te publiceren")
    codes = municipalities.codes(str(snapshot_path), year)
    size = max(1, len(codes) // max(1, workers * CHUNKS_PER_WORKER))
    chunks = [(lang, codes[i:i + size]) for lang in pages.LANGS
              for i in range(0, len(codes), size)]
    tell = progress or (lambda done, total, what: None)
    total, done, worker_cpu = len(chunks) + 1, 0, 0.0
    pool = ProcessPoolExecutor(max(1, workers),
                               mp_context=multiprocessing.get_context("forkserver"))
    try:
        with plain_main():   # the workers start at the submits
            futures = [pool.submit(municipalities.write_chunk, site, str(snapshot_path), year,
                                   lang, chunk, made) for lang, chunk in chunks]
        write_pages(site, f, str(snapshot_path), year, data_dir)
        done += 1
        tell(done, total, "pages")
        for future in futures:
            written, cpu = future.result()
            site.written.extend(written)
            worker_cpu += cpu
            done += 1
            tell(done, total, "municipalities")
    finally:   # on an error, the chunks not started are dropped: fail fast
        pool.shutdown(wait=True, cancel_futures=True)
    publish_data(site, data_dir, snapshot_path)
    write_extras(site, data_dir)
    return len(site.written), worker_cpu


def publish_data(site: Site, data_dir, snapshot_path) -> None:
    """The open data (/data/) from the build's snapshot and its page in both languages."""
    opendata.write(site.out, data_dir, snapshot_path)
    for lang in pages.LANGS:
        pages.write_data_page(site, lang, opendata.describe(lang))


def finish(out: Path) -> None:
    """The search index over the finished pages, then the precompressed files."""
    search.index(out)
    compress.precompress(out)


def write_pages(site: Site, f: pages.Figures, snapshot_path: str, year: int, data_dir) -> None:
    """The pages but the municipalities' own, in both languages."""
    use = f("item_use_by_year")
    goals = f("goal_allocation_by_year", year=f.complete_year or f.running_year)
    query = pages.plain_query(snapshot_path)
    scenarios = published(data_dir)
    for lang in pages.LANGS:
        extra = [reports.write_report(site, lang, y, query) for y in reversed(f.years)]
        extra += [reports.write_scenario(site, lang, s, query) for s in scenarios]
        pages.write_home(site, f, lang, extra)
        for y in f.years:
            pages.write_year(site, f, lang, y)
        for theme in sorted(f.items["theme"].unique()):
            pages.write_theme(site, f, lang, theme)
        for _, goal in goals.iterrows():
            pages.write_goal(site, f, lang, goal, f.complete_year or f.running_year or year)
        for _, item in f.items.iterrows():
            pages.write_product(site, f, lang, item, use)
        pages.write_decisions(site, f, lang)
        pages.write_lists(site, f, lang)
        municipalities.write_list(site, snapshot_path, year, lang)
    search.write_pages(site)
    pages.write_not_found(site)


def write_extras(site: Site, data_dir) -> None:
    """The root page, robots.txt and sitemap.xml."""
    (site.out / "index.html").write_text(
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        "<meta http-equiv='refresh' content='0; url=nl/'><title>GGU</title>"
        f"<link rel='canonical' href='{site.url('nl/index.html')}'></head>"
        "<body><p><a href='nl/'>Nederlands</a> · <a href='en/' lang='en'>English</a></p>"
        "</body></html>", encoding="utf-8")
    (site.out / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nDisallow: /embed/\nSitemap: {site.url('sitemap.xml')}\n",
        encoding="utf-8")
    (site.out / "sitemap.xml").write_text(sitemap(site), encoding="utf-8")


def sitemap(site: Site) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path, alternate in sorted(site.written):
        lines.append(f"<url><loc>{site.url(path)}</loc>")
        if alternate:
            lang, other = path.split("/", 1)[0], alternate.split("/", 1)[0]
            lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{site.url(path)}"/>'
                         f'<xhtml:link rel="alternate" hreflang="{other}" '
                         f'href="{site.url(alternate)}"/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
