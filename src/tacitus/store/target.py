"""Where an export goes: a new file written beside the target and renamed into place, or stdout;
never through a link, never over a device, FIFO or (without `force`) an existing file."""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tacitus.errors import ExportError, UserInputError

__all__ = ["STDOUT", "ExportError", "check_target", "export_target", "file_kind"]

STDOUT = "-"
_NO_SPACE = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, as messages name it ("a FIFO (named pipe)", "a folder" …)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_target(out: Path, *, force: bool) -> None:
    """Refuse a target that writing must not destroy: a link (the file it points at would be
    overwritten, or the link replaced), anything but a regular file (replacing ``/dev/null``
    with a file, as root, breaks the system), or an existing file unless `force`.

    Raises:
        UserInputError: the folder of `out` does not exist.
        ExportError: `out` is a link, not a regular file, or exists and `force` is False.
    """
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        if not out.parent.is_dir():
            raise UserInputError(
                f"cannot write {out}: folder {out.parent} does not exist - create it first"
            ) from None
        return
    if stat.S_ISLNK(mode):
        raise ExportError(
            f"{out} is a symbolic link - Tacitus does not write through links: give the path of "
            "the file itself"
        )
    if not stat.S_ISREG(mode):
        kind = file_kind(mode)
        raise ExportError(
            f"{out} is {kind}, not a file - give the path of a file to write, or --out - for stdout"
        )
    if not force:
        raise ExportError(f"{out} exists - pass --force to replace it, or choose another --out")


def _exclusive(out: Path) -> tuple[BinaryIO, Path]:
    """A new file beside `out`, created with O_EXCL (never an existing file or link, whatever
    name a hostile user put there first) under a random name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        partial = out.with_name(f".{out.name}.{secrets.token_hex(6)}.partial")
        try:
            fd = os.open(partial, flags, 0o666)
        except FileExistsError:
            continue
        return os.fdopen(fd, "wb"), partial


def _failed(out: Path, exc: OSError, created: bool) -> ExportError:
    reason = exc.strerror or str(exc)
    if exc.errno in _NO_SPACE:
        fix = "free space (or raise the file size limit) or choose another --out"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = f"choose a folder you can write to (not {out.parent})"
    else:
        fix = "choose another --out"
    kept = f"{out} was not created" if not created else f"{out} is unchanged"
    return ExportError(f"writing {out} failed: {reason} - {fix}; {kept} and nothing else was changed")


@contextmanager
def export_target(out: str | os.PathLike[str], *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary handle to write an export to: stdout for ``-``; else a new file beside `out`
    that replaces it only once complete (`check_target` says what is refused). On any failure
    the partial file is removed and `out` is left as it was.

    Raises:
        UserInputError, ExportError: see `check_target`; ExportError also when writing fails
            (disk full, folder not writable).
    """
    if str(out) == STDOUT:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    out = Path(out)
    check_target(out, force=force)
    existed = out.exists()
    partial: Path | None = None
    try:
        handle, partial = _exclusive(out)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        check_target(out, force=force)  # nothing was put in its place while we wrote
        os.replace(partial, out)
        partial = None
    except OSError as exc:
        raise _failed(out, exc, existed) from exc
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
