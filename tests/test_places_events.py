"""Event and actor locations, on events built by hand over real parses of sentences written here.

The coder is not needed: each event's evidence is its real sentence and its verb a real token.
"""

import pytest

from tacitus.places import Geocoder
from tacitus.records import Actor, Article, Event, Span


@pytest.fixture(scope="module")
def geocoder():
    return Geocoder()


def actor(text, whole, code):
    start = whole.index(text)
    return Actor(text=text, code=code, country=code[:3], start=start, end=start + len(text))


def make_event(doc, verb, source=None, target=None):
    token = next(t for t in doc if t.text == verb)
    sent = token.sent
    return Event(
        doc_id="e",
        sentence=0,
        date=None,
        source=source.code if source else "",
        target=target.code if target else "",
        code="190",
        root_code="19",
        quad_class=4,
        goldstein=-10.0,
        plover={},
        source_actor=source,
        target_actor=target,
        evidence=Span(sent.text, sent.start_char, sent.end_char),
        verb=verb,
        rule=None,
    )


def locate(geocoder, nlp, text, verb, source=None, target=None):
    doc = nlp(text)
    event = make_event(doc, verb, source, target)
    geocoder.locate(Article(id="e", text=text), doc, [event])
    return event


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        ("Clashes in Tbilisi killed three people on Sunday.", "killed", "Tbilisi"),
        ("Troops entered central Iran on Tuesday.", "entered", "Iran"),
        (
            "Thousands of Kurds demonstrated in the northern city of Kirkuk on Sunday.",
            "demonstrated",
            "Kirkuk",
        ),
        ("Israeli tanks shelled positions near the town of Rafah.", "shelled", "Rafah"),
        ("BEIJING — Police arrested ten protesters in Shanghai on Friday.", "arrested", "Shanghai"),
    ],
)
def test_places_events_clause_place_first(nlp, geocoder, text, verb, place):
    event = locate(geocoder, nlp, text, verb)
    assert (event.location.name, event.location_source) == (place, "clause")


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        ("MOSCOW, Feb 4 (Reuters) - Russia criticized Iran on Thursday.", "criticized", "MOSCOW"),
        ("KYIV, Ukraine — The government rejected the proposal.", "rejected", "KYIV"),
    ],
)
def test_places_events_dateline_when_no_clause_place(nlp, geocoder, text, verb, place):
    event = locate(geocoder, nlp, text, verb)
    assert (event.location.name, event.location_source) == (place, "dateline")


@pytest.mark.parametrize(
    ("text", "verb", "source", "target"),
    [
        ("Russia criticized Iran on Thursday.", "criticized", ("Russia", "RUS"), ("Iran", "IRN")),
        (
            "Chinese officials agreed to US mediation.",
            "agreed",
            ("Chinese officials", "CHNGOV"),
            ("US", "USA"),
        ),
        ("Japan halted economic aid to Serbia.", "halted", ("Japan", "JPN"), ("Serbia", "SRB")),
    ],
)
def test_places_events_never_invented_from_actors(nlp, geocoder, text, verb, source, target):
    event = locate(
        geocoder, nlp, text, verb, actor(*source[:1], text, source[1]), actor(target[0], text, target[1])
    )
    assert (event.location, event.location_source) == (None, None)


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        (
            "Kyiv's mayor met the governor of Texas in Paris.",
            "Kyiv's mayor",
            "the governor of Texas",
            ("Paris", "Kyiv", "Texas"),
        ),
    ],
)
def test_places_events_actor_locations_from_text(nlp, geocoder, text, source, target, expected):
    event = locate(geocoder, nlp, text, "met", actor(source, text, "UKRGOV"), actor(target, text, "USAGOV"))
    found = (event.location.name, event.source_location.name, event.target_location.name)
    assert found == expected


@pytest.mark.parametrize("text", ["Clashes in Tbilisi killed three people on Sunday."])
def test_places_events_location_round_trips_through_dict(nlp, geocoder, text):
    event = locate(geocoder, nlp, text, "killed")
    again = Event.from_dict(event.as_dict())
    assert again == event and again.location.country == "GEO"


@pytest.mark.parametrize("text", ["Rebels attacked Kabul. Two days later troops entered Kandahar."])
def test_places_events_each_event_gets_its_own_sentence_place(nlp, geocoder, text):
    doc = nlp(text)
    events = [make_event(doc, "attacked"), make_event(doc, "entered")]
    geocoder.locate(Article(id="e", text=text), doc, events)
    assert [e.location.name for e in events] == ["Kabul", "Kandahar"]


@pytest.mark.parametrize("text", ["Troops entered Iran."])
def test_places_events_doc_of_other_text_is_refused(nlp, geocoder, text):
    from tacitus.places import PlacesError

    with pytest.raises(PlacesError, match="the Doc is not the parse of the article text"):
        geocoder.locate(Article(id="e", text=text + " "), nlp(text))


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [("Israeli tanks shelled positions near the town of Rafah.", "shelled", "Rafah")],
)
@pytest.mark.parametrize("run_ner", [False, True])
def test_places_events_doc_without_entities(text, verb, place, run_ner):
    from tacitus.nlp import load_model

    doc = load_model(exclude=["ner"])(text)  # as the coder parses
    assert not doc.has_annotation("ENT_IOB")
    event = make_event(doc, verb)
    Geocoder(run_ner=run_ner).locate(Article(id="e", text=text), doc, [event])
    assert (event.location.name, event.location_source) == (place, "clause")
