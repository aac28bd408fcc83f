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


def make_event(doc, verb, source=None, target=None, quad_class=4):
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
        quad_class=quad_class,
        goldstein=-10.0,
        plover={},
        source_actor=source,
        target_actor=target,
        evidence=Span(sent.text, sent.start_char, sent.end_char),
        verb=verb,
        rule=None,
    )


def locate(geocoder, nlp, text, verb, source=None, target=None, quad_class=4):
    doc = nlp(text)
    event = make_event(doc, verb, source, target, quad_class)
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
        ("KYIV, Ukraine — The government rejected the proposal.", "rejected", "KYIV"),
        ("BEIJING — Talks resumed on Friday after a week.", "resumed", "BEIJING"),
    ],
)
def test_places_events_dateline_only_when_body_names_no_place(nlp, geocoder, text, verb, place):
    event = locate(geocoder, nlp, text, verb)
    found = (event.location.name, event.location.method, event.location_source)
    assert found == (place, "dateline", "dateline")


# Written here: the reporter is in Cairo, the attack was in Tunis.
TUNIS = (
    "CAIRO (AP) — Gunmen attacked the Bardo museum in Tunis on Wednesday, killing 20 foreign "
    "tourists. Security forces stormed the museum hours later and freed the hostages. "
    "The prime minister promised to hunt down the militants."
)


@pytest.mark.parametrize(
    ("verb", "place", "method"),
    [("attacked", "Tunis", "clause"), ("stormed", "Tunis", "lead"), ("promised", "Tunis", "lead")],
)
def test_places_events_placed_where_it_happened_not_at_dateline(nlp, geocoder, verb, place, method):
    event = locate(geocoder, nlp, TUNIS, verb)
    found = (event.location.name, event.location.country, event.location.method, event.location_source)
    assert found == (place, "TUN", method, method)


@pytest.mark.parametrize(
    ("text", "verb", "place", "method"),
    [
        # The body names Russia: a point in it; the dateline lies there and gives the point.
        ("MOSCOW, Feb 4 (Reuters) - Russia criticized Iran on Thursday.", "criticized", "MOSCOW", "sentence"),
        ("LONDON (Reuters) - Sudan expelled two aid agencies on Sunday.", "expelled", "Sudan", "sentence"),
    ],
)
def test_places_events_sentence_place_before_dateline(nlp, geocoder, text, verb, place, method):
    event = locate(geocoder, nlp, text, verb)
    assert (event.location.name, event.location.method) == (place, method)


@pytest.mark.parametrize(
    ("text", "method"),
    [
        (
            "LONDON (Reuters) - Kenyan police arrested 40 protesters on Sunday, officials in Nairobi said.",
            "sentence",
        ),
        (
            "WASHINGTON (AP) - Kenyan police arrested 40 protesters on Sunday. "
            "The clashes began in Nairobi on Friday.",
            "lead",
        ),
    ],
)
def test_places_events_actor_country_place_in_sentence_then_lead(nlp, geocoder, text, method):
    event = locate(geocoder, nlp, text, "arrested", actor("Kenyan police", text, "KENCOP"))
    assert (event.location.name, event.location.method) == ("Nairobi", method)


@pytest.mark.parametrize(
    ("text", "verb", "source", "target", "quad_class", "country"),
    [
        # Verbal: the source's country; material: the target's. The actor's own word is no place.
        ("Russia criticized Iran on Thursday.", "criticized", ("Russia", "RUS"), ("Iran", "IRN"), 1, "RUS"),
        ("Japan halted economic aid to Serbia.", "halted", ("Japan", "JPN"), ("Serbia", "SRB"), 4, "SRB"),
    ],
)
def test_places_events_actor_country_the_article_names(
    nlp, geocoder, text, verb, source, target, quad_class, country
):
    source_actor, target_actor = actor(*source[:1], text, source[1]), actor(target[0], text, target[1])
    event = locate(geocoder, nlp, text, verb, source_actor, target_actor, quad_class)
    assert (event.location.country, event.location.method) == (country, "actor_country")


@pytest.mark.parametrize(
    ("text", "verb", "source"),
    [("Chinese officials agreed to the proposal.", "agreed", ("Chinese officials", "CHNGOV"))],
)
def test_places_events_never_invented_from_unnamed_actor_country(nlp, geocoder, text, verb, source):
    event = locate(geocoder, nlp, text, verb, actor(source[0], text, source[1]), None, 1)
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
