"""Readers: one per format (text, HTML, JSONL, WARC, RSS/Atom, PETRARCH XML), chosen by content sniffing."""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import feedparser
from fastwarc.warc import ArchiveIterator, WarcRecordType

from tacitus.dates import DateReading, read_date
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.document import RawDocument
from tacitus.ingest.html import declared_charset, extract_html, fragment_text
from tacitus.ingest.options import IngestOptions, JsonlFields
from tacitus.ingest.petrarch import read_petrarch_xml
from tacitus.ingest.skips import Skip
from tacitus.ingest.sources import STDIN, NotARegularFile, Opened, file_problem, open_regular, open_source

__all__ = ["read_source"]

log = logging.getLogger(__name__)
Item = RawDocument | Skip
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
CHUNK = 1 << 20
STREAMED_KINDS = ("jsonl", "warc")
# Keys a JSONL record's date is read from when it has none under `JsonlFields.date`: the
# names common dumps use (news-please, newspaper3k, schema.org, feed-to-JSON converters).
DATE_KEYS = ("published", "published_at", "publish_date", "date_publish", "datePublished", "pubDate")


def _read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream, or None when it is longer than `limit` bytes."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _too_large(origin: str, limit: int) -> Skip:
    return Skip(origin, "too_large", f"more than {limit} bytes")


def read_text(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """A plain-text file is one article."""
    data = _read_capped(opened.stream, options.max_bytes)
    if data is None:
        yield _too_large(opened.name, options.max_bytes)
        return
    text = decode_bytes(data)
    if text is None:
        yield Skip(opened.name, "binary", "not text in any encoding tried")
        return
    yield RawDocument(origin=opened.name, text=text)


def _html_item(
    data: bytes, origin: str, url: str | None, options: IngestOptions, charset: str | None = None
) -> Item:
    html = decode_bytes(data, charset or declared_charset(data))
    if html is None:
        return Skip(origin, "binary", "HTML payload is not text")
    return extract_html(html, origin=origin, url=url, favor_precision=options.favor_precision)


def read_html(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """An HTML file is one page, extracted with trafilatura."""
    data = _read_capped(opened.stream, options.max_bytes)
    if data is None:
        yield _too_large(opened.name, options.max_bytes)
        return
    yield _html_item(data, opened.name, None, options)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line longer than `limit` (skipped unread)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = stream.readline(CHUNK)
            yield number, None
            continue
        yield number, line


def _field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _record_date(record: dict[str, Any], key: str) -> DateReading:
    """The date under `key`, else under the first of `DATE_KEYS` that has a value."""
    for name in (key, *DATE_KEYS):
        reading = read_date(record.get(name))
        if not reading.missing:
            return reading
    return DateReading()


def _set_date(document: RawDocument, reading: DateReading) -> None:
    """Date `document` from `reading` where it is read, else keep the date it has (an HTML
    page's own); with neither, keep why not."""
    if reading.day is not None:
        document.date, document.date_problem = reading.iso, None
    elif document.date is None:
        document.date_problem = reading.problem or document.date_problem


def _has_string(record: dict[str, Any], key: str) -> bool:
    value = record.get(key)
    return isinstance(value, str) and bool(value.strip())


def _jsonl_item(record: dict[str, Any], origin: str, options: IngestOptions) -> Item:
    names = options.jsonl
    if _has_string(record, names.text):
        document = RawDocument(origin=origin, text=record[names.text])
    elif _has_string(record, names.html):
        extracted = extract_html(
            record[names.html],
            origin=origin,
            url=_field(record, names.url),
            favor_precision=options.favor_precision,
        )
        if isinstance(extracted, Skip):
            return extracted
        document = extracted
    else:
        keys = ", ".join(sorted(map(str, record))[:8]) or "none"
        return Skip(origin, "no_text", f"no {names.text!r} (or {names.html!r}) string; keys: {keys}")
    document.id = _field(record, names.id)
    document.title = _field(record, names.title) or document.title
    _set_date(document, _record_date(record, names.date))
    document.url = _field(record, names.url) or document.url
    document.source = _field(record, names.source) or document.source
    document.author = _field(record, names.author) or document.author
    return document


class _TextlessFile:
    """Watches the records of one JSONL file: when none has text under the configured keys
    (a dump keyed ``body``/``doc_id``), one warning names the keys its records have and the
    ``--field`` options that would read them, instead of only counting ``no_text`` skips."""

    def __init__(self, name: str, fields: JsonlFields) -> None:
        self.name, self.fields = name, fields
        self.records = self.textless = 0
        self.lengths: Counter[str] = Counter()  # string length per key, over textless records

    def note(self, record: dict[str, Any]) -> None:
        self.records += 1
        if not any(_has_string(record, key) for key in (self.fields.text, self.fields.html)):
            self.textless += 1
            for key, value in record.items():
                self.lengths[str(key)] += len(value) if isinstance(value, str) else 0

    def warn(self) -> None:
        if not self.records or self.textless < self.records:
            return
        log.warning(
            "%s: none of its %d JSONL records has a %r (or %r) string; its records have the keys %s%s",
            self.name,
            self.records,
            self.fields.text,
            self.fields.html,
            ", ".join(sorted(self.lengths)[:12]) or "none",
            self._fix(),
        )

    def _fix(self) -> str:
        """`` - pass --field text=body --field id=doc_id``: the longest strings are the text;
        a key ending in "id" is the id when the records have no `id` key."""
        options = []
        text = max(sorted(self.lengths), key=lambda key: self.lengths[key], default=None)
        if text and self.lengths[text]:
            options.append(f"--field text={text}")
        if self.fields.id not in self.lengths:
            ids = [key for key in sorted(self.lengths) if key.lower().endswith("id") and key != text]
            options += [f"--field id={ids[0]}"] if ids else []
        if not options:
            return " - none holds text; check the file"
        return f" - pass {' '.join(options)} (JsonlFields in Python) to read them"


def read_jsonl(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """One article per JSON line; streams, so memory stays flat on huge files."""
    textless = _TextlessFile(opened.name, options.jsonl)
    for number, line in _lines(opened.stream, options.max_bytes):
        origin = f"{opened.name}:{number}"
        if line is None:
            yield _too_large(origin, options.max_bytes)
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8", errors="tacitus_cp1252"))
        except ValueError as exc:
            yield Skip(origin, "bad_json", str(exc)[:200])
            continue
        except RecursionError:
            yield Skip(origin, "bad_json", "nested too deeply to read")
            continue
        if not isinstance(record, dict):
            yield Skip(origin, "bad_json", f"a JSON {type(record).__name__}, not an object")
            continue
        textless.note(record)
        yield _jsonl_item(record, origin, options)
    textless.warn()


class _Tellable:
    """A forward-only stream that counts what it hands out: fastwarc needs `tell()`,
    which a pipe (stdin) cannot give."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self._stream.close()


def _warc_stream(opened: Opened) -> Any:
    # A named WARC file is given to fastwarc as is (it undoes gzip itself), so that
    # record offsets are offsets in the file on disk, as in CDX indexes.
    if opened.name == STDIN:
        return _Tellable(opened.stream)
    opened.stream.close()
    return open_regular(opened.name)


def _warc_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _warc_item(record: Any, origin: str, options: IngestOptions) -> Item:
    http = record.http_headers
    content_type = (http.get("Content-Type") or "") if http is not None else ""
    if content_type and "html" not in content_type.lower():
        return Skip(origin, "not_html", content_type[:100])
    data = _read_capped(record.reader, options.max_bytes)
    if data is None:
        return _too_large(origin, options.max_bytes)
    url = record.headers.get("WARC-Target-URI")
    item = _html_item(data, origin, url, options, _warc_charset(content_type))
    if isinstance(item, RawDocument) and item.date is None:
        _set_date(item, read_date(record.headers.get("WARC-Date")))
    return item


def read_warc(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """Response records with HTML payloads; the page date, else the record's WARC-Date."""
    stream = _warc_stream(opened)
    found = 0
    try:
        records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)
        for record in records:
            found += 1
            yield _warc_item(record, f"{opened.name}@{record.stream_pos}", options)
    finally:
        stream.close()
    if not found:
        # fastwarc stops quietly on a corrupt stream; say so rather than yield nothing.
        yield Skip(opened.name, "bad_warc", "no response record could be read")


def _entry_item(entry: Any, origin: str) -> Item:
    content = entry.get("content") or []
    value = content[0].get("value", "") if content else entry.get("summary", "")
    text = fragment_text(value or "")
    if not text.strip():
        return Skip(origin, "no_text", "feed item has neither content nor summary")
    # The date as the feed wrote it; else feedparser's parse (it reads forms beyond RFC 2822
    # and ISO, but moves the time to UTC, which can change the day).
    date = read_date(entry.get("published") or entry.get("updated"))
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if date.day is None and parsed:
        date = read_date(parsed)
    return RawDocument(
        origin=origin,
        text=text,
        title=entry.get("title") or None,
        date=date.iso,
        date_problem=date.problem,
        url=entry.get("link") or None,
        author=entry.get("author") or None,
        id=None,
    )


def read_feed(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """RSS/Atom items: full content where present, else the summary; origin ``file#N``."""
    data = _read_capped(opened.stream, options.max_bytes)
    if data is None:
        yield _too_large(opened.name, options.max_bytes)
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        detail = str(feed.get("bozo_exception", "no items"))[:200]
        yield Skip(opened.name, "bad_feed", detail)
        return
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        item = _entry_item(entry, f"{opened.name}#{number}")
        if isinstance(item, RawDocument):
            item.source = source
        yield item


def read_petrarch(opened: Opened, options: IngestOptions) -> Iterator[Item]:
    """PETRARCH-2 XML: one article per story (`tacitus.ingest.petrarch`)."""
    data = _read_capped(opened.stream, options.max_bytes)
    if data is None:
        yield _too_large(opened.name, options.max_bytes)
        return
    yield from read_petrarch_xml(data, opened.name)


READERS: dict[str, Callable[[Opened, IngestOptions], Iterator[Item]]] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
    "petrarch": read_petrarch,
}


def _opened(name: str) -> Opened | Skip:
    problem = file_problem(name)
    if problem is not None:
        return problem
    try:
        return open_source(name)
    except GZIP_ERRORS as exc:
        return Skip(name, "bad_gzip", str(exc)[:200])
    except NotARegularFile as exc:
        return Skip(name, "not_a_file", exc.strerror or str(exc))
    except FileNotFoundError:
        return Skip(name, "vanished", "removed before it was read")
    except OSError as exc:
        return Skip(name, "unreadable", exc.strerror or str(exc))


def read_source(name: str, options: IngestOptions) -> Iterator[Item]:
    """Every document of one file (or stdin) as a RawDocument, or a Skip saying why not."""
    opened = _opened(name)
    if isinstance(opened, Skip):
        yield opened
        return
    try:
        # A truncated gzip keeps the records read before the break only where records
        # stand alone (JSONL lines, WARC records); a cut single document is not trusted.
        if opened.truncated and opened.kind not in STREAMED_KINDS:
            yield Skip(name, "bad_gzip", opened.truncated[:200])
            return
        if opened.kind in ("empty", "binary"):
            yield Skip(name, opened.kind, "")
            return
        yield from READERS[opened.kind](opened, options)
        if opened.truncated:
            yield Skip(name, "bad_gzip", f"stopped mid-file: {opened.truncated}"[:200])
    except GZIP_ERRORS as exc:
        yield Skip(name, "bad_gzip", f"stopped mid-file: {exc}"[:200])
    except OSError as exc:
        yield Skip(name, "unreadable", exc.strerror or str(exc))
    finally:
        opened.stream.close()
