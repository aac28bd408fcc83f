"""The readers fuzzed with Hypothesis: arbitrary JSON values (lone surrogates included), bytes and
encodings never raise, and whatever they yield can be written as UTF-8 and hashed."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.ingest import IngestOptions, Skip, ingest, read_articles
from tacitus.records import Article

# Every code point, with lone surrogates (category Cs) drawn often: JSON carries them as \ud800
# escapes, and Hypothesis alone draws one in hundreds of strings.
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
ANY_TEXT = st.lists(st.characters(exclude_categories=()) | SURROGATES, max_size=60).map("".join)
NEWS = "The foreign ministers of France and Germany met in Paris on Tuesday to discuss trade. "
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(ANY_TEXT, children, max_size=3),
    max_leaves=8,
)
FIELDS = ("id", "text", "title", "date", "url", "source", "author", "html")
OPTIONS = IngestOptions(languages=frozenset(), duplicates="mark")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _utf8_fields(item: Article | Skip) -> None:
    """Every text an item holds can be written as UTF-8 (a lone surrogate cannot)."""
    json.dumps(item.as_dict(), ensure_ascii=False).encode("utf-8")


def _read_all(data: bytes, suffix: str) -> list[Article | Skip]:
    """Every item read from a file holding `data`, each checked to be writable as UTF-8."""
    with tempfile.TemporaryDirectory(prefix="tacitus-fuzz-") as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_articles([str(path)], options=OPTIONS))
    for item in items:
        _utf8_fields(item)
    return items


@FUZZ
@given(
    records=st.lists(st.fixed_dictionaries({}, optional={k: JSON_VALUES for k in FIELDS}), max_size=4),
    text=ANY_TEXT,
)
def test_ingest_fuzz_jsonl_values_never_raise(records, text):
    # A text long enough to be kept, with arbitrary characters (surrogates included) in it.
    lines = [json.dumps({"text": NEWS + text, **record}) for record in records]
    lines.append(json.dumps({"id": text, "title": text, "source": text, "url": text, "text": NEWS + text}))
    items = _read_all(("\n".join(lines) + "\n").encode("ascii"), ".jsonl")
    assert len(items) == len(lines)


@FUZZ
@given(
    data=st.binary(max_size=2048), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".xml", ".warc", ""])
)
def test_ingest_fuzz_bytes_never_raise(data, suffix):
    _read_all(data, suffix)


@FUZZ
@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400),
    encoding=st.sampled_from(
        ["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030", "utf-8-sig"]
    ),
    wrap=st.sampled_from(["{}", "<html><body><p>{}</p></body></html>", '{{"text": "{}"}}']),
)
def test_ingest_fuzz_encodings_never_raise(text, encoding, wrap):
    data = wrap.format(NEWS + text).encode(encoding, errors="replace")
    _read_all(data, ".txt")


@pytest.mark.parametrize("field", ["text", "title", "id", "source", "url"])
def test_ingest_fuzz_lone_surrogate_is_repaired_and_the_batch_goes_on(tmp_path, field):
    """The issue's payload: one record with ``\\ud800`` in a field, between good records."""
    records = [{"id": f"ok{i}", "text": f"Story {i}. {NEWS}"} for i in range(4)]
    bad = {
        "id": "bad",
        "text": "The minister met the president of France in Paris on Monday.",
        "title": "A title",
        "source": "Wire",
        "url": "https://example.org/x",
    }
    bad[field] = bad[field] + " \ud800 "
    records.insert(2, bad)
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="ascii")
    out = io.StringIO()
    report = ingest([str(path)], out, options=IngestOptions(duplicates="off"))
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert report.articles == len(records) == len(written)
    repaired = written[2]
    assert "\ufffd" in repaired[field] and "\ud800" not in out.getvalue()
    out.getvalue().encode("utf-8")


@pytest.mark.parametrize("depth", [100_000])
def test_ingest_fuzz_deeply_nested_json_is_a_bad_json_skip(tmp_path, depth):
    path = tmp_path / "deep.jsonl"
    path.write_text(
        '{"text": "'
        + NEWS
        + '", "x": '
        + "[" * depth
        + "]" * depth
        + "}\n"
        + json.dumps({"text": NEWS})
        + "\n"
    )
    skip, article = read_articles([str(path)], options=OPTIONS)
    assert isinstance(skip, Skip) and skip.reason == "bad_json"
    assert isinstance(article, Article)
