"""`read_articles`: inputs → readers → cleaning → language id → dedup → Articles and Skips."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from tacitus.clean import clean_field, clean_text, load_rules
from tacitus.dates import MISSING
from tacitus.ingest.decode import repair_surrogates
from tacitus.ingest.dedup import Deduplicator, content_hash
from tacitus.ingest.document import RawDocument
from tacitus.ingest.language import detect_language
from tacitus.ingest.options import IngestOptions
from tacitus.ingest.readers import read_source
from tacitus.ingest.skips import Skip, SkipReport
from tacitus.ingest.sources import iter_sources
from tacitus.records import Article

__all__ = ["article_id", "iter_articles", "read_articles", "read_documents"]

log = logging.getLogger(__name__)

# Metadata cleaned like the title (`tacitus.clean.FIELDS`: bidi controls dropped).
METADATA = ("source", "author", "url", "id")


def article_id(origin: str, text_hash: str) -> str:
    """Deterministic id for an article whose source names none: origin + content."""
    digest = hashlib.sha256(f"{origin}\n{text_hash}".encode()).hexdigest()
    return f"a{digest[:16]}"


def read_documents(
    inputs: Sequence[str], *, options: IngestOptions | None = None
) -> Iterator[RawDocument | Skip]:
    """Extracted documents before cleaning, language id and dedup (for `tacitus clean`); a
    Skip for every input path that gives no document, so that each is accounted for.

    Raises:
        UserInputError: an input path does not exist or a glob matches nothing.
    """
    options = options or IngestOptions()
    for name in iter_sources(inputs):
        if isinstance(name, Skip):
            yield _repaired(name)
        elif options.exclude and os.path.realpath(name) in options.exclude:
            yield _repaired(Skip(name, "excluded", "the command's own output file"))
        else:
            for item in read_source(name, options):
                yield _repaired(item)


_TEXT_FIELDS = {
    RawDocument: ("origin", "text", "title", "url", "source", "author", "id", "date_problem"),
    Skip: ("origin", "detail"),
}


def _repaired(item: RawDocument | Skip) -> RawDocument | Skip:
    """`item` with lone surrogates replaced in every text field (`repair_surrogates`)."""
    changes: dict[str, Any] = {}
    for name in _TEXT_FIELDS[type(item)]:
        value = getattr(item, name)
        if value is not None and not value.isascii():
            fixed = repair_surrogates(value)
            if fixed != value:
                changes[name] = fixed
    if not changes:
        return item
    log.warning(
        "%s: lone surrogates replaced by U+FFFD in %s",
        changes.get("origin", item.origin),
        ", ".join(sorted(changes)),
    )
    return dataclasses.replace(item, **changes)


def _article(document: RawDocument, options: IngestOptions) -> Article | Skip:
    text, title = document.text, document.title
    if options.clean:
        rules = load_rules(options.rules)
        cleaned = clean_text(text, title=title, rules=rules)
        text, title = cleaned.text, cleaned.title
        fields: dict[str, Any] = {name: clean_field(getattr(document, name), rules) for name in METADATA}
        document = dataclasses.replace(document, **fields)
    if len(text.strip()) < options.min_chars:
        return Skip(document.origin, "no_text", "nothing left after cleaning")
    language, confidence = detect_language(text, options.languages)
    if options.languages and language not in options.languages and language != "und":
        return Skip(document.origin, f"language:{language}", f"p={confidence:.2f}")
    text_hash = content_hash(text)
    problem = None if document.date else (document.date_problem or MISSING)
    return Article(
        id=document.id or article_id(document.origin, text_hash),
        text=text,
        title=title,
        date=document.date or options.date,
        date_problem=problem,
        url=document.url,
        source=document.source,
        language=language,
        content_hash=text_hash,
        origin=document.origin,
        author=document.author,
    )


def _deduplicated(article: Article, dedup: Deduplicator, options: IngestOptions) -> Article | Skip:
    text_hash = article.content_hash or content_hash(article.text)
    original = dedup.duplicate_of(article.id, text_hash, article.text)
    if original is None or original == article.id:
        return article
    if options.duplicates == "drop":
        return Skip(article.origin or article.id, "duplicate", f"copy of {original}")
    article.duplicate_of = original
    return article


class _DateLog:
    """Logs each undated article by origin and id: unreadable dates at WARNING for the first
    few (then at INFO, with one line saying so), missing ones at INFO; the counts are in the
    reports (`SkipReport`, the run summary)."""

    WARN_FIRST = 10

    def __init__(self) -> None:
        self.unreadable = 0

    def note(self, article: Article) -> None:
        problem = article.date_problem
        if problem is None:
            return
        given = f"; dated {article.date} by default" if article.date else ""
        if problem == MISSING:
            log.info("%s (%s): no date%s", article.origin, article.id, given)
            return
        self.unreadable += 1
        level = logging.WARNING if self.unreadable <= self.WARN_FIRST else logging.INFO
        log.log(level, "%s (%s): %s%s", article.origin, article.id, problem, given or "; left undated")
        if self.unreadable == self.WARN_FIRST:
            log.warning("more unreadable dates are logged at INFO (-v); the report counts them all")


def read_articles(inputs: Sequence[str], *, options: IngestOptions | None = None) -> Iterator[Article | Skip]:
    """Read news from files, directories (recursive), globs, `.gz` and `-` (stdin).

    Yields an `Article` for every document kept and a `Skip(origin, reason, detail)`
    for every one dropped; the batch never stops on bad input. With the default
    ``duplicates="mark"`` copies are yielded with `duplicate_of` set. An article whose
    source gives no readable date has `date_problem` set (and is logged), and gets
    `options.date` if one is given.

    Raises:
        UserInputError: an input path does not exist, a glob matches nothing or a
            directory cannot be read (checked before anything is read).
    """
    options = options or IngestOptions()
    dedup = None if options.duplicates == "off" else Deduplicator(options.near_duplicate_threshold)
    dates = _DateLog()
    for document in read_documents(inputs, options=options):
        item = document if isinstance(document, Skip) else _article(document, options)
        if isinstance(item, Article) and dedup is not None:
            item = _deduplicated(item, dedup, options)
        if isinstance(item, Article):
            dates.note(item)
        if isinstance(item, Skip):
            log.info("skipped %s: %s %s", item.origin, item.reason, item.detail)
        yield item


def iter_articles(
    inputs: Sequence[str],
    *,
    options: IngestOptions | None = None,
    report: SkipReport | None = None,
) -> Iterator[Article]:
    """Only the Articles of `read_articles`; skips are counted in `report` if given."""
    report = report if report is not None else SkipReport()
    for item in read_articles(inputs, options=options):
        if isinstance(item, Skip):
            report.add_skip(item)
            continue
        report.add_article(item)
        yield item
