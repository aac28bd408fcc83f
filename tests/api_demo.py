"""A small real store for API and dashboard tests: the packaged example articles (plus three
CHN-RUS reports and one hostile article written here), with hand-coded events, actors, quotes
and places as `tacitus.records` objects, written by the store's own `write_batch`."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path

from tacitus.cameo import code_info
from tacitus.events.identity import event_id
from tacitus.records import Actor, Article, Event, Location, Quote, Rule, Span, Speaker
from tacitus.store.connection import connect
from tacitus.store.rows import StoredArticle, location_json
from tacitus.store.writer import write_batch

# Extra reports, invented for these tests, so that the CHN-RUS dyad has points in several months.
EXTRA_ARTICLES = [
    Article(
        id="tacitus-cr-1",
        date="2021-03-23",
        title="Lavrov visits China for talks with Wang Yi",
        source="Tacitus test wire",
        text="GUILIN, March 23 (Tacitus Wire) - Russian Foreign Minister Sergei Lavrov visited China "
        "on Tuesday for talks with Wang Yi.\n\nChina praised Russia for its support at the "
        "United Nations.",
    ),
    Article(
        id="tacitus-cr-2",
        date="2021-05-10",
        title="Russia accuses Chinese fishing vessels",
        source="Tacitus test wire",
        text="MOSCOW, May 10 (Tacitus Wire) - Russia accused China of letting fishing vessels enter "
        "its waters near Vladivostok.\n\nChina criticized Russia for detaining the crews.",
    ),
    Article(
        id="tacitus-cr-3",
        date="2021-06-28",
        title="Xi and Putin sign joint statement",
        source="Tacitus test wire",
        text="BEIJING, June 28 (Tacitus Wire) - Chinese President Xi Jinping and Russian President "
        "Vladimir Putin signed an agreement extending their friendship treaty.\n\n"
        '"Our partnership is stronger than ever," Putin said.',
    ),
]

XSS_TITLE = '<script>window.__xss = "title"; alert("title")</script>'
XSS_SENTENCE = (
    "France <img src=x onerror=\"window.__xss = 'text'; alert(1)\"> criticized Germany "
    '<script>window.__xss = "script"; alert(2)</script> over trade.'
)
HOSTILE_ARTICLE = Article(
    id="hostile-001",
    date="2021-01-05",
    title=XSS_TITLE,
    source="<b>wire</b>",
    text=f"PARIS, Jan 5 (Tacitus Wire) - {XSS_SENTENCE}",
)

# (article id, evidence substring, source code, source text, target code, target text, CAMEO code)
EVENTS = [
    (
        "example-001",
        "Wang Yi held a telephone conversation",
        "CHNGOV",
        "Wang Yi",
        "RUSGOV",
        "Sergei Lavrov",
        "040",
    ),
    ("example-001", "China firmly supports Russia", "CHN", "China", "RUS", "Russia", "051"),
    (
        "example-001",
        "Russia is ready to strengthen cooperation with China",
        "RUS",
        "Russia",
        "CHN",
        "China",
        "036",
    ),
    (
        "example-002",
        "Pakistani troops fired on Indian positions",
        "PAKMIL",
        "Pakistani troops",
        "INDMIL",
        "Indian",
        "190",
    ),
    (
        "example-002",
        "India accused Pakistan of violating the ceasefire",
        "IND",
        "India",
        "PAK",
        "Pakistan",
        "112",
    ),
    (
        "example-003",
        "The European Union imposed sanctions on Belarus",
        "IGOEUREEC",
        "European Union",
        "BLR",
        "Belarus",
        "163",
    ),
    (
        "example-003",
        "The Belarusian government condemned the decision",
        "BLRGOV",
        "Belarusian government",
        "IGOEUREEC",
        "European",
        "111",
    ),
    (
        "example-004",
        "Japan pledged 14 million dollars in emergency aid to Nepal",
        "JPN",
        "Japan",
        "NPL",
        "Nepal",
        "070",
    ),
    (
        "example-005",
        "Venezuelan police fired tear gas at the demonstrators",
        "VENCOP",
        "Venezuelan police",
        "VENOPP",
        "demonstrators",
        "180",
    ),
    (
        "example-005",
        "The United States criticized the Venezuelan government",
        "USA",
        "United States",
        "VENGOV",
        "Venezuelan government",
        "111",
    ),
    (
        "example-006",
        "France and Mali signed an agreement on military cooperation",
        "FRA",
        "France",
        "MLI",
        "Mali",
        "057",
    ),
    (
        "example-007",
        "Israeli aircraft attacked targets in the Gaza Strip",
        "ISRMIL",
        "Israeli aircraft",
        "PSE",
        "Gaza Strip",
        "195",
    ),
    (
        "example-008",
        "Iranian negotiators met American diplomats in Geneva",
        "IRNGOV",
        "Iranian negotiators",
        "USAGOV",
        "American diplomats",
        "040",
    ),
    ("tacitus-cr-1", "Sergei Lavrov visited China", "RUSGOV", "Sergei Lavrov", "CHN", "China", "042"),
    ("tacitus-cr-1", "China praised Russia", "CHN", "China", "RUS", "Russia", "051"),
    (
        "tacitus-cr-2",
        "Russia accused China of letting fishing vessels enter",
        "RUS",
        "Russia",
        "CHN",
        "China",
        "112",
    ),
    (
        "tacitus-cr-2",
        "China criticized Russia for detaining the crews",
        "CHN",
        "China",
        "RUS",
        "Russia",
        "111",
    ),
    (
        "tacitus-cr-3",
        "Vladimir Putin signed an agreement",
        "RUSGOV",
        "Vladimir Putin",
        "CHNGOV",
        "Xi Jinping",
        "057",
    ),
    ("hostile-001", XSS_SENTENCE, "FRA", "France", "DEU", "Germany", "111"),
    # Two events the confidence model doubts, below the default threshold: the host half of the
    # visit (a mirror of the 042 above) and a misread "detaining" (RUS -> CHN arrest).
    ("tacitus-cr-1", "Sergei Lavrov visited China", "CHN", "China", "RUSGOV", "Sergei Lavrov", "043"),
    (
        "tacitus-cr-2",
        "China criticized Russia for detaining the crews",
        "RUS",
        "Russia",
        "CHN",
        "China",
        "173",
    ),
]
# Confidence of the events above (article id, evidence, code) → score; every other event 0.9.
LOW_CONFIDENCE = {
    ("tacitus-cr-1", "Sergei Lavrov visited China", "043"): 0.35,
    ("tacitus-cr-2", "China criticized Russia for detaining the crews", "173"): 0.2,
}
# Reverse halves: (article id, code) of the mirror → code of its forward event in the same article.
MIRRORS = {("tacitus-cr-1", "043"): "042"}

# (article id, speaker text, speaker code, quote content)
QUOTES = [
    (
        "example-001",
        "Wang",
        "CHNGOV",
        "China firmly supports Russia in safeguarding its sovereignty and security",
    ),
    (
        "example-001",
        "Lavrov",
        "RUSGOV",
        "Russia is ready to strengthen cooperation with China on vaccines and trade",
    ),
    ("tacitus-cr-3", "Putin", "RUSGOV", "Our partnership is stronger than ever"),
    ("hostile-001", "France", "FRA", "<img src=x onerror=\"window.__xss = 'text'; alert(1)\">"),
]

# (article id, name as written, gazetteer id, ISO3, lat, lon)
PLACES = [
    ("example-001", "BEIJING", "1816670", "CHN", 39.91, 116.40),
    ("example-001", "Moscow", "524901", "RUS", 55.75, 37.62),
    ("example-002", "ISLAMABAD", "1176615", "PAK", 33.72, 73.04),
    ("example-002", "Kotli", "1173464", "PAK", 33.52, 73.90),
    ("example-003", "BRUSSELS", "2800866", "BEL", 50.85, 4.35),
    ("example-003", "Minsk", "625144", "BLR", 53.90, 27.57),
    ("example-004", "Kathmandu", "1283240", "NPL", 27.70, 85.32),
    ("example-005", "Caracas", "3646738", "VEN", 10.49, -66.88),
    ("example-006", "BAMAKO", "2460596", "MLI", 12.65, -8.00),
    ("example-007", "Gaza Strip", "7303944", "PSE", 31.42, 34.38),
    ("example-008", "Geneva", "2660646", "CHE", 46.20, 6.14),
    ("tacitus-cr-2", "Vladivostok", "2013348", "RUS", 43.11, 131.87),
    ("tacitus-cr-3", "BEIJING", "1816670", "CHN", 39.91, 116.40),
]


# Where events happened, as the places stage records it: (article id, event ordinal) → a place
# above, or one named here only (Guilin), so that the event-location filter is tested apart.
EVENT_LOCATIONS = {
    ("example-001", 0): ("example-001", "BEIJING", "1816670", "CHN", 39.91, 116.40),
    ("example-002", 0): ("example-002", "Kotli", "1173464", "PAK", 33.52, 73.90),
    ("example-003", 0): ("example-003", "BRUSSELS", "2800866", "BEL", 50.85, 4.35),
    ("example-005", 0): ("example-005", "Caracas", "3646738", "VEN", 10.49, -66.88),
    ("example-007", 0): ("example-007", "Gaza Strip", "7303944", "PSE", 31.42, 34.38),
    ("example-008", 0): ("example-008", "Geneva", "2660646", "CHE", 46.20, 6.14),
    ("tacitus-cr-1", 0): ("tacitus-cr-1", "GUILIN", "1809858", "CHN", 25.28, 110.29),
    ("tacitus-cr-2", 0): ("tacitus-cr-2", "Vladivostok", "2013348", "RUS", 43.11, 131.87),
}


def event_location(doc_id: str, ordinal: int) -> Location | None:
    """The location the demo store gives event `ordinal` of article `doc_id`, if any."""
    row = EVENT_LOCATIONS.get((doc_id, ordinal))
    if row is None:
        return None
    article = next(a for a in example_articles() if a.id == doc_id)
    return dataclasses.replace(_place(article, row), method="clause")  # placed by its clause


def example_articles() -> list[Article]:
    """The packaged example articles, then the extra and hostile ones of this module."""
    text = resources.files("tacitus").joinpath("data", "examples", "articles.jsonl").read_text("utf-8")
    articles = [Article.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
    return articles + EXTRA_ARTICLES + [HOSTILE_ARTICLE]


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(text=needle, start=start, end=start + len(needle))


def _actor(text: str, code: str, mention: str, within: Span) -> Actor:
    # The mention nearest after the evidence start, else the first one in the text.
    span = _span(text, mention, within.start if mention in text[within.start :] else 0)
    return Actor(
        text=mention, code=code, country=code[:3], sector=code[3:] or None, start=span.start, end=span.end
    )


def _event(article: Article, row: tuple[str, ...]) -> Event:
    _, evidence, source, source_text, target, target_text, code = row
    info = code_info(code)
    span = _span(article.text, evidence)
    sentence = article.text[: span.start].count("\n\n")
    return Event(
        doc_id=article.id,
        sentence=sentence,
        date=article.date,
        source=source,
        target=target,
        code=code,
        root_code=info.root_code,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover={"event_type": info.plover_event, "mode": info.plover_mode, "context": info.plover_context},
        source_actor=_actor(article.text, source, source_text, span),
        target_actor=_actor(article.text, target, target_text, span),
        evidence=span,
        verb=evidence.split()[1],
        rule=Rule(file="test.verbs", line=1, pattern=evidence),
        verb_start=span.start,
        verb_end=span.end,
        event_id=event_id(article.id, sentence, span.start, source, target, code),
        confidence=LOW_CONFIDENCE.get((article.id, evidence, code), 0.9),
    )


def _link_mirrors(events: list[Event]) -> None:
    for found in events:
        forward = MIRRORS.get((found.doc_id, found.code))
        if forward is not None:
            found.mirror_of = next(e.event_id for e in events if e.code == forward)


def _quote(article: Article, row: tuple[str, ...], ordinal: int) -> Quote:
    _, speaker_text, code, content = row
    content_span = _span(article.text, content)
    speaker_span = _span(article.text, speaker_text)
    speaker = Speaker(
        text=speaker_text,
        start=speaker_span.start,
        end=speaker_span.end,
        code=code,
        country=code[:3],
        sector=code[3:] or None,
        name=speaker_text,
    )
    return Quote(
        doc_id=article.id,
        kind="direct" if '"' in article.text else "indirect",
        content=content_span,
        cue=None,
        speaker=speaker,
        sentence=article.text[: content_span.start].count("\n\n"),
    )


def _place(article: Article, row: tuple) -> Location:
    _, name, gazetteer_id, country, lat, lon = row
    return Location(
        doc_id=article.id,
        name=name.title(),
        gazetteer_id=gazetteer_id,
        country=country,
        fips=None,
        admin1=None,
        lat=lat,
        lon=lon,
        feature_class="P",
        confidence=0.9,
        evidence=_span(article.text, name),
    )


def stored_articles() -> list[StoredArticle]:
    """Every test article with its events, actors, quotes and places."""
    batch = []
    for article in example_articles():
        events = [_event(article, row) for row in EVENTS if row[0] == article.id]
        _link_mirrors(events)
        actors = sorted(
            {id(a): a for e in events for a in (e.source_actor, e.target_actor) if a}.values(),
            key=lambda a: (a.start, a.end),
        )
        quotes = [_quote(article, row, i) for i, row in enumerate(r for r in QUOTES if r[0] == article.id)]
        places = [_place(article, row) for row in PLACES if row[0] == article.id]
        batch.append(
            StoredArticle(article=article, events=events, actors=actors, quotes=quotes, locations=places)
        )
    return batch


def _write_event_locations(con) -> None:
    # Set through the store's own JSON form, whether or not this Event record has the fields yet.
    for (doc_id, ordinal), _ in sorted(EVENT_LOCATIONS.items()):
        location = event_location(doc_id, ordinal)
        con.execute(
            "UPDATE events SET location = ?, location_source = 'clause' WHERE doc_id = ? AND ordinal = ?",
            [location_json(location), doc_id, ordinal],
        )


def build_demo_store(path: Path) -> Path:
    """Write the demo store at `path` (a new file) and return the path."""
    con = connect(path)
    try:
        write_batch(con, stored_articles())
        _write_event_locations(con)
    finally:
        con.close()
    return path
