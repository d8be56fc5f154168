"""File names made from data: the one function every file name that holds a value from the data
or a user (a CBS code, a municipality's or a scenario's name, an id) goes through, and the one
that puts such a name in a folder. Whatever the value, the name is one plain part: it never
holds a separator, `..`, a control character or a leading dot, is never empty and never too
long, so a file written with it (a council brief, an entry in a zip, a download, a scenario's
folder, a file of the static site) can never land outside its folder.

A bottom layer beside ggu.config: imports nothing of ggu.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_LENGTH = 120           # characters of a name, extension included
FALLBACK = "bestand"       # the name of a value with nothing usable in it
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")          # a dot only before the extension
_EXTENSION = re.compile(r"[a-z0-9]{1,8}")
# Names Windows refuses whatever their extension (a zip is unpacked there too).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}


def _part(value) -> str:
    """'Súdwest-Fryslân' -> 'Sudwest-Fryslan', '../../x' -> 'x', 'a/b c' -> 'a-b-c'."""
    ascii_ = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("-", ascii_).strip("-_")


def file_name(*parts, ext: str) -> str:
    """The parts (text from the data, numbers), each made safe, joined by '-', with the
    extension: file_name("GM0363", "amsterdam", ext="pdf") -> 'GM0363-amsterdam.pdf'. Empty
    parts are left out; a name with nothing left is 'bestand'."""
    if not _EXTENSION.fullmatch(ext):
        raise ValueError(f"not an extension: {ext!r}")
    stem = "-".join(p for p in map(_part, parts) if p) or FALLBACK
    stem = stem[:MAX_LENGTH - len(ext) - 1].rstrip("-_") or FALLBACK
    if stem.lower() in _RESERVED:
        stem += "_"
    return f"{stem}.{ext}"


def folder_name(*parts) -> str:
    """A folder's name from data (a scenario's folder in plans/): as file_name, without an
    extension."""
    return file_name(*parts, ext="x")[:-2]


def checked(name: str) -> str:
    """`name` itself when file_name or folder_name could have made it (an entry of a zip is
    checked with this); a ValueError for any other name."""
    plain = str(name).replace(".", "")
    if not plain or _UNSAFE.search(plain) or str(name).startswith(".") or ".." in str(name) \
            or len(str(name)) > MAX_LENGTH:
        raise ValueError(f"not a safe file name: {name!r}")
    return name


def inside(folder, name: str) -> Path:
    """`folder / name` for a name made by file_name or folder_name; a ValueError for any other
    name, or when the path would leave `folder` (a link in it pointing out)."""
    folder = Path(folder)
    path = folder / checked(name)
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} leaves {folder}")
    return path
