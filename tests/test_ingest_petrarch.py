"""PETRARCH-2 XML input: stories from <Sentence> records, ids and dates kept, entities refused,
and `tacitus run` on the XML gives the events of the same sentences given as JSONL."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from store_records import invoke_tacitus
from tacitus.ingest import Skip, read_articles
from tacitus.ingest.petrarch import story_id
from tacitus.ingest.sniff import sniff
from test_pipeline_run import table_rows

SAMPLE = Path(__file__).parent / "data" / "petrarch_sample.xml"
# What the sample holds, story by story: (id, date, source, sentences in file order).
STORIES = [
    (
        "TST1903120001",
        "2019-03-12",
        "TST",
        [
            "Japan and South Korea agreed on Tuesday to resume talks on fishing rights in the Sea of Japan.",
            "The Japanese foreign minister will visit Seoul next month, officials said.",
        ],
    ),
    (
        "TST1903120002",
        "2019-03-12",
        "TST",
        [
            "Kenyan police arrested twelve protesters in Nairobi on Monday.",
            "The government of Kenya accused opposition leaders of inciting violence.",
        ],
    ),
    (
        "TST1903130007",
        "2019-03-13",
        "TST",
        [
            "Brazil signed a trade agreement with Argentina on Wednesday. The deal cuts tariffs "
            "on cars & steel, the Brazilian trade ministry said."
        ],
    ),
    ("TST1903-02-0044", "2019-03-14", None, ["French President Emmanuel Macron visited Mali on Thursday."]),
]


def _xml(*records: str, head: str = "") -> bytes:
    return (head + "<Sentences>\n" + "\n".join(records) + "\n</Sentences>\n").encode()


def _sentence(sentence_id: str, text: str, date: str = "20190312") -> str:
    attributes = f'date="{date}" id="{sentence_id}" source="TST" sentence="True"'
    return f"<Sentence {attributes}>\n<Text>{text}</Text>\n</Sentence>"


def test_ingest_petrarch_stories_keep_ids_dates_and_order():
    items = list(read_articles([str(SAMPLE)]))
    articles = [item for item in items if not isinstance(item, Skip)]
    assert [(a.id, a.date, a.source, a.text.split("\n")) for a in articles] == STORIES
    assert [(s.reason, s.detail) for s in items if isinstance(s, Skip)] == [
        ("no_text", "<Sentence> without <Text>")
    ]
    assert articles[0].origin == f"{SAMPLE}:8"  # the line of the story's first <Sentence>


@pytest.mark.parametrize(
    ("sentence_id", "story"),
    [
        ("AFP0808020857_1", "AFP0808020857"),
        ("GOLD_0", "GOLD"),
        ("AFP0808-01-1", "AFP0808-01"),
        ("AFP0808-01-0625-6", "AFP0808-01-0625"),
        ("AFP0808-02-0593-1a", "AFP0808-02-0593"),
        ("DEMO-01", "DEMO-01"),
        ("FINAL-RECORD", "FINAL-RECORD"),
    ],
)
def test_ingest_petrarch_story_id(sentence_id, story):
    assert story_id(sentence_id) == story


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        ("", "x.xml", "petrarch"),
        ('<?xml version="1.0"?>\n<!-- ' + "a long header comment " * 200 + "-->\n", "x.txt", "petrarch"),
        ("<Validation>\n<Environment><Verbfile>v.txt</Verbfile></Environment>\n", "", "petrarch"),
    ],
)
def test_ingest_petrarch_sniffed_by_content(head, name, kind):
    assert sniff(_xml(_sentence("A_1", "Text."), head=head), name) == kind


@pytest.mark.parametrize(
    "doctype",
    [
        # A billion laughs: refused at its first declaration, before any expansion.
        '<!DOCTYPE Sentences [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n',
        '<!DOCTYPE Sentences [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n',
    ],
)
def test_ingest_petrarch_entities_refused(tmp_path, doctype):
    path = tmp_path / "bomb.xml"
    path.write_bytes(_xml(_sentence("A_1", "Text &d; &secret;"), head=doctype))
    started = time.perf_counter()
    items = list(read_articles([str(path)]))
    assert time.perf_counter() - started < 5
    assert [(i.reason, "entity declaration" in i.detail) for i in items] == [("bad_xml", True)]  # type: ignore[union-attr]


def test_ingest_petrarch_broken_xml_keeps_stories_before_the_break(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_bytes(_xml(_sentence("A_1", "Japan agreed."), _sentence("B_1", "Kenya & Japan"))[:-30])
    items = list(read_articles([str(path)]))
    assert [getattr(item, "id", None) for item in items[:-1]] == ["A"]
    assert items[-1].reason == "bad_xml" and "line" in items[-1].detail  # type: ignore[union-attr]


def test_ingest_petrarch_unreadable_date_is_kept_as_problem(tmp_path):
    path = tmp_path / "dates.xml"
    path.write_bytes(_xml(_sentence("A_1", "Japan agreed.", date="2019-13-45")))
    (article,) = read_articles([str(path)])
    assert article.date is None and "month must be in 1..12" in (article.date_problem or "")


def test_ingest_petrarch_run_same_events_as_jsonl(capsys, tmp_path):
    """The acceptance test of the PETRARCH-2 reader: the XML and the same sentences as JSONL records
    (one per story, its sentences one per line) make the same store, event for event."""
    jsonl = tmp_path / "stories.jsonl"
    records = [
        {"id": story, "date": date.replace("-", ""), "source": source, "text": "\n".join(sentences)}
        for story, date, source, sentences in STORIES
    ]
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    stores = []
    for name, source in (("xml", SAMPLE), ("jsonl", jsonl)):
        db = tmp_path / f"{name}.duckdb"
        code, _, err = invoke_tacitus(capsys, "run", str(source), "--db", str(db), "--workers", "1")
        assert code == 0, err
        assert "4 coded" in err
        stores.append(table_rows(db))
    assert stores[0]["events"], "the sample must give events for the comparison to mean anything"
    assert {row[0] for row in stores[0]["events"]} >= {"TST1903120001", "TST1903130007"}
    assert stores[0]["articles"] == stores[1]["articles"]
    assert stores[0]["events"] == stores[1]["events"]
