"""Council briefs as files: one PDF, a folder with one PDF per municipality, or one zip for the
VNG's mailing (every brief and a CSV of the figures in each). `python -m ggu raadsbrief`."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from ggu import paths, store
from ggu.i18n import t
from ggu.report import brief
from ggu.report.brief_pdf import render_all, render_brief
from ggu.store import DataError, files


class BriefError(ValueError):
    """A request that cannot be met as asked (an unknown municipality, a wrong file name): the
    command line reports it as a usage error."""


def csv_name(year: int) -> str:
    return paths.file_name("raadsbrieven", year, ext="csv")


def find(municipalities, wanted: str) -> tuple[str, str] | None:
    """(CBS code, name) of the municipality given by code (GM0363) or name (Amsterdam), among
    `municipalities` (a frame with cbs_code and name)."""
    key = wanted.strip().casefold()
    for code, name in zip(municipalities["cbs_code"], municipalities["name"]):
        if key in (code.casefold(), name.casefold()):
            return code, name
    return None


def write_one(year: int, cbs_code: str, out: Path, data_dir=None, lang: str = "nl",
              made: dt.date | None = None) -> brief.Brief:
    one = brief.build(year, cbs_code, data_dir, lang=lang, made=made)
    files.write_bytes(out, render_brief(one))
    return one


def write_all(year: int, out: Path, data_dir=None, lang: str = "nl", workers: int = 2,
              made: dt.date | None = None) -> int:
    """Every municipality's brief of `year`: into the folder `out` (created when missing), or
    into one zip when `out` ends in .zip; with the CSV of their figures. Returns the count."""
    figures = brief.figures_of(year, lambda name, **p: store.query(name, data_dir, **p))
    briefs = brief.build_all(figures, lang, made)
    table = brief.figures(figures, lang)
    if out.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in render_all(briefs, workers):
                archive.writestr(paths.checked(name), content)
            archive.writestr(csv_name(year), table)
        files.write_bytes(out, buffer.getvalue())   # a zip is there complete, or not at all
    else:   # each brief whole, or not there
        files.make_folder(out)
        for name, content in render_all(briefs, workers):
            files.write_bytes(paths.inside(out, name), content)
        files.write_bytes(paths.inside(out, csv_name(year)), table)
    return len(briefs)


def run(year: int, wanted: str, out, data_dir=None, lang: str = "nl", workers: int = 2) -> str:
    """`python -m ggu raadsbrief`: the brief of the municipality `wanted` (CBS code or name)
    into a .pdf, or with 'alle' every brief into a folder or a .zip. Returns what was done,
    in Dutch (the command line's language)."""
    out = Path(out)
    try:
        if wanted.strip().casefold() == "alle":
            if out.suffix.lower() == ".pdf":
                raise BriefError(t("rb.err.all_out", lang="nl"))
            n = write_all(year, out, data_dir, lang=lang, workers=workers)
            return t("rb.written", lang="nl", n=n, year=year, out=out)
        if out.suffix.lower() != ".pdf":
            raise BriefError(t("rb.err.pdf_out", lang="nl", out=out))
        found = find(store.query("contribution_by_municipality", data_dir, year=year), wanted)
        if found is None:
            raise BriefError(t("rb.err.unknown", lang="nl", wanted=wanted, year=year))
        write_one(year, found[0], out, data_dir, lang=lang)
    except OSError as error:
        raise DataError(t("rb.err.write", lang="nl", out=out, reason=error.strerror)) from None
    return t("rb.written_one", lang="nl", year=year, name=found[1], out=out)
