"""Input expansion (files, directories, globs, stdin) and opening them as sniffed byte streams.

Every path an input names or a directory holds is accounted for: it is read, or it comes back as
a `Skip` saying why not (a dot file, a FIFO or device, a broken or looping link, a file removed
before it was read).
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from tacitus.errors import UserInputError
from tacitus.ingest.skips import Skip
from tacitus.ingest.sniff import GZIP_MAGIC, sniff

__all__ = [
    "STDIN",
    "NotARegularFile",
    "Opened",
    "expand_inputs",
    "file_problem",
    "iter_sources",
    "open_regular",
    "open_source",
]

STDIN = "-"
HEAD_BYTES = 64 * 1024
GLOB_CHARS = frozenset("*?[")


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them), played back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


@dataclass(slots=True)
class Opened:
    """A source opened for reading: its sniffed kind, whether it was gzipped, the stream."""

    name: str
    kind: str
    gzipped: bool
    stream: BinaryIO
    truncated: str | None = None  # why the gzip stream broke while its head was read


class NotARegularFile(OSError):
    """A path that was a regular file when checked is something else when opened."""


# File kinds other than regular files and directories, as a skip's detail names them.
_ODD_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _ODD_KINDS if test(mode)), "not a regular file")


def _missing_input(item: str) -> str:
    if os.path.islink(item):
        what = "a symbolic link loop" if _loops(item) else "a broken symbolic link"
        return f"input {item} is {what} - fix or remove the link, or name its target"
    return f"input {item} does not exist - check the path or quote the glob"


def _loops(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _check_input(item: str) -> None:
    if item == STDIN:
        return
    if not os.path.exists(item):
        raise UserInputError(_missing_input(item))
    if os.path.isdir(item) and not os.access(item, os.R_OK | os.X_OK):
        raise UserInputError(f"input directory {item} is not readable - check its permissions")


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Validate inputs up front and expand globs; directories are walked later, lazily.

    Raises:
        UserInputError: a path does not exist, a glob matches nothing, or a directory
            cannot be read.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    if not inputs:
        raise UserInputError("no input given - name files, directories, globs or - for stdin")
    expanded: list[str] = []
    for item in inputs:
        if item != STDIN and GLOB_CHARS & set(item) and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UserInputError(f"glob {item} matches no file - check the pattern")
            expanded.extend(matches)
            continue
        _check_input(item)
        expanded.append(item)
    return expanded


def _listing(directory: str) -> list[os.DirEntry[str]] | Skip:
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except FileNotFoundError:
        return Skip(directory, "vanished", "directory removed before it was read")
    except OSError as exc:
        return Skip(directory, "unreadable", f"directory: {exc.strerror or exc}")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False  # gone since the listing: reading it says so


def _walk(directory: str) -> Iterator[str | Skip]:
    """Files of `directory` (sorted), then its folders' (sorted, depth first): the order is
    deterministic, so the article order and dedup choices are too. Links to folders are not
    followed (no loops); dot files and folders are not read. Every entry comes out once, as a
    path to read or a Skip."""
    listing = _listing(directory)
    if isinstance(listing, Skip):
        yield listing
        return
    folders = []
    for entry in listing:
        if entry.name.startswith("."):
            yield Skip(entry.path, "hidden", "dot files and folders are not read")
        elif _is_dir(entry):
            folders.append(entry.path)
        elif entry.is_symlink() and os.path.isdir(entry.path):
            yield Skip(entry.path, "not_a_file", "a link to a folder (links are not followed)")
        else:
            yield entry.path  # FIFOs, devices and broken links are told apart when read
    for folder in folders:
        yield from _walk(folder)


def iter_sources(inputs: Sequence[str]) -> Iterator[str | Skip]:
    """Every file (or stdin) named by the inputs, in a deterministic order, or a Skip for an
    entry of a directory that is not read (see `_walk`)."""
    for item in expand_inputs(inputs):
        if item != STDIN and os.path.isdir(item):
            yield from _walk(item)
        else:
            yield item


def file_problem(name: str) -> Skip | None:
    """Why `name` cannot be read as a document (checked before opening, so that a FIFO or a
    device never blocks the run), or None for a regular file or stdin."""
    if name == STDIN:
        return None
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        if os.path.islink(name):
            return Skip(name, "not_a_file", "a broken symbolic link (its target does not exist)")
        return Skip(name, "vanished", "removed before it was read")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skip(name, "not_a_file", "a symbolic link loop")
        return Skip(name, "unreadable", exc.strerror or str(exc))
    if stat.S_ISREG(mode):
        return None
    return Skip(name, "not_a_file", f"{_kind(mode)}: only regular files are read")


def open_regular(name: str) -> BinaryIO:
    """Open a regular file for reading; a FIFO or device put in its place after it was checked
    is not waited on (non-blocking open) but refused.

    Raises:
        NotARegularFile: the path is no longer a regular file.
        OSError: the file cannot be opened.
    """
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(errno.EINVAL, f"{_kind(mode)}: only regular files are read")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def open_source(name: str) -> Opened:
    """Open a file (or stdin), undo gzip, and sniff the content.

    Raises:
        OSError: the file cannot be opened (the caller turns it into a skip).
        gzip.BadGzipFile, EOFError: the gzip header or first block is broken.
    """
    raw: BinaryIO = sys.stdin.buffer if name == STDIN else open_regular(name)
    magic = raw.read(2)
    stream: BinaryIO = io.BufferedReader(_Rewound(magic, raw))
    gzipped = magic == GZIP_MAGIC
    truncated = None
    if gzipped:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
        head, truncated = _gzip_head(stream)  # type: ignore[arg-type]
        if truncated:
            stream.close()
            stream = io.BytesIO()
    else:
        head = stream.read(HEAD_BYTES)
    kind = sniff(head, name)
    rewound = io.BufferedReader(_Rewound(head, stream), buffer_size=1 << 20)
    return Opened(name, kind, gzipped, rewound, truncated)


def _gzip_head(stream: gzip.GzipFile) -> tuple[bytes, str | None]:
    """The first bytes of a gzip stream, keeping what came before a break in a truncated file."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size < HEAD_BYTES:
            chunk = stream.read1(HEAD_BYTES - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except EOFError as exc:
        return b"".join(chunks), str(exc)
    return b"".join(chunks), None
