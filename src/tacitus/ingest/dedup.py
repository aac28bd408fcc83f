"""Exact (content hash) and near-duplicate (MinHash LSH over word shingles) detection."""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["Deduplicator", "content_hash"]

WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5
NUM_PERM = 64
# A news article has a few thousand shingles; the cap bounds time and memory on
# pathological inputs (a 10 MB single line) without changing results for news.
MAX_SHINGLES = 20_000
# Too few shingles and two different short items (briefs, headlines) look alike.
MIN_SHINGLES = 10


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text (hex): equal texts, equal hashes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shingle_hashes(text: str) -> list[int]:
    words = WORD.findall(text.lower())[: MAX_SHINGLES + SHINGLE_WORDS]
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return sorted(zlib.crc32(shingle.encode("utf-8")) for shingle in shingles)


def _already_hashed(value: int) -> int:
    # Shingles are hashed once (CRC-32: fast, stable across runs) before they reach MinHash.
    return value


class Deduplicator:
    """Remembers the articles kept so far and says which one a new article copies.

    The first article seen is the one kept; later copies point at it. Inputs are
    read in a sorted order, so the choice is deterministic.
    """

    def __init__(self, near_threshold: float = 0.8) -> None:
        self._by_hash: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._threshold = near_threshold
        # LSH returns candidates whose bands collide, some well below the threshold;
        # each kept article's signature (64 x uint32, 256 bytes) lets us check them.
        self._signatures: dict[str, np.ndarray] = {}
        self._lsh = MinHashLSH(threshold=near_threshold, num_perm=NUM_PERM) if near_threshold else None
        # Permutations depend only on the seed: draw them once and copy the empty sketch.
        self._empty = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_already_hashed)

    def _minhash(self, text: str) -> MinHash | None:
        hashes = _shingle_hashes(text)
        if len(hashes) < MIN_SHINGLES:
            return None
        minhash = self._empty.copy()
        minhash.update_batch(hashes)
        return minhash

    def duplicate_of(self, article_id: str, text_hash: str, text: str) -> str | None:
        """Id of the earlier article this one copies (exact, then near), or None if new."""
        original = self._by_hash.get(text_hash)
        if original is not None:
            return original
        self._by_hash[text_hash] = article_id
        if self._lsh is None:
            return None
        minhash = self._minhash(text)
        if minhash is None:
            return None
        signature = minhash.hashvalues.astype(np.uint32)
        similar = [
            key
            for key in self._lsh.query(minhash)
            if float(np.mean(self._signatures[key] == signature)) >= self._threshold
        ]
        if similar:
            return str(min(similar, key=self._order.__getitem__))
        if article_id not in self._order:
            self._order[article_id] = len(self._order)
            self._signatures[article_id] = signature
            self._lsh.insert(article_id, minhash)
        return None
