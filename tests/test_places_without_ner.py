"""Recognition on Docs parsed without NER (as the coder parses): gazetteer names as entities."""

import pytest

from tacitus.places.gazetteer import load_gazetteer
from tacitus.places.toponyms import gazetteer_spans


@pytest.fixture(scope="module")
def parse():
    from tacitus.nlp import load_model

    return load_model(exclude=["ner"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops entered Iran and North Korea on Tuesday.", [("Iran", "GPE"), ("North Korea", "GPE")]),
        ("Iraqi officials met in Geneva.", [("Iraqi", "NORP"), ("Geneva", "GPE")]),
        ("Paris Hilton arrived in March.", []),
        ("Texas Instruments Inc said profits rose.", []),
        ("Mr Jordan spoke to the GAO about Wilson.", []),
        ("The plant in Douglas, Arizona closed.", [("Douglas", "GPE"), ("Arizona", "GPE")]),
    ],
)
def test_places_without_ner_spans(parse, text, expected):
    doc = parse(text)
    assert not doc.has_annotation("ENT_IOB")
    assert [(s.text, s.label_) for s in gazetteer_spans(doc, load_gazetteer())] == expected
