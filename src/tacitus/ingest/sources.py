"""Input expansion (files, directories, globs, stdin) and opening them as sniffed byte streams."""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from tacitus.errors import UserInputError
from tacitus.ingest.sniff import GZIP_MAGIC, sniff

__all__ = ["STDIN", "Opened", "expand_inputs", "iter_sources", "open_source"]

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


def _check_input(item: str) -> None:
    if item == STDIN:
        return
    if not os.path.exists(item):
        raise UserInputError(f"input {item} does not exist - check the path or quote the glob")
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


def _walk(directory: str) -> Iterator[str]:
    # Sorted at every level so that the article order (and dedup choices) is deterministic.
    for root, dirs, files in os.walk(directory, onerror=None, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            # Regular files only: opening a FIFO or device found by the walk would block.
            if not name.startswith(".") and os.path.isfile(path):
                yield path


def iter_sources(inputs: Sequence[str]) -> Iterator[str]:
    """Every file (or stdin) named by the inputs, in a deterministic order."""
    for item in expand_inputs(inputs):
        if item != STDIN and os.path.isdir(item):
            yield from _walk(item)
        else:
            yield item


def open_source(name: str) -> Opened:
    """Open a file (or stdin), undo gzip, and sniff the content.

    Raises:
        OSError: the file cannot be opened (the caller turns it into a skip).
        gzip.BadGzipFile, EOFError: the gzip header or first block is broken.
    """
    raw: BinaryIO = sys.stdin.buffer if name == STDIN else open(name, "rb")  # noqa: SIM115
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
