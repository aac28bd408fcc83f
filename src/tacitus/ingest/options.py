"""The one options object for ingestion, checked when it is built."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tacitus.dates import required_day
from tacitus.errors import UserInputError

__all__ = ["DUPLICATE_MODES", "IngestOptions", "JsonlFields"]

DUPLICATE_MODES = ("mark", "drop", "off")
MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which JSON keys of a JSONL record hold what (defaults match Tacitus's own corpora).

    A record with no `text` but an `html` value is extracted like an HTML page.
    """

    id: str = "id"
    text: str = "text"
    html: str = "html"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"
    author: str = "author"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How `read_articles` reads, filters and deduplicates.

    Attributes:
        max_bytes: size cap per document (a file, a JSONL line, a WARC payload);
            larger ones are skipped as ``too_large``. Default 10 MB.
        languages: ISO 639-1 codes to keep; others are skipped as ``language:<code>``.
            Empty means keep every language (language is still detected).
        min_chars: articles with fewer characters of cleaned text are skipped as ``no_text``.
        duplicates: ``mark`` (default) yields duplicates as Articles with
            `duplicate_of` set, so later stages can count copies; ``drop`` yields a
            ``duplicate`` Skip instead; ``off`` does no deduplication.
        near_duplicate_threshold: estimated Jaccard similarity of word 5-gram shingles
            above which two articles are near-duplicates (MinHash LSH); 0 turns it off.
        clean: run the cleaning rules over extracted text.
        rules: path of a cleaning rules file replacing the packaged `patterns.toml`.
        favor_precision: ask trafilatura to prefer precision (less boilerplate).
        jsonl: field names of JSONL records.
        exclude: files never read even when an input names them (e.g. the output
            file of `tacitus ingest` when it sits in an input directory).
        date: the day given to articles whose source has no readable date (``--date`` of
            `tacitus run` and `code`), in any form `tacitus.dates` reads; their
            `date_problem` still says why the source's own is not used.
    """

    max_bytes: int = 10 * MEGABYTE
    languages: frozenset[str] = frozenset({"en"})
    min_chars: int = 1
    duplicates: str = "mark"
    near_duplicate_threshold: float = 0.8
    clean: bool = True
    rules: str | None = None
    favor_precision: bool = True
    jsonl: JsonlFields = field(default_factory=JsonlFields)
    exclude: frozenset[str] = frozenset()
    date: str | None = None

    def __post_init__(self) -> None:
        if self.duplicates not in DUPLICATE_MODES:
            raise UserInputError(
                f"duplicates={self.duplicates!r} is not a mode - use one of {', '.join(DUPLICATE_MODES)}"
            )
        if self.max_bytes <= 0:
            raise UserInputError(f"max_bytes={self.max_bytes} must be positive - give a size in bytes")
        if not 0.0 <= self.near_duplicate_threshold < 1.0:
            raise UserInputError(
                f"near_duplicate_threshold={self.near_duplicate_threshold} is outside [0, 1)"
                " - use e.g. 0.8, or 0 to turn near-duplicate detection off"
            )
        if self.rules is not None and not os.path.isfile(self.rules):
            raise UserInputError(
                f"cleaning rules file {self.rules} does not exist - give the path of a patterns.toml"
            )
        day = required_day(self.date, "date")
        object.__setattr__(self, "date", day.isoformat() if day else None)
        languages = [self.languages] if isinstance(self.languages, str) else self.languages
        object.__setattr__(self, "languages", frozenset(code.lower() for code in languages))
        object.__setattr__(self, "exclude", frozenset(os.path.realpath(path) for path in self.exclude))
