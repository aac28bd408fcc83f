"""Places on the coder's output (runs once `tacitus.coder` is on the branch; skipped before)."""

import pytest

from tacitus.places import Geocoder
from tacitus.records import Article

TEXT = (
    "MOSCOW, Feb 4 (Reuters) - Israeli tanks shelled positions near the town of Rafah. "
    "Russia criticized Germany on Wednesday."
)


@pytest.mark.parametrize(
    ("verb", "place", "how"), [("shelled", "Rafah", "clause"), ("criticized", "MOSCOW", "actor_country")]
)
def test_places_pipeline_locates_coded_events(verb, place, how):
    coder_module = pytest.importorskip("tacitus.coder")
    coded = next(coder_module.Coder().code_articles([Article(id="p", text=TEXT)]))
    events = [event for event in coded.events if event.verb == verb]
    if not events:
        pytest.skip(f"the coder coded no event on {verb!r}")
    Geocoder().locate(coded.article, coded.doc, coded.events)
    assert {(e.location.name, e.location_source) for e in events} == {(place, how)}


# Written here: reported from one city about events in another country (the Tunis
# museum attack reported from Cairo was placed in Cairo, a Sudan story from London in London).
ELSEWHERE = [
    (
        "CAIRO (AP) — Gunmen attacked the Bardo museum in Tunis on Wednesday, killing 20 foreign "
        "tourists. Tunisian security forces stormed the museum hours later and freed the hostages. "
        "Prime Minister Habib Essid condemned the attack and promised to hunt down the militants.",
        "TUN",
    ),
    (
        "LONDON, March 3 (Reuters) - Sudanese troops shelled villages in Darfur on Monday, aid "
        "workers said. The United States imposed new sanctions on Sudan on Tuesday. Britain urged "
        "the government in Khartoum to allow aid convoys into the region.",
        "SDN",
    ),
]


@pytest.mark.parametrize(("text", "country"), ELSEWHERE)
def test_places_pipeline_places_events_where_they_happened_not_at_dateline(text, country):
    coder_module = pytest.importorskip("tacitus.coder")
    from tacitus.places.event_location import event_rules

    coded = next(coder_module.Coder().code_articles([Article(id="p", text=text)]))
    if not coded.events:
        pytest.skip("the coder coded no event")
    Geocoder().locate(coded.article, coded.doc, coded.events, coded.actors)
    placed = [(e.location.country, e.location.method, e.location_source) for e in coded.events if e.location]
    assert len(placed) == len(coded.events)
    assert {c for c, _, _ in placed} == {country}
    assert all(method == source and method in event_rules().methods for _, method, source in placed)
    assert "dateline" not in {method for _, method, _ in placed}
