"""The one dateline pattern: what the coder skips and where the places stage finds the story's place."""

import pytest

from tacitus.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "header"),
    [
        ("GENEVA, March 20 (Reuters) - The talks", "GENEVA", "GENEVA, March 20 (Reuters) - "),
        ("SAN FRANCISCO, Calif. (AP) — A judge ruled", "SAN FRANCISCO", "SAN FRANCISCO, Calif. (AP) — "),
        ("****SANTO DOMINGO, March 4 - The republic", "SANTO DOMINGO", "****SANTO DOMINGO, March 4 - "),
        # A wire label is a header to skip, with no place in it.
        ("AP - A company founded by a researcher", None, "AP - "),
        ("UPDATE - Harry Reid reacted", None, "UPDATE - "),
    ],
)
def test_dateline_find_header_and_place(text, place, header):
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, text[: dateline.header_end]) == (place, header)
    if place is not None:
        assert text[dateline.start : dateline.end] == place


@pytest.mark.parametrize(
    "text",
    [
        "US - China talks resumed.",  # a two-letter actor, not a place of filing
        "OK, Pyongyang, you have America's attention -- and the world's.",
        "The minister said - and repeated - that talks would go on.",
    ],
)
def test_dateline_find_none_where_no_dateline(text):
    assert find_dateline(text) is None


def test_dateline_find_shared_by_coder_and_places():
    from tacitus.coder import coder
    from tacitus.places import toponyms

    assert coder.find_dateline is find_dateline
    assert toponyms.read_dateline is find_dateline
