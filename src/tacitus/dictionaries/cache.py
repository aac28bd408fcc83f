"""The compiled-dictionary cache: a pickle per dictionary set, keyed by a fingerprint."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from tacitus import __version__
from tacitus.dictionaries.model import DictionarySet

__all__ = ["cache_directory", "fingerprint", "read_cache", "write_cache"]

log = logging.getLogger(__name__)

# Bump when what the readers build changes in a way the reader-source hash would miss.
CACHE_FORMAT = 1
_PACKAGE_DIR = Path(__file__).resolve().parent


def cache_directory() -> Path:
    """``$TACITUS_CACHE_DIR``, else ``~/.cache/tacitus``."""
    configured = os.environ.get("TACITUS_CACHE_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "tacitus"


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
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("dictionary cache %s unreadable (%s): rebuilding it", path, exc)
        return None
    # The set is ~300k small objects and holds no cycles: collecting while
    # they are created would triple the load time for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cached = pickle.loads(data)
    except (
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        IndexError,
        TypeError,
        ValueError,
    ) as exc:
        log.info("dictionary cache %s unusable (%s): rebuilding it", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(cached, DictionarySet) or cached.fingerprint != key:
        log.info("dictionary cache %s holds another set: rebuilding it", path)
        return None
    return cached


def write_cache(dictionaries: DictionarySet) -> None:
    """Store `dictionaries` under its fingerprint; a cache that cannot be written
    only costs speed, so failures are logged, not raised."""
    path = _cache_file(dictionaries.fingerprint)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(dictionaries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as exc:
        log.warning("cannot write the dictionary cache %s (%s): loading stays slow", path, exc)
