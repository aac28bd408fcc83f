"""Document countries (salience rules) and the scoring helpers of `tacitus.places.evaluate`."""

import pytest

from tacitus.places import document_countries
from tacitus.places.evaluate import event_from_markup, score_countries
from tacitus.records import Location, Span


def place(country, start, mention="entity", confidence=0.9):
    return Location(
        doc_id="d",
        name=country,
        gazetteer_id="1",
        country=country,
        fips=None,
        admin1=None,
        lat=None,
        lon=None,
        feature_class="A",
        confidence=confidence,
        evidence=Span(country, start, start + 3),
        mention=mention,
    )


@pytest.mark.parametrize(
    ("locations", "expected"),
    [
        ([place("USA", 900, "dateline")], ["USA"]),  # the dateline always counts
        ([place("JPN", 10)], ["JPN"]),  # named in the lead
        ([place("JPN", 900)], []),  # one passing mention deep in the story
        ([place("JPN", 900), place("JPN", 1200)], ["JPN"]),  # named twice
        ([place("ITA", 10, confidence=0.45)], []),  # below the confidence floor
        ([place("IRQ", 10, "demonym"), place("GBR", 20)], ["GBR", "IRQ"]),  # sorted
    ],
)
def test_places_countries_salience(locations, expected):
    assert document_countries(locations) == expected


@pytest.mark.parametrize(("locations", "expected"), [([place("IRQ", 10, "demonym")], [])])
def test_places_countries_without_demonyms(locations, expected):
    assert document_countries(locations, demonyms=False) == expected


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (
            [({"USA", "JPN"}, {"USA"}), (set(), {"GBR"})],
            {"precision": 0.5, "recall": 0.5, "f1": 0.5, "found": 2, "gold": 2, "true_positives": 1},
        ),
        (
            # Nothing expected, nothing found: perfect (tacitus.evaluate.prf's rule).
            [(set(), set())],
            {"precision": 1.0, "recall": 1.0, "f1": 1.0, "found": 0, "gold": 0, "true_positives": 0},
        ),
    ],
)
def test_places_countries_micro_scores(pairs, expected):
    assert score_countries(pairs) == expected


@pytest.mark.parametrize(
    ("markup", "verb"),
    [
        ("(SRC: Serb forces) (EVT: killed) three (TAR: Albanians)", "killed"),
        ("Israeli (EVT: tanks fired) at targets", "tanks fired"),
        ("no event marked here", None),
    ],
)
def test_places_countries_event_from_markup(markup, verb):
    event = event_from_markup("r", "text of the record", markup)
    assert (event.verb if event else None) == verb
    if event:
        assert (event.evidence.start, event.evidence.end) == (0, len("text of the record"))
