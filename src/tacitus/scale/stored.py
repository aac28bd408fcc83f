"""The articles a store already holds unchanged, as a compact set the Ray read tasks consult.

The local engine asks the store, batch by batch, whether an article's id is stored with the same
content hash and codes only the rest. Ray's read tasks run on other machines and cannot open
the DuckDB file, so the driver reads every (id, content hash) pair once and ships them as one
sorted array of 64-bit keys (8 bytes an article: 80 MB for ten million), which each read task
searches by bisection.
"""

from __future__ import annotations

import hashlib
import logging
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from tacitus.records import Article

__all__ = ["StoredArticles", "article_key"]

log = logging.getLogger(__name__)

FETCH_ROWS = 100_000


def article_key(doc_id: str, content_hash: str | None) -> int:
    """A 64-bit key of an article id and its content hash (collisions: ~1 in 10^19 per pair)."""
    digest = hashlib.blake2b(f"{doc_id}\0{content_hash or ''}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class StoredArticles:
    """Sorted keys of the (id, content hash) pairs of stored articles."""

    def __init__(self, pairs: Iterable[tuple[str, str | None]] = ()) -> None:
        self.keys = array("q", sorted(article_key(doc_id, content) for doc_id, content in pairs))

    @classmethod
    def from_store(cls, db: str | Path) -> StoredArticles:
        """Every article of the store at `db`; none if the store does not exist yet.

        Raises:
            StoreError: the file is not a Tacitus store, or a writer holds it.
        """
        if not Path(db).exists():
            return cls()
        from tacitus.store import Store
        from tacitus.store.load import stored_article_hashes

        keys: list[int] = []
        with Store.open(db, read_only=True) as store:
            for rows in stored_article_hashes(store.con, page_rows=FETCH_ROWS):
                keys += (article_key(doc_id, content) for doc_id, content in rows)
        stored = cls()
        stored.keys = array("q", sorted(keys))
        log.info("%d articles already in %s are not coded again", len(stored), db)
        return stored

    def __contains__(self, article: object) -> bool:
        if not isinstance(article, Article) or not article.content_hash:
            return False
        key = article_key(article.id, article.content_hash)
        position = bisect_left(self.keys, key)
        return position < len(self.keys) and self.keys[position] == key

    def __len__(self) -> int:
        return len(self.keys)
