"""What `tacitus recode` reads of the store: the articles to code again and their stored events."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb

from tacitus.records import Article
from tacitus.store.rows import ARTICLE_FIELDS

__all__ = ["ARTICLE_COLUMNS", "EventValues", "recodable_articles", "recodable_count", "stored_event_values"]

# The `Article` fields a re-coding needs back, as stored (the same list the Ray inputs carry).
ARTICLE_COLUMNS = ARTICLE_FIELDS

# (sentence, verb_start (-1: not recorded), source, target, code, evidence text)
EventValues = tuple[int, int, str, str, str, str]


def recodable_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many stored articles a re-coding codes again (coded and coder-skipped, not copies)."""
    row = con.execute("SELECT count(*) FROM articles WHERE status <> 'duplicate'").fetchone()
    return int(row[0]) if row else 0


def recodable_articles(con: duckdb.DuckDBPyConnection, batch_size: int) -> Iterator[list[Article]]:
    """Coded and coder-skipped articles (not copies), by id, in chunks of `batch_size`.

    Paged by id (keyset), not held all in memory; rewriting an article keeps its id, so
    the pages stay right while the same connection writes between them.
    """
    last = ""
    while True:
        rows = con.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles "
            "WHERE status <> 'duplicate' AND id > ? ORDER BY id LIMIT ?",
            [last, batch_size],
        ).fetchall()
        if not rows:
            return
        chunk = []
        for row in rows:
            values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
            values["date"] = values["date"].isoformat() if values["date"] else None
            chunk.append(Article(**values))
        last = chunk[-1].id
        yield chunk


def stored_event_values(
    con: duckdb.DuckDBPyConnection, ids: list[str], *, evidence_chars: int
) -> dict[str, list[EventValues]]:
    """The stored events of articles `ids`, in their order, by article id, with at most
    `evidence_chars` of their evidence text."""
    rows = con.execute(
        "SELECT doc_id, sentence, coalesce(verb_start, -1), source, target, code, "
        f"coalesce(left(evidence_text, {int(evidence_chars)}), '') FROM events "
        "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, ordinal",
        [ids],
    ).fetchall()
    found: dict[str, list[EventValues]] = {}
    for doc_id, sentence, verb_start, source, target, code, evidence in rows:
        found.setdefault(doc_id, []).append((sentence, verb_start, source, target, code, evidence))
    return found
