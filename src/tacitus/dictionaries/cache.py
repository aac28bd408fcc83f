"""The compiled-dictionary cache: a pickle per dictionary set, keyed by a fingerprint."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from tacitus import __version__
from tacitus.cache import cache_directory, read_pickle, write_pickle
from tacitus.dictionaries.model import DictionarySet

__all__ = ["cache_directory", "fingerprint", "read_cache", "write_cache"]

log = logging.getLogger(__name__)

# Bump when what the readers build changes in a way the reader-source hash would miss.
CACHE_FORMAT = 2  # 2: VerbPattern.written_for
_PACKAGE_DIR = Path(__file__).resolve().parent


def fingerprint(paths: list[Path]) -> str:
    """SHA-256 of the files' names and bytes, the Tacitus version and the readers'
    own source, so that an edited file or an upgraded reader never hits a stale cache."""
    digest = hashlib.sha256(f"tacitus {__version__} cache {CACHE_FORMAT}\n".encode())
    for source in sorted(_PACKAGE_DIR.glob("*.py")):
        digest.update(source.read_bytes())
    for path in paths:
        data = path.read_bytes()
        digest.update(f"\n{path.name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _cache_file(key: str) -> Path:
    return cache_directory() / f"dictionaries-{key[:32]}.pickle"


def read_cache(key: str) -> DictionarySet | None:
    """The cached set for `key`, or None (absent, unreadable, corrupt or foreign:
    logged, and the caller parses afresh)."""
    path = _cache_file(key)
    cached = read_pickle(path, "dictionary cache")
    if cached is None:
        return None
    if not isinstance(cached, DictionarySet) or cached.fingerprint != key:
        log.info("dictionary cache %s holds another set: rebuilding it", path)
        return None
    return cached


def write_cache(dictionaries: DictionarySet) -> None:
    """Store `dictionaries` under its fingerprint (failures logged, not raised)."""
    write_pickle(_cache_file(dictionaries.fingerprint), dictionaries, "dictionary cache")
