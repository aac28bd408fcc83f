"""event_summary merging, event filters and the stats figures on a small real store."""

from __future__ import annotations

import pytest

from store_records import article, event, invoke_tacitus
from tacitus.store import EventFilter, Store, StoredArticle


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Three wires report one CHN→RUS phone call (one twice); other events around it."""
    path = tmp_path_factory.mktemp("queries") / "news.duckdb"
    call = ("CHNGOV", "RUSGOV", "041")
    batch = [
        StoredArticle(
            article("w1", "A.", date="2021-02-04", source="Wire One"),
            events=[
                event("w1", *call),
                event("w1", *call, sentence=4),
                event("w1", "USA", "IRN", "172", date="2021-02-05"),
            ],
        ),
        StoredArticle(
            article("w2", "B.", date="2021-02-03", source="Wire Two"),
            events=[
                event("w2", *call),
                event("w2", *call, negated=True, sentence=2),
                event("w2", "RUS", "UKR", "190", date="2021-03-01"),
            ],
        ),
        StoredArticle(
            article("w3", "C.", date="2021-02-06", source="Wire One"),
            events=[event("w3", *call), event("w3", *call, modality="future")],
        ),
        StoredArticle(
            article("w4", "D.", date="2021-02-06"), status="skipped", skip_reason="no_english_text"
        ),
        StoredArticle(
            article("w5", "E.", date=None, source="Wire Two"),
            events=[event("w5", "USA", "IRN", "172", date="2021-02-05")],
        ),
    ]
    with Store.open(path) as opened:
        opened.write(batch)
        opened.write_skips([("feed.xml:9", "empty_text", None)])
    with Store.open(path, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "041",
            {
                "num_mentions": 4,
                "num_articles": 3,
                "num_sources": 2,
                "first_article": "w2",
                "last_article": "w3",
            },
        ),
        # w5 has no date: the dated w1 is both first and last.
        (
            "172",
            {
                "num_mentions": 2,
                "num_articles": 2,
                "num_sources": 2,
                "first_article": "w1",
                "last_article": "w1",
            },
        ),
    ],
)
def test_store_summary_merges_mentions(store, code, expected):
    rows = store.con.execute(
        "SELECT num_mentions, num_articles, num_sources, first_article, last_article "
        "FROM event_summary WHERE code = ?",
        [code],
    ).fetchall()
    assert [dict(zip(expected, row, strict=True)) for row in rows] == [expected]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, 9),
        ({"source": "chn"}, 6),
        ({"target": "RUSGOV"}, 6),
        ({"dyad": "RUS,UKR"}, 1),
        ({"dyad": "RUS, CHN"}, 0),
        ({"code": "04"}, 6),
        ({"code": "17"}, 2),
        ({"root": "19"}, 1),
        ({"root": "4"}, 6),
        ({"since": "2021-02-05"}, 3),
        ({"until": "2021-02-04"}, 6),
        ({"since": "2021-02-05", "until": "2021-02-05"}, 2),
    ],
)
def test_store_filter_counts(store, options, expected):
    found = store.events(EventFilter.build(**options, include_negated=True))
    assert len(list(found)) == expected


@pytest.mark.parametrize(("options", "expected"), [({}, 8), ({"include_negated": True}, 9)])
def test_store_filter_leaves_out_negated_by_default(store, options, expected):
    assert len(list(store.events(EventFilter.build(**options)))) == expected


@pytest.mark.parametrize("limit", [2])
def test_store_filter_limit_and_order(store, limit):
    found = list(store.events(EventFilter.build(limit=limit)))
    assert [(e.doc_id, e.date) for e in found] == [("w1", "2021-02-04"), ("w1", "2021-02-04")]


@pytest.mark.parametrize("top", [3])
def test_store_stats_figures(store, top):
    figures = store.stats(top=top)
    assert figures.articles == {"coded": 4, "skipped": 1}
    assert figures.events == 9
    assert figures.merged_events == 3
    assert [(r, c) for r, _, c in figures.by_root] == [("04", 6), ("17", 2), ("19", 1)]
    assert figures.top_dyads[0] == ("CHNGOV", "RUSGOV", 6)
    assert figures.skip_reasons == [("empty_text", 1), ("no_english_text", 1)]
    assert figures.top_events[0]["num_mentions"] == 4


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_store_events_cli_formats(capsys, store, fmt):
    code, out, _ = invoke_tacitus(
        capsys, "events", "--db", str(store.path), "--format", fmt, "--dyad", "RUS,UKR"
    )
    lines = out.splitlines()
    assert code == 0 and len(lines) == (1 if fmt == "jsonl" else 2)
    assert "190" in lines[-1] and "w2" in lines[-1]


@pytest.mark.parametrize("needle", ["merged events: 3", "  CHNGOV  RUSGOV  041"])
def test_store_stats_cli_report(capsys, store, needle):
    code, out, _ = invoke_tacitus(capsys, "stats", "--db", str(store.path))
    assert code == 0 and needle in out


@pytest.mark.parametrize("fmt", ["gdelt"])
def test_store_export_cli_writes_file(capsys, store, tmp_path, fmt):
    out = tmp_path / "events.tsv"
    code, _, err = invoke_tacitus(
        capsys, "export", "--db", str(store.path), "--format", fmt, "--out", str(out), "--root", "04"
    )
    assert (code, err) == (0, f"wrote 1 {fmt} records to {out}\n")
    assert out.read_text().count("\n") == 1


@pytest.mark.parametrize("call", [("CHNGOV", "RUSGOV", "041")])
def test_store_summary_never_merges_undated_articles(tmp_path, call):
    """Two undated articles report the same CHN→RUS call: nothing says it is the same day, so
    they stay two merged events; the two mentions within one undated article stay one."""
    batch = [
        StoredArticle(
            article("u1", "A.", date=None, source="Wire One"),
            events=[event("u1", *call, date=None), event("u1", *call, date=None, sentence=3)],
        ),
        StoredArticle(
            article("u2", "B.", date=None, source="Wire Two"), events=[event("u2", *call, date=None)]
        ),
        StoredArticle(article("d1", "C.", source="Wire One"), events=[event("d1", *call)]),
        StoredArticle(article("d2", "D.", source="Wire Two"), events=[event("d2", *call)]),
    ]
    with Store.open(tmp_path / "news.duckdb") as opened:
        opened.write(batch)
        rows = opened.con.execute(
            "SELECT date::VARCHAR, num_mentions, num_articles, first_article FROM event_summary "
            "ORDER BY date NULLS LAST, first_article"
        ).fetchall()
        exported = opened.export("gdelt", tmp_path / "events.tsv")
    assert rows == [("2021-02-04", 2, 2, "d1"), (None, 2, 1, "u1"), (None, 1, 1, "u2")]
    ids = [line.split("\t")[0] for line in (tmp_path / "events.tsv").read_text().splitlines()]
    assert exported == 3 and len(set(ids)) == 3  # GLOBALEVENTID stays unique
