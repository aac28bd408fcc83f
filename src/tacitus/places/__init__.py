"""Places stage: find place names in an article, resolve them to GeoNames entries, locate events.

Reads: the article text, its spaCy Doc (dependency parse; entities, which it adds with the model's
NER when the Doc has none, as the coder's Docs do) and, optionally, its events
(actors' countries are context; evidence spans and verbs find the event's clause).
Adds: a `Location` per place mention; `Event.location` with its `method` (the rule that placed
the event: ``clause``, ``sentence``, ``lead``, ``actor_country``, ``document`` or ``dateline``; see
`tacitus.places.event_location`), `Event.location_source` (the same method) and
`Event.source_location`/`target_location` where the text gives an actor's place.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from tacitus.errors import TacitusError
from tacitus.places.attach import attach_actor_locations
from tacitus.places.event_location import ArticlePlaces, actor_document_country, lead_end, locate_events
from tacitus.places.gazetteer import Gazetteer, load_gazetteer
from tacitus.places.resolve import Resolution, resolve_mentions
from tacitus.places.toponyms import find_mentions
from tacitus.records import Actor, Article, Event, Location, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Geocoder", "PlacesError", "document_countries", "locate_articles"]

log = logging.getLogger(__name__)
logging.getLogger(__name__).addHandler(logging.NullHandler())


NOT_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


class PlacesError(TacitusError):
    """The places stage was given inputs that do not belong together."""

    code = "E052"


class Geocoder:
    """Resolves the places of articles against the gazetteer, which it loads once.

    Example:
        >>> geocoder = Geocoder()
        >>> locations = geocoder.locate(article, nlp(article.text), events)
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, run_ner: bool = False) -> None:
        """Args:
        gazetteer: the gazetteer to resolve against (default: the packaged one, loaded once).
        run_ner: for a Doc parsed without NER (as the coder parses), run the model's NER
            first. Off by default: capitalised runs that are gazetteer names stand in for
            entities at a fraction of the cost (see docs/places.md for both figures).
        """
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.run_ner = run_ner
        self._ner: Callable[[Doc], Doc] | None = None

    def _with_entities(self, doc: Doc) -> Doc:
        """`doc`, with named entities added by the model's NER if asked and missing."""
        if not self.run_ner or doc.has_annotation("ENT_IOB"):
            return doc
        if self._ner is None:
            from tacitus.nlp import load_model

            # The NER of the default model carries its own token vectors: it runs on any Doc,
            # and loaded alone it costs no second copy of the tagger and parser.
            self._ner = load_model(exclude=NOT_NER).get_pipe("ner")
        return self._ner(doc)

    def locate(
        self,
        article: Article,
        doc: Doc,
        events: list[Event] | None = None,
        actors: list[Actor] | None = None,
    ) -> list[Location]:
        """The places named in `article`, in text order; also fills the events' locations.

        Args:
            article: the article; offsets of the locations point into `article.text`.
            doc: the spaCy Doc of `article.text` (from `tacitus.nlp.load_model()`).
            events: the article's events, if coded: their actors' countries are context, and
                each gets `location`, `location_source`, `source_location`, `target_location`.
            actors: all the article's actor mentions, if coded (the coder's `CodedArticle.actors`):
                the state they name most is a country the article is about. Without them, the
                events' actors are counted instead.

        Raises:
            PlacesError: `doc` is not the parse of `article.text`.
        """
        if doc.text != article.text:
            raise PlacesError(
                f"article {article.id}: the Doc is not the parse of the article text - "
                "parse article.text itself (offsets of places point into it)"
            )
        events = events or []
        doc = self._with_entities(doc)
        mentions = find_mentions(doc, self.gazetteer)
        resolutions = resolve_mentions(self.gazetteer, mentions, article.text, _actor_countries(events))
        # Every demonym is context for resolution; only one that names a place is a location.
        located = [(res, self._location(article.id, res)) for res in resolutions if res.mention.names_place]
        if events:
            self._attach(doc, events, located, actors)
        return [location for _, location in located]

    def _attach(
        self,
        doc: Doc,
        events: list[Event],
        located: list[tuple[Resolution, Location]],
        actors: list[Actor] | None,
    ) -> None:
        places = [
            (location, res.mention.root)
            for res, location in located
            if res.mention.kind in ("entity", "token") and res.mention.root is not None
        ]
        dateline_res = next((res for res, _ in located if res.mention.kind == "dateline"), None)
        dateline = next((loc for res, loc in located if res is dateline_res), None)
        body_start = (dateline_res.mention.header_end or dateline_res.mention.end) if dateline_res else 0
        mentions = actors if actors is not None else _event_actors(events)
        article_places = ArticlePlaces(
            doc=doc,
            gazetteer=self.gazetteer,
            places=places,
            dateline=dateline,
            lead_end=lead_end(doc, body_start),
            about=_countries_about(
                [loc for _, loc in located if loc.mention != "dateline"],
                actor_document_country(mentions, self.gazetteer),
            ),
        )
        locate_events(events, article_places)
        attach_actor_locations(doc, events, places)

    def _location(self, doc_id: str, resolution: Resolution) -> Location:
        mention = resolution.mention
        return resolution.place.location(
            doc_id,
            name=mention.text,
            confidence=resolution.confidence,
            evidence=Span(mention.text, mention.start, mention.end),
            mention=mention.kind,
        )


def locate_articles(
    articles: Iterable[Article],
    *,
    geocoder: Geocoder | None = None,
    nlp: Language | None = None,
    batch_size: int = 32,
) -> Iterator[tuple[Article, list[Location]]]:
    """Parse and geolocate `articles` (no events): each article with its places, in input order."""
    from tacitus.nlp import load_model

    geocoder = geocoder if geocoder is not None else Geocoder()
    nlp = nlp if nlp is not None else load_model()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _locate_batch(batch, geocoder, nlp)
            batch = []
    yield from _locate_batch(batch, geocoder, nlp)


def _locate_batch(
    batch: list[Article], geocoder: Geocoder, nlp: Language
) -> Iterator[tuple[Article, list[Location]]]:
    for article, doc in zip(batch, nlp.pipe(a.text for a in batch), strict=True):
        yield article, geocoder.locate(article, doc)


def _event_actors(events: Iterable[Event]) -> list[Actor]:
    return [a for e in events for a in (e.source_actor, e.target_actor) if a is not None]


def _countries_about(body: list[Location], actor_country: str | None) -> list[str]:
    """The countries the article is about (`document_countries` of its body, without the
    dateline, and its actors' document country), the actors' first, then in text order."""
    about = set(document_countries(body))
    ordered = [actor_country] if actor_country else []
    ordered += [loc.country for loc in body if loc.country in about]
    return list(dict.fromkeys(c for c in ordered if c))


def _actor_countries(events: Iterable[Event]) -> list[str]:
    countries = set()
    for event in events:
        for actor in (event.source_actor, event.target_actor):
            if actor is not None and actor.country and len(actor.country) == 3:
                countries.add(actor.country)
    return sorted(countries)


def document_countries(
    locations: Iterable[Location],
    *,
    min_mentions: int = 2,
    lead_chars: int = 300,
    min_confidence: float = 0.5,
    demonyms: bool = True,
) -> list[str]:
    """The ISO3 countries an article is about, sorted (country-level document tagging).

    A country counts when the dateline is in it, when it is named (itself, or a place in it) at
    least `min_mentions` times, or when it is named in the first `lead_chars` characters; places
    below `min_confidence` do not count. Passing mentions deep in a story ("exports to Japan")
    are not what the story is about: newsroom editors do not tag them either.
    """
    kept = [
        location
        for location in locations
        if location.country
        and location.confidence >= min_confidence
        and (demonyms or location.mention != "demonym")
    ]
    counts = Counter(location.country for location in kept)
    found = {
        location.country
        for location in kept
        if location.mention == "dateline"
        or counts[location.country] >= min_mentions
        or location.evidence.start < lead_chars
    }
    return sorted(c for c in found if c)
