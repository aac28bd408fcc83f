"""`tacitus export --format quotes`: stored quotations as JSONL, with their article's date."""

from __future__ import annotations

import json

import pytest

from store_records import invoke_tacitus
from tacitus.records import Article
from tacitus.store import Store
from tacitus.store.rows import StoredArticle

TEXTS = {
    "q1": ("2021-02-04", "“We can talk endlessly about cooperation,” Sergei Lavrov said on Thursday."),
    "q2": ("2021-03-01", "Wang Yi said China firmly supports the measures Russia has taken."),
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp):
    from tacitus.quotes import extract_quotes

    path = tmp_path_factory.mktemp("quotes-export") / "quotes.duckdb"
    batch = []
    for doc_id, (date, text) in TEXTS.items():
        article = Article(id=doc_id, text=text, date=date)
        batch.append(StoredArticle(article, quotes=extract_quotes(article, nlp(text))))
    with Store.open(path) as store:
        store.write(batch)
    return path


@pytest.mark.parametrize(("args", "doc_ids"), [([], ["q1", "q2"]), (["--since", "2021-02-15"], ["q2"])])
def test_export_quotes_jsonl_with_dates(capsys, tmp_path, store_path, args, doc_ids):
    with Store.open(store_path, read_only=True) as store:
        stored = store.con.execute(
            "SELECT doc_id, kind, content_text FROM quotes ORDER BY doc_id, ordinal"
        ).fetchall()
    expected = [(d, TEXTS[d][0], kind, text) for d, kind, text in stored if d in doc_ids]
    out = tmp_path / "quotes.jsonl"
    code, _, err = invoke_tacitus(
        capsys, "export", "--db", str(store_path), "--format", "quotes", "--out", str(out), *args
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and err.startswith(f"wrote {len(expected)} quotes records")
    assert [(r["doc_id"], r["date"], r["kind"], r["content"]["text"]) for r in records] == expected
    if "q1" in doc_ids:  # Lavrov's quotation is in quote marks: a direct quote
        assert ("q1", "direct") in {(r["doc_id"], r["kind"]) for r in records}
