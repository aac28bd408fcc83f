"""Line-level reading shared by every dictionary reader: comments, phrases, dates, problems."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NoReturn

from tacitus.dictionaries.model import DictionaryProblem, Origin, Phrase
from tacitus.errors import DictionaryError

__all__ = [
    "ProblemLog",
    "SourceLine",
    "make_phrase",
    "parse_dictionary_date",
    "read_source_lines",
    "strip_comment",
]

log = logging.getLogger(__name__)

# A split point between words: PETRARCH writes phrases with spaces or underscores.
_WORD_SPLIT = re.compile(r"[\s_]+")


class SourceLine:
    """One non-comment line of a dictionary file: its 1-based number and text."""

    __slots__ = ("number", "text", "raw")

    def __init__(self, number: int, text: str, raw: str) -> None:
        self.number = number
        self.text = text  # comments removed, right-stripped
        self.raw = raw  # as in the file, for problem reports


class ProblemLog:
    """Collects the problems of one file; in strict mode the first one raises.

    Each problem is logged as a warning (once per line) and kept, so a batch
    caller can print them all; `strict` turns the first into DictionaryError.
    """

    def __init__(
        self,
        path: Path,
        sink: list[DictionaryProblem],
        *,
        strict: bool,
        code_sites: dict[str, list[tuple[ProblemLog, int, str]]] | None = None,
        log_level: int = logging.WARNING,
    ) -> None:
        self.path = path
        self.file = path.name
        self.sink = sink
        self.strict = strict
        # Every place each actor/agent code was read, for the set-wide rare-block check.
        self.code_sites = code_sites if code_sites is not None else {}
        self.log_level = log_level

    def note_code(self, code: str, line: int, text: str) -> None:
        self.code_sites.setdefault(code, []).append((self, line, text))

    def origin(self, line: int) -> Origin:
        return Origin(self.file, line)

    def error(self, line: int, reason: str, text: str = "") -> None:
        """A line that cannot be used: it is skipped."""
        self._add(DictionaryProblem(self.file, line, reason, "error", text.strip()))

    def warning(self, line: int, reason: str, text: str = "") -> None:
        """A line that is kept but looks wrong."""
        self._add(DictionaryProblem(self.file, line, reason, "warning", text.strip()))

    def fatal(self, line: int, reason: str, fix: str) -> NoReturn:
        """A fault the set cannot be used with (an unreadable date range): raises
        DictionaryError with the path and line, strict or not."""
        raise DictionaryError(f"{reason} - {fix}", path=str(self.path), line=line)

    def _add(self, problem: DictionaryProblem) -> None:
        if self.strict:
            raise DictionaryError(
                f"{problem.reason} - fix the line or load without strict checking",
                path=str(self.path),
                line=problem.line,
            )
        log.log(self.log_level, "%s (%s)", problem, problem.severity)
        self.sink.append(problem)


def read_source_lines(path: Path, problems: ProblemLog) -> Iterator[SourceLine]:
    """Non-blank lines of `path` with ``#``/``;`` and ``<!-- -->`` comments removed.

    HTML-ish comments may span lines (``<!--`` … ``-->``); a line starting with
    ``<!`` and closed on the same line is a comment whatever sits between.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            f"cannot read the dictionary file ({exc.strerror}) - check its permissions",
            path=str(path),
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.warning(
            data[: exc.start].count(b"\n") + 1,
            "not UTF-8: read as Latin-1 - save the file as UTF-8",
        )
        text = data.decode("latin-1")
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line, in_comment = _drop_html_comments(raw, in_comment)
        line = strip_comment(line).rstrip()
        if line.strip():
            yield SourceLine(number, line, raw)


def _drop_html_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    if in_comment:
        end = line.find("-->")
        if end < 0:
            return "", True
        line = line[end + 3 :]
    while "<!" in line:
        start = line.find("<!")
        end = line.find("-->", start)
        if end < 0:
            return line[:start], True
        line = line[:start] + line[end + 3 :]
    return line, False


def strip_comment(line: str) -> str:
    """Drop a ``#`` or ``;`` comment; inside ``[...]`` both are code characters
    (``[###]`` is a TABARI code)."""
    depth = 0
    for index, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char in "#;" and depth == 0:
            return line[:index]
    return line


def make_phrase(text: str, *, stems: bool = True) -> Phrase:
    """A Phrase from dictionary text (``SERGEY_LAVROV_``, ``CARAS GALADHON``).

    TABARI rule: without a trailing ``_`` the last word is a stem (prefix match);
    with it, the exact word. `stems=False` for files whose words never stem.
    """
    stripped = text.strip()
    words = tuple(w for w in _WORD_SPLIT.split(stripped.upper()) if w)
    return Phrase(words, stem=stems and bool(words) and not stripped.endswith("_"))


def parse_dictionary_date(text: str) -> date:
    """``YYYYMMDD`` or ``YYMMDD``: two-digit years 00–30 are 20YY, else 19YY.

    That is the KEDS/TABARI/PETRARCH rule (PETRreader.dstr_to_ordate): a string
    of up to 7 characters is YYMMDD. Raises ValueError with the reason.
    """
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {text.strip()!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        short = int(digits[:2])
        year = 2000 + short if short <= 30 else 1900 + short
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text.strip()!r} is not a calendar day ({exc})") from exc
