"""Typed records that flow one way through the stages: Article → Sentence → Actor/Event/Quote/Location."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of an article's text, by character offsets into `Article.text`."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(text=data["text"], start=int(data["start"]), end=int(data["end"]))


@dataclass(slots=True)
class Article:
    """One news article as ingested: the unit the coder works on.

    `origin` says where it came from (``path``, ``path:line`` or ``path@warc-offset``);
    `duplicate_of` is set by deduplication to the id of the article kept. `date_problem` says
    why `date` is not the source's own: ``missing`` (the source gave none) or the value that
    could not be read and why; None when the source's date was read. An undated article may
    still get a `date` from a `--date` default; `date_problem` then keeps saying why.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    language: str | None = None
    content_hash: str | None = None
    origin: str | None = None
    author: str | None = None
    duplicate_of: str | None = None
    date_problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of an article: its index and offsets into the article text."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Actor:
    """A resolved actor mention: the text as written and the CAMEO code it stands for.

    `country` is the code's first block when it is a country, a non-state generic or a
    region (``CHN``, ``IGO``, ``MEA``), never a sector: None for ``---GOV`` or a bare
    ``MED``; `sector` the blocks after it in order (``GOVMIL``; ``MED``), None without any; `name`
    the canonical name of a dictionary person entry (``Sergey Lavrov``), only when the
    identification is that sure: never a name read off the text for a generic code.
    """

    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    start: int = -1
    end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            text=data["text"],
            code=data["code"],
            country=data.get("country"),
            sector=data.get("sector"),
            name=data.get("name"),
            start=int(data.get("start", -1)),
            end=int(data.get("end", -1)),
        )


@dataclass(slots=True, frozen=True)
class Rule:
    """The dictionary pattern that produced an event: file, line and the pattern text."""

    file: str
    line: int
    pattern: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "pattern": self.pattern}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        return cls(file=data["file"], line=int(data["line"]), pattern=data["pattern"])


MODALITIES = ("asserted", "intended", "hypothetical", "future")


@dataclass(slots=True)
class Event:
    """One coded event mention: source → target, CAMEO code, PLOVER type, evidence.

    The JSONL field names of `as_dict` are a public contract: `docs/store.md` and the PLOVER
    export rely on them.
    """

    doc_id: str
    sentence: int
    date: str | None
    source: str
    target: str
    code: str
    root_code: str
    quad_class: int | None
    goldstein: float | None
    plover: dict[str, str | None]
    source_actor: Actor | None
    target_actor: Actor | None
    evidence: Span
    verb: str
    rule: Rule | None
    negated: bool = False
    modality: str = "asserted"
    reported_by: Actor | None = None
    issues: list[str] = field(default_factory=list)
    # Filled by the places stage: where the event happened and how that was chosen
    # (`location_source` is always `location.method`: ``clause``, ``sentence``, ``lead``,
    # ``actor_country``, ``document`` or ``dateline``; kept as a field for the JSONL contract),
    # and where the source and target actors are from when the text says so ("Kyiv's mayor").
    location: Location | None = None
    location_source: str | None = None
    source_location: Location | None = None
    target_location: Location | None = None
    # Identity and trust. `verb_start`/`verb_end`: the verb token's character offsets
    # in `Article.text` (-1: unknown). `event_id`: a hash of article, sentence, verb offset, actors
    # and code, the same in every run (`tacitus.events.identity`); `mirror_of`: the `event_id` of
    # the forward event this one mirrors (the reverse half of a paired code ``[a:b]`` or of a
    # reciprocal pair), None for a forward event. `confidence`: the probability, in [0, 1], that
    # a coder would record this event (`tacitus.events.confidence`); None: never scored (events
    # stored before schema 3).
    verb_start: int = -1
    verb_end: int = -1
    event_id: str | None = None
    mirror_of: str | None = None
    confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "date": self.date,
            "source": self.source,
            "target": self.target,
            "code": self.code,
            "root_code": self.root_code,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": dict(self.plover),
            "source_actor": self.source_actor.as_dict() if self.source_actor else None,
            "target_actor": self.target_actor.as_dict() if self.target_actor else None,
            "evidence": self.evidence.as_dict(),
            "verb": self.verb,
            "rule": self.rule.as_dict() if self.rule else None,
            "negated": self.negated,
            "modality": self.modality,
            "reported_by": self.reported_by.as_dict() if self.reported_by else None,
            "issues": list(self.issues),
            "location": self.location.as_dict() if self.location else None,
            "location_source": self.location_source,
            "source_location": self.source_location.as_dict() if self.source_location else None,
            "target_location": self.target_location.as_dict() if self.target_location else None,
            "verb_start": self.verb_start,
            "verb_end": self.verb_end,
            "mirror_of": self.mirror_of,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        def actor(key: str) -> Actor | None:
            return Actor.from_dict(data[key]) if data.get(key) else None

        def location(key: str) -> Location | None:
            return Location.from_dict(data[key]) if data.get(key) else None

        return cls(
            doc_id=data["doc_id"],
            sentence=int(data["sentence"]),
            date=data.get("date"),
            source=data["source"],
            target=data["target"],
            code=data["code"],
            root_code=data["root_code"],
            quad_class=None if data.get("quad_class") is None else int(data["quad_class"]),
            goldstein=None if data.get("goldstein") is None else float(data["goldstein"]),
            plover=dict(data.get("plover") or {}),
            source_actor=actor("source_actor"),
            target_actor=actor("target_actor"),
            evidence=Span.from_dict(data["evidence"]),
            verb=data.get("verb", ""),
            rule=Rule.from_dict(data["rule"]) if data.get("rule") else None,
            negated=bool(data.get("negated", False)),
            modality=data.get("modality", "asserted"),
            reported_by=actor("reported_by"),
            issues=list(data.get("issues") or []),
            location=location("location"),
            location_source=data.get("location_source"),
            source_location=location("source_location"),
            target_location=location("target_location"),
            verb_start=int(data.get("verb_start", -1)),
            verb_end=int(data.get("verb_end", -1)),
            event_id=data.get("event_id"),
            mirror_of=data.get("mirror_of"),
            confidence=None if data.get("confidence") is None else float(data["confidence"]),
        )


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the span as written and the actor it resolves to."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            name=data.get("name"),
            code=data.get("code"),
            country=data.get("country"),
            sector=data.get("sector"),
        )


@dataclass(slots=True)
class Quote:
    """A direct, indirect or mixed quotation with its cue and speaker."""

    doc_id: str
    kind: str  # direct | indirect | mixed
    content: Span
    cue: Span | None
    speaker: Speaker | None
    sentence: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "content": self.content.as_dict(),
            "cue": self.cue.as_dict() if self.cue else None,
            "speaker": self.speaker.as_dict() if self.speaker else None,
            "sentence": self.sentence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            doc_id=data["doc_id"],
            kind=data["kind"],
            content=Span.from_dict(data["content"]),
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else None,
            sentence=int(data["sentence"]),
        )


@dataclass(slots=True)
class Location:
    """A place named in an article, resolved to one gazetteer entry.

    `name` is the text as written, `resolved_name` the gazetteer's name; `gazetteer_id` the GeoNames
    id (GDELT's FeatureID); `country` ISO3 and `fips` FIPS 10-4; `admin1` the GDELT-style ADM1 code
    (FIPS country + GeoNames admin1 code, the FIPS country alone for a country); `geo_type` GDELT's
    1 country, 2 US state, 3 US city, 4 world city, 5 world state; `mention` how the name was found
    (``entity``, ``dateline``, ``demonym``, ``token``; ``actor`` or ``document`` for a country an
    event was placed in from its actor's or its article's country).

    `method` is set only on an event's location (`Event.location`): the rule that placed the event
    there (``clause``, ``sentence``, ``lead``, ``actor_country``, ``document``, ``dateline``; see
    `tacitus.places.event_location`). The places an article names have none.
    """

    doc_id: str
    name: str
    gazetteer_id: str | None
    country: str | None  # ISO3
    fips: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    confidence: float
    evidence: Span
    resolved_name: str | None = None
    feature_code: str | None = None
    geo_type: int | None = None
    mention: str | None = None
    method: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = self.evidence.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["evidence"] = Span.from_dict(data["evidence"])
        return cls(**values)
