"""PETRARCH-2 XML input: `<Sentence>` records read with expat (entities refused), grouped into stories.

The format PETRARCH2 reads (``petrarch2 batch -i FILE``) and its validation files hold::

    <Sentences>
    <Sentence date="20080806" id="AFP0808020857_1" source="AFP" sentence="True">
    <Text>Israel on Wednesday released the mayor of ...</Text>
    <Parse>(ROOT (S ...))</Parse>
    </Sentence>
    </Sentences>

A record with ``sentence="True"`` is one sentence of a story; its id is ``STORY_N``, and the
sentences of one story (wherever they are in the file) become one article with the story's
id, in file order, one sentence per line (a line break always ends a sentence for the coder).
Ids without ``_`` in the TABARI validation form ``AFP0808-01-0625-6`` name their story by the
part before the last ``-`` when that part has a ``-`` itself (``AFP0808-01-0625``); a record id
like ``DEMO-01`` stays a story of its own. A record with ``sentence="False"`` (or none) holds a
whole story (a lead paragraph) under its own id. The ``<Parse>`` trees are not read: Tacitus
parses the text itself. Dates are PETRARCH's ``YYYYMMDD``; the story has its first sentence's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn
from xml.parsers import expat

from tacitus.dates import DateReading, read_date
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.document import RawDocument
from tacitus.ingest.skips import Skip

__all__ = ["read_petrarch_xml", "story_id"]

XML_ENCODING = re.compile(rb"""<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
VALIDATION_SENTENCE = re.compile(r"\d+[A-Za-z]?")


class _EntityRefused(Exception):
    """An entity declaration or external entity: the way into XML bombs and file reads."""


def _refuse(*_args: object) -> NoReturn:
    raise _EntityRefused


@dataclass(slots=True)
class _Record:
    """One `<Sentence>` element as read: its attributes, text and line in the file."""

    line: int
    id: str | None
    date: str | None
    source: str | None
    is_sentence: bool
    text: list[str] = field(default_factory=list)


class _Handlers:
    """expat callbacks that collect `<Sentence>` records; tag names match in any case."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.records: list[_Record] = []
        self.current: _Record | None = None
        self.in_text = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.lower()
        if tag == "sentence":
            self.current = _Record(
                line=self.parser.CurrentLineNumber,
                id=attributes.get("id", "").strip() or None,
                date=attributes.get("date"),
                source=attributes.get("source", "").strip() or None,
                is_sentence=attributes.get("sentence", "").strip().lower() == "true",
            )
        elif tag == "text" and self.current is not None:
            self.in_text = True

    def end(self, name: str) -> None:
        tag = name.lower()
        if tag == "text":
            self.in_text = False
        elif tag == "sentence" and self.current is not None:
            self.records.append(self.current)
            self.current = None

    def characters(self, data: str) -> None:
        if self.in_text and self.current is not None:
            self.current.text.append(data)


def _parse(text: str) -> tuple[list[_Record], str | None]:
    """The `<Sentence>` records of a document, and why parsing stopped early (None: it did not)."""
    parser = expat.ParserCreate()
    handlers = _Handlers(parser)
    parser.StartElementHandler = handlers.start
    parser.EndElementHandler = handlers.end
    parser.CharacterDataHandler = handlers.characters
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        return handlers.records, f"line {exc.lineno}, column {exc.offset}: {expat.ErrorString(exc.code)}"
    except _EntityRefused:
        where = f"line {parser.CurrentLineNumber}"
        return handlers.records, f"{where}: an entity declaration (refused: PETRARCH input has none)"
    return handlers.records, None


def story_id(sentence_id: str) -> str:
    """The story a sentence id belongs to: ``AFP0808020857_1`` → ``AFP0808020857``,
    ``AFP0808-01-0625-6`` → ``AFP0808-01-0625``; ``DEMO-01`` is its own story."""
    head, underscore, _ = sentence_id.rpartition("_")
    if underscore and head:
        return head
    head, dash, tail = sentence_id.rpartition("-")
    if dash and "-" in head and VALIDATION_SENTENCE.fullmatch(tail):
        return head
    return sentence_id


def _stories(records: list[_Record]) -> list[list[_Record]]:
    """Records grouped by story, in the order each story first appears."""
    stories: dict[str, list[_Record]] = {}
    for number, record in enumerate(records):
        if record.id is None:
            key = f"\0{number}"  # no id: a story of its own, its id made from its content
        else:
            key = story_id(record.id) if record.is_sentence else record.id
        stories.setdefault(key, []).append(record)
    return list(stories.values())


def _story_date(records: list[_Record]) -> DateReading:
    for record in records:
        reading = read_date(record.date)
        if not reading.missing:
            return reading
    return DateReading()


def _document(records: list[_Record], name: str) -> RawDocument | Skip:
    first = records[0]
    origin = f"{name}:{first.line}"
    lines = [" ".join("".join(record.text).split()) for record in records]
    text = "\n".join(line for line in lines if line)
    if not text:
        return Skip(origin, "no_text", "<Sentence> without <Text>")
    identifier = None
    if first.id is not None:
        identifier = story_id(first.id) if first.is_sentence else first.id
    date = _story_date(records)
    return RawDocument(
        origin=origin,
        text=text,
        date=date.iso,
        date_problem=date.problem,
        source=next((record.source for record in records if record.source), None),
        id=identifier,
    )


def read_petrarch_xml(data: bytes, name: str) -> Iterator[RawDocument | Skip]:
    """One RawDocument per story of a PETRARCH-2 XML document, in file order; a `bad_xml` Skip
    after the stories read when the XML breaks off (or declares an entity)."""
    declared = XML_ENCODING.search(data[:200])
    text = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    if text is None:
        yield Skip(name, "binary", "not text in any encoding tried")
        return
    # The text is handed over decoded: its declaration must not make expat decode it again.
    records, problem = _parse(text.removeprefix("\ufeff"))
    for story in _stories(records):
        yield _document(story, name)
    if problem is not None:
        yield Skip(name, "bad_xml", problem[:200])
