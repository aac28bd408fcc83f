"""Places on the coder's output (runs once `tacitus.coder` is on the branch; skipped before)."""

import pytest

from tacitus.places import Geocoder
from tacitus.records import Article

TEXT = (
    "MOSCOW, Feb 4 (Reuters) - Israeli tanks shelled positions near the town of Rafah. "
    "Russia criticized Germany on Wednesday."
)


@pytest.mark.parametrize(
    ("verb", "place", "how"), [("shelled", "Rafah", "clause"), ("criticized", "MOSCOW", "dateline")]
)
def test_places_pipeline_locates_coded_events(verb, place, how):
    coder_module = pytest.importorskip("tacitus.coder")
    coded = next(coder_module.Coder().code_articles([Article(id="p", text=TEXT)]))
    events = [event for event in coded.events if event.verb == verb]
    if not events:
        pytest.skip(f"the coder coded no event on {verb!r}")
    Geocoder().locate(coded.article, coded.doc, coded.events)
    assert {(e.location.name, e.location_source) for e in events} == {(place, how)}
