"""`tacitus quotes`: JSONL and table output, bad lines skipped, one clear line for a bad path."""

from __future__ import annotations

import json
import sys

import pytest

from tacitus.cli import main

TEXT = "“We will not give up,” Anna Berg said on Monday. She added that talks would resume."


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["tacitus", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".txt"])
def test_quotes_cli_jsonl_from_text_file(tmp_path, monkeypatch, capsys, nlp, suffix) -> None:
    path = tmp_path / f"berg{suffix}"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _run(monkeypatch, capsys, "quotes", str(path), "--date", "2024-03-04")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["kind"], r["speaker"]["name"]) for r in rows] == [
        ("direct", "Anna Berg"),
        ("indirect", "Anna Berg"),
    ]
    # Ingestion normalises curly quotes; offsets point into the cleaned article text.
    assert rows[0]["content"]["text"] == '"We will not give up,"'
    assert rows[0]["doc_id"] == rows[1]["doc_id"]


@pytest.mark.parametrize(("bad_line", "reason"), [("not json", "bad_json"), ('{"id": "x"}', "no_text")])
def test_quotes_cli_skips_bad_jsonl_lines(tmp_path, monkeypatch, capsys, nlp, bad_line, reason) -> None:
    path = tmp_path / "articles.jsonl"
    good = json.dumps({"id": "a1", "text": TEXT, "date": "2024-03-04"})
    path.write_text(f"{good}\n{bad_line}\n", encoding="utf-8")
    code, out, err = _run(monkeypatch, capsys, "quotes", str(path), "--format", "table")
    assert code == 0
    assert err.splitlines()[-1] == f"1 articles, 2 quotes, skipped: 1 {reason}"
    assert out.splitlines()[0].split() == ["doc_id", "kind", "speaker", "code", "content"]
    assert out.splitlines()[1].startswith("a1")


@pytest.mark.parametrize("name", ["missing.txt"])
def test_quotes_cli_missing_file_is_one_line(tmp_path, monkeypatch, capsys, name) -> None:
    code, out, err = _run(monkeypatch, capsys, "quotes", str(tmp_path / name))
    assert code == 1
    assert err == f"Error: [E001] input {tmp_path / name} does not exist - check the path or quote the glob\n"


@pytest.mark.parametrize("command", ["quotes"])
def test_quotes_cli_help_has_example(monkeypatch, capsys, command) -> None:
    code, out, _ = _run(monkeypatch, capsys, command, "--help")
    assert code == 0 and "Example:" in out and "--format" in out


@pytest.fixture(scope="module")
def quotes_store(tmp_path_factory, nlp):
    """A real store holding the quotes of two written articles."""
    from tacitus.quotes import extract_quotes
    from tacitus.records import Article
    from tacitus.store import Store
    from tacitus.store.rows import StoredArticle

    path = tmp_path_factory.mktemp("store") / "quotes.duckdb"
    texts = {"a1": TEXT, "a2": "“Talks are over,” Sergei Lavrov told reporters in Moscow."}
    with Store.open(path) as store:
        batch = []
        for doc_id, text in texts.items():
            article = Article(id=doc_id, text=text, date="2024-03-04")
            quotes = extract_quotes(article, nlp(text))
            batch.append(StoredArticle(article, quotes=quotes))
        store.write(batch)
    return path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--speaker", "lavrov"], [("a2", "Sergei Lavrov")]),
        (["--speaker", "Berg"], [("a1", "Anna Berg"), ("a1", "Anna Berg")]),
        (["--limit", "1"], [("a1", "Anna Berg")]),
    ],
)
def test_quotes_cli_queries_store(quotes_store, monkeypatch, capsys, args, expected) -> None:
    code, out, _ = _run(monkeypatch, capsys, "quotes", "--db", str(quotes_store), *args)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["doc_id"], r["speaker"]["name"]) for r in rows] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--speaker", "Lavrov"], "--speaker, --country and --limit query a store - add --db PATH"),
        (["x.txt", "--db", "s.duckdb"], "give FILEs to extract quotes or --db to query a store, not both"),
    ],
)
def test_quotes_cli_rejects_mixed_modes(monkeypatch, capsys, args, message) -> None:
    code, _, err = _run(monkeypatch, capsys, "quotes", *args)
    assert code == 2 and message in err
