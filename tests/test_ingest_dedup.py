"""Exact and near-duplicate copies are linked to the first article seen (or dropped, or ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.ingest import IngestOptions, Skip, SkipReport, iter_articles, read_articles

WIRE = (
    "GENEVA - The foreign ministers of Norway and Chile met in Geneva on Tuesday and agreed to "
    "set up a joint fisheries commission, officials said. The commission will report before the "
    "end of the year on quotas in the South Pacific, where fleets from both countries have clashed "
    "repeatedly since a trade dispute began two years ago. Neither side gave details of the "
    "quotas under discussion, but diplomats said a deal was close and could be signed in March."
)
OTHER = (
    "Floods in the north of the country forced thousands of people from their homes on Sunday, "
    "the interior ministry said, as rescue teams searched for villagers cut off by the water and "
    "the army was sent to help with the evacuation of the worst-hit districts near the river."
)


@pytest.fixture()
def wire_copies(tmp_path: Path) -> Path:
    texts = {
        "1_original.txt": WIRE,
        "2_exact.txt": WIRE,
        "3_near.txt": WIRE.replace("GENEVA - ", "GENEVA (Reuters) - ").replace(
            "on Tuesday", "on Tuesday morning"
        ),
        "4_other.txt": OTHER,
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_ingest_dedup_marks_copies(wire_copies: Path) -> None:
    original, exact, near, other = read_articles([str(wire_copies)])
    assert original.duplicate_of is None and other.duplicate_of is None
    assert exact.duplicate_of == original.id
    assert near.duplicate_of == original.id
    assert exact.content_hash == original.content_hash != near.content_hash


def test_ingest_dedup_drop_mode_yields_skips(wire_copies: Path) -> None:
    items = list(read_articles([str(wire_copies)], options=IngestOptions(duplicates="drop")))
    assert [item.reason for item in items if isinstance(item, Skip)] == ["duplicate", "duplicate"]


@pytest.mark.parametrize(("mode", "marked"), [("mark", 2), ("off", 0)])
def test_ingest_dedup_report_counts(wire_copies: Path, mode: str, marked: int) -> None:
    report = SkipReport()
    articles = list(iter_articles([str(wire_copies)], options=IngestOptions(duplicates=mode), report=report))
    assert (len(articles), report.duplicates, report.total) == (4, marked, 4)


def test_ingest_dedup_near_threshold_zero_keeps_exact_only(wire_copies: Path) -> None:
    options = IngestOptions(near_duplicate_threshold=0.0)
    marked = [a.duplicate_of is not None for a in read_articles([str(wire_copies)], options=options)]
    assert marked == [False, True, False, False]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"duplicates": "keep"}, "duplicates='keep' is not a mode - use one of mark, drop, off"),
        ({"near_duplicate_threshold": 1.5}, "near_duplicate_threshold=1.5 is outside [0, 1)"),
        ({"max_bytes": 0}, "max_bytes=0 must be positive"),
    ],
)
def test_ingest_dedup_bad_options_message(kwargs: dict[str, object], message: str) -> None:
    from tacitus.errors import UserInputError

    with pytest.raises(UserInputError) as error:
        IngestOptions(**kwargs)  # type: ignore[arg-type]
    assert message in str(error.value)
