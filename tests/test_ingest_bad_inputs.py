"""A generated corpus of >= 1,000 bad and odd files runs through without an exception."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from tacitus.ingest import IngestOptions, Skip, ingest, read_articles

ENGLISH = (
    "The foreign ministers of the two countries met in Geneva on Tuesday and agreed to resume "
    "talks on the border dispute, officials said after the meeting ended late in the evening. "
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _small_kinds(rng: random.Random, directory: Path, index: int) -> dict[str, Path]:
    """One file of each small kind; the expected outcome is the dict key."""
    article = f"Story {index}. {ENGLISH * 3}"
    return {
        "binary": _write(
            directory / f"random_{index}.bin",
            bytes(rng.getrandbits(8) for _ in range(2048)) + b"\0",
        ),
        "empty": _write(directory / f"empty_{index}.txt", b""),
        "empty_gz": _write(directory / f"zero_{index}.txt.gz", b""),
        "bad_gzip": _write(directory / f"truncated_{index}.txt.gz", gzip.compress(article.encode())[:20]),
        "html_no_body": _write(
            directory / f"nobody_{index}.html", b"<html><head><title>t</title></head></html>"
        ),
        "latin1": _write(
            directory / f"latin1_{index}.txt",
            f"Caf\u00e9 r\u00e9sum\u00e9. {article}".encode("latin-1"),
        ),
        "utf16": _write(directory / f"utf16_{index}.txt", article.encode("utf-16")),
        "utf16_html": _write(
            directory / f"utf16_{index}.html",
            f"<html><body><article><p>{article}</p></article></body></html>".encode("utf-16"),
        ),
        "deep_html": _write(
            directory / f"deep_{index}.html",
            ("<div>" * 3000 + f"<p>{article}</p>" + "</div>" * 3000).encode(),
        ),
        "mixed": _write(
            directory / f"mixed_{index}.txt",
            "naïve ".encode() + "café ".encode("cp1252") + article.encode(),
        ),
        "broken_json": _write(directory / f"broken_{index}.jsonl", b'{"id": "x", "text": "unterminated\n'),
        "good_gz": _write(directory / f"good_{index}.txt.gz", gzip.compress(article.encode())),
    }


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, str]]:
    """~1,000 small files of every kind plus the few large ones (20 MB text, 10 MB line)."""
    rng = random.Random(20261129)
    root = tmp_path_factory.mktemp("bad_corpus")
    expected: dict[Path, str] = {}
    for index in range(84):
        sub = root / f"d{index % 7}"
        sub.mkdir(exist_ok=True)
        expected.update({path: kind for kind, path in _small_kinds(rng, sub, index).items()})
    expected[_write(root / "huge.txt", ENGLISH.encode() * (20 * 1024 * 1024 // len(ENGLISH) + 1))] = (
        "too_large"
    )
    expected[
        _write(
            root / "one_line.txt",
            ((ENGLISH.strip() + " ") * (10_000_000 // len(ENGLISH) + 1)).encode()[:10_000_000],
        )
    ] = "one_line"
    return root, expected


def test_ingest_bad_inputs_corpus_counts_add_up(bad_corpus: tuple[Path, dict[Path, str]]) -> None:
    root, expected = bad_corpus
    assert len(expected) >= 1000
    out, skips = io.StringIO(), io.StringIO()
    report = ingest([str(root)], out, options=IngestOptions(duplicates="off"), skips=skips)
    written = [json.loads(line) for line in (out.getvalue() + skips.getvalue()).splitlines()]
    outcomes = Counter(origin_file(record["origin"]) for record in written)
    # Every file gave exactly one outcome (single-document files), and the report agrees.
    assert outcomes == Counter(str(path) for path in expected)
    assert report.total == len(expected) == len(written)
    assert report.articles == len(out.getvalue().splitlines())
    assert sum(report.skipped.values()) == len(skips.getvalue().splitlines())
    assert set(report.skipped) <= {
        "binary",
        "empty",
        "bad_gzip",
        "no_text",
        "bad_json",
        "too_large",
    }


def origin_file(origin: str) -> str:
    """The file part of an origin (``path``, ``path:line``, ``path@offset``, ``path#item``)."""
    return re.split(r"[:@#]\d+$", origin)[0]


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        ("binary", "binary"),
        ("empty", "empty"),
        ("empty_gz", "empty"),
        ("bad_gzip", "bad_gzip"),
        ("html_no_body", "no_text"),
        ("broken_json", "bad_json"),
        ("too_large", "too_large"),
        ("latin1", "article"),
        ("utf16", "article"),
        ("utf16_html", "article"),
        ("deep_html", "no_text"),  # lxml refuses trees deeper than 256
        ("mixed", "article"),
        ("good_gz", "article"),
        ("one_line", "article"),
    ],
)
def test_ingest_bad_inputs_outcome_by_kind(
    bad_corpus: tuple[Path, dict[Path, str]], kind: str, outcome: str
) -> None:
    _, expected = bad_corpus
    paths = sorted(str(path) for path, found in expected.items() if found == kind)[:3]
    for path in paths:
        (item,) = read_articles([path], options=IngestOptions(duplicates="off"))
        got = item.reason if isinstance(item, Skip) else "article"
        assert got == outcome, (path, item if isinstance(item, Skip) else item.text[:80])


@pytest.mark.parametrize("kind", ["latin1", "mixed"])
def test_ingest_bad_inputs_decodes_accents(bad_corpus: tuple[Path, dict[Path, str]], kind: str) -> None:
    _, expected = bad_corpus
    path = next(str(path) for path, found in expected.items() if found == kind)
    (article,) = read_articles([path])
    assert "café" in article.text.lower().replace("caf\u00e9", "café")
    assert "\ufffd" not in article.text


def test_ingest_bad_inputs_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = _write(tmp_path / "locked.txt", ENGLISH.encode())
    os.chmod(locked, 0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        (item,) = read_articles([str(locked)])
        assert isinstance(item, Skip) and item.reason == "unreadable"
    finally:
        os.chmod(locked, 0o644)
