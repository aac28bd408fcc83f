"""`tacitus load`: Parquet shards → DuckDB, idempotent by id and content hash (no Ray needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store_records import article, event, invoke_tacitus
from tacitus.scale import load_shards
from tacitus.scale.shards import ShardBatch, ShardWriter
from tacitus.store import Store, StoredArticle


def _stored(doc_id: str, text: str = "", codes: tuple[str, ...] = ("036",)) -> StoredArticle:
    return StoredArticle(
        article(doc_id, text),
        events=[event(doc_id, "CHN", "RUS", code, sentence=i) for i, code in enumerate(codes)],
    )


def _write(
    out: Path | str,
    stored: list[StoredArticle],
    first_record: int = 0,
    skips: list[tuple[str, str, str | None]] | None = None,
) -> str:
    order = [(0, first_record + i) for i in range(len(stored))]
    return ShardWriter(str(out)).write(ShardBatch(stored, order, skips or []))


def _rows(db: Path, sql: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


@pytest.mark.parametrize("count", [3])
def test_scale_load_twice_adds_nothing(tmp_path, count):
    stored = [_stored(f"a{i}", codes=("036", "042")) for i in range(count)]
    _write(tmp_path / "shards", stored, skips=[("bad.bin", "binary", None)])
    first = load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    second = load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    assert (first.loaded, first.events, first.skips) == (count, 2 * count, 1)
    assert (second.loaded, second.unchanged, second.events) == (0, count, 0)
    with Store.open(tmp_path / "t.duckdb", read_only=True) as store:
        loaded = sorted(repr(e.as_dict()) for e in store.events())
    assert loaded == sorted(repr(e.as_dict()) for s in stored for e in s.events)
    assert _rows(tmp_path / "t.duckdb", "SELECT * FROM skips") == [("bad.bin", "binary", None)]


@pytest.mark.parametrize("retried", ["a1"])
def test_scale_load_retried_batch_counts_once(tmp_path, retried):
    # A retry may regroup rows into another batch: the same article lands in two shards.
    _write(tmp_path / "shards", [_stored("a0"), _stored(retried)])
    _write(tmp_path / "shards", [_stored(retried), _stored("a2")], first_record=1)
    report = load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    assert (report.shards, report.rows, report.loaded) == (2, 4, 3)
    assert _rows(tmp_path / "t.duckdb", "SELECT doc_id, count(*) FROM events GROUP BY 1 ORDER BY 1") == [
        ("a0", 1),
        ("a1", 1),
        ("a2", 1),
    ]


@pytest.mark.parametrize("new_codes", [("042", "043")])
def test_scale_load_changed_article_replaces_rows(tmp_path, new_codes):
    _write(tmp_path / "old", [_stored("a1", "China and Russia met.")])
    load_shards(str(tmp_path / "old"), db=tmp_path / "t.duckdb")
    _write(tmp_path / "new", [_stored("a1", "China and Russia met again.", new_codes)])
    report = load_shards(str(tmp_path / "new"), db=tmp_path / "t.duckdb")
    assert (report.loaded, report.replaced) == (1, 1)
    assert _rows(tmp_path / "t.duckdb", "SELECT code FROM events ORDER BY 1") == [
        (code,) for code in new_codes
    ]


@pytest.mark.parametrize("text", ["The same wire story, filed twice under two ids."])
def test_scale_load_copy_across_shards_marked(tmp_path, text):
    _write(tmp_path / "shards", [_stored("b-copy", text)], first_record=5)
    _write(tmp_path / "shards", [_stored("a-first", text)], first_record=0)
    report = load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    assert report.duplicates == 1
    assert _rows(
        tmp_path / "t.duckdb", "SELECT id, status, duplicate_of, n_events FROM articles ORDER BY id"
    ) == [("a-first", "coded", None, 1), ("b-copy", "duplicate", "a-first", 0)]
    assert _rows(tmp_path / "t.duckdb", "SELECT DISTINCT doc_id FROM events") == [("a-first",)]


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China signed a long-term gas supply agreement in Moscow on Tuesday, "
        "officials from both governments said after talks that lasted two days. The deal "
        "covers deliveries through a new pipeline across Siberia and sets prices for the "
        "next thirty years, according to a statement released by the Kremlin late in the "
        "evening. Analysts in Beijing said the agreement strengthens ties between the two "
        "neighbours at a time of tension with Western governments over trade and security."
    ],
)
def test_scale_load_near_copy_across_shards_marked(tmp_path, text):
    # Ingestion sees one file per Ray task; near copies across files are found at load.
    _write(tmp_path / "shards", [_stored("a-first", text)], first_record=0)
    _write(tmp_path / "shards", [_stored("b-near", text.replace("Tuesday", "Wednesday"))], first_record=1)
    load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    assert _rows(tmp_path / "t.duckdb", "SELECT id, status, duplicate_of FROM articles ORDER BY id") == [
        ("a-first", "coded", None),
        ("b-near", "duplicate", "a-first"),
    ]


@pytest.mark.parametrize("lost", ["articles"])
def test_scale_load_ignores_incomplete_shard(tmp_path, lost):
    # A worker killed after writing events but before its articles file (the commit marker).
    _write(tmp_path / "shards", [_stored("a0")])
    shard = _write(tmp_path / "shards", [_stored("a1")], first_record=1)
    (tmp_path / "shards" / lost / f"{shard}.parquet").unlink()
    report = load_shards(str(tmp_path / "shards"), db=tmp_path / "t.duckdb")
    assert report.loaded == 1
    assert _rows(tmp_path / "t.duckdb", "SELECT DISTINCT doc_id FROM events") == [("a0",)]


@pytest.mark.parametrize("uri", ["memory://tacitus-test/shards"])
def test_scale_load_fsspec_uri(tmp_path, uri):
    pytest.importorskip("fsspec", reason="fsspec is not installed (it comes with tacitus[ray])")
    _write(uri, [_stored("a0"), _stored("a1")])
    report = load_shards(uri, db=tmp_path / "t.duckdb")
    assert (report.loaded, report.events) == (2, 2)


@pytest.mark.parametrize("missing", ["no-such-shards"])
def test_scale_load_missing_directory_message(tmp_path, capsys, missing):
    code, _, err = invoke_tacitus(capsys, "load", str(tmp_path / missing), "--db", str(tmp_path / "t.duckdb"))
    assert code == 1
    assert err == (
        f"Error: [E051] shard directory {tmp_path / missing} does not exist - run "
        f"`tacitus run --engine ray --out {tmp_path / missing}` first or check the "
        "path\n"
    )
