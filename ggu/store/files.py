"""Writing a file a command makes for its user (an export, the template, a report, a council
brief, a scenario's workbook): whole or not at all, and a failure in one line.

Every such file is made in memory first and then handed to `write_bytes`, which writes it to a
temporary file in the same folder (`.<name>.<random>.tmp`), flushes it to disk and renames it
over the target with os.replace: a reader (or a mail merge) never sees half a file, a full disk
or a crash leaves at most the earlier file, and the temporary file is removed on any error. A
folder that does not exist, a read-only folder, a full disk or a missing permission becomes a
`WriteError` (a DataError: exit code 1 on the command line) naming the path, in plain Dutch.
Making the file in memory first also keeps a library's own clean-up out of the way: an
openpyxl workbook saved to a path that cannot be opened printed hundreds of lines of
"Exception ignored ... LxmlSyntaxError" (openpyxl 3.1, lxml 6).
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ggu.i18n import t
from ggu.store.snapshots import DataError

# errno -> the reason's message key (ggu/i18n/messages/security.py: file.reason.*)
_REASONS = {
    errno.ENOENT: "missing", errno.ENOTDIR: "missing", errno.ENOSPC: "full",
    errno.EDQUOT: "full", errno.EFBIG: "full", errno.EROFS: "read_only",
    errno.EACCES: "no_access", errno.EPERM: "no_access", errno.EISDIR: "is_folder",
}


class WriteError(DataError):
    """A file that could not be written: one line naming it, nothing half written left."""


def write_error(path, error: OSError, lang: str | None = "nl") -> WriteError:
    """The one line for an OSError while writing `path` (the command line speaks Dutch)."""
    path = Path(path)
    key = _REASONS.get(error.errno or 0)
    reason = t(f"file.reason.{key}", folder=path.parent, lang=lang) if key \
        else (error.strerror or type(error).__name__)
    return WriteError(t("file.write_failed", path=path, reason=reason, lang=lang))


def write_bytes(path, content: bytes, lang: str | None = "nl") -> Path:
    """Write `content` to `path` whole (temporary file in the same folder, fsync, os.replace)
    or not at all; WriteError naming the path when it cannot be written."""
    path = Path(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)   # readable like any file the user writes (mkstemp: private)
        os.replace(tmp, path)
        tmp = None
    except OSError as error:
        raise write_error(path, error, lang) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path


def make_folder(path, lang: str | None = "nl") -> Path:
    """Create the folder `path` (and its parents) when missing; WriteError when it cannot."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(path, error, lang) from None
    return path
