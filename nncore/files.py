"""Files a user names: read only if they are regular files, written only whole.

A FIFO, a socket or a device given as an input would block a read forever or
feed it without end; given as an output, a device would be replaced by a file
(as root, ``/dev/null`` itself). So every input is checked with ``stat`` before
it is opened, and every output is written to a temporary file beside it and
renamed into place: a reader never sees half a file, and a failed write leaves
the previous good one.

Temporary names carry :data:`TEMP_MARK`, so that a later run finds what a killed
one left (:func:`remove_leftovers`), whoever left it.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from nncore.errors import InputError

TEMP_MARK = ".nnx-tmp"  # in the name of every temporary file or folder a run makes

# The causes a user can act on, said as people say them.
CAUSES = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENAMETOOLONG: "file name too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.EIO: "input/output error",
}


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def regular_input(path: str | Path, what: str, max_bytes: int) -> Path:
    """``path`` if it is a regular file of at most ``max_bytes``; else one :class:`InputError`.

    ``stat`` follows a symlink but never opens the file, so a FIFO costs no wait.

    >>> regular_input("/dev/null", "image", 10)
    Traceback (most recent call last):
    ...
    nncore.errors.InputError: image '/dev/null' is a device, not a file
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{what} {shown(path)}: no such file") from None
    except OSError as e:
        raise InputError(f"{what} {shown(path)}: {cause(e)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{what} {shown(path)} is {_kind(st.st_mode)}, not a file")
    if st.st_size > max_bytes:
        raise InputError(
            f"{what} {shown(path)} is {st.st_size / 1e6:,.1f} MB: "
            f"the limit is {max_bytes / 1e6:,.0f} MB"
        )
    return path


def _existing(path: Path, what: str) -> os.stat_result | None:
    """``path``'s ``stat``, None if nothing is there; any other failure as one line."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise InputError(f"{what} {shown(path)}: {cause(e)}") from None


def check_folder(path: str | Path, what: str) -> Path:
    """``path`` if nothing is there or a folder is (to write into); else one line."""
    path = Path(path)
    st = _existing(path, what)
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise InputError(f"{what} {shown(path)} is {_kind(st.st_mode)}: give a folder")
    return path


def check_output(path: str | Path, what: str) -> Path:
    """``path`` if nothing is there or a regular file is (to be replaced); else one line."""
    path = Path(path)
    st = _existing(path, what)
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(f"{what} {shown(path)} is {_kind(st.st_mode)}: give a new file's name")
    return path


@contextmanager
def written(path: str | Path, mode: str = "wb") -> Iterator[IO]:
    """Write ``path`` whole or not at all: into a temporary file beside it, then renamed.

    The file gets mode 0644 (not mkstemp's private 0600): it is an output to share.
    Anything that goes wrong, an ``OSError`` such as a full disk included, leaves
    ``path`` as it was and no temporary file behind; an ``OSError`` of the writing
    names ``path``, not the temporary file.
    """
    path = Path(path)
    check_output(path, "output")
    tmp = path.with_name(f"{TEMP_MARK}.{os.getpid()}.{path.name[:100]}")
    try:
        with writing(path):
            with open(tmp, mode) as f:
                yield f
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    finally:
        # Still there only if something failed. On a read-only disk even the unlink of
        # nothing fails, and must not hide the error that says so.
        with suppress(OSError):
            tmp.unlink(missing_ok=True)


@contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Say an ``OSError`` of the block happened while writing ``path``.

    For a product made in pieces (a chapter folder, a slide deck) the file that
    filled the disk is a temporary one, whose name means nothing to a user: the
    error is raised again, the same ``errno``, naming ``path`` instead.
    """
    try:
        yield
    except OSError as e:
        if e.errno is None:
            raise
        raise OSError(e.errno, e.strerror or os.strerror(e.errno), str(path)) from e


def remove_leftovers(folder: Path) -> None:
    """Remove what runs killed mid-write left in ``folder``: names holding :data:`TEMP_MARK`."""
    try:
        found = [p for p in folder.iterdir() if TEMP_MARK in p.name]
    except OSError:
        return
    for p in found:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def cause(e: OSError) -> str:
    """What went wrong, as a short lower-case phrase: ``"no space left on device"``."""
    return CAUSES.get(e.errno) or (e.strerror or type(e).__name__).lower()


def os_error_line(e: OSError) -> str:
    """One line for an ``OSError``: its cause and the path it happened on.

    >>> os_error_line(OSError(errno.ENOSPC, "No space left on device", "/tmp/out/a.mp4"))
    "no space left on device while writing '/tmp/out/a.mp4'"
    """
    # Of two paths (a copy, a rename) the second is the one written.
    where = e.filename2 if e.filename2 is not None else e.filename
    if where is None:
        return cause(e)
    return f"{cause(e)} while writing {shown(os.fsdecode(where))}"


def shown(path: str | Path, limit: int = 160) -> str:
    """``path`` quoted for an error line: a long one cut in the middle, its end is what tells.

    >>> shown("/a" * 100, limit=20)
    "'/a/a/a/.../a/a/a/a'"
    """
    text = repr(str(path))
    if len(text) <= limit:
        return text
    head = (limit - 3) // 2
    return f"{text[:head]}...{text[len(text) - (limit - 3 - head) :]}"
