"""Pickle files under the cache directory: what is slow to build and the same on every start."""

from __future__ import annotations

import gc
import logging
import os
import pickle
import tempfile
from pathlib import Path

__all__ = ["cache_directory", "read_pickle", "write_pickle"]

log = logging.getLogger(__name__)

# What a cache file that is truncated, from another version, or not a pickle at all raises.
_BROKEN = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError)


def cache_directory() -> Path:
    """``$TACITUS_CACHE_DIR``, else ``~/.cache/tacitus``."""
    configured = os.environ.get("TACITUS_CACHE_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "tacitus"


def read_pickle(path: Path, what: str) -> object | None:
    """The object pickled at `path`, or None where it is absent, unreadable or corrupt (logged:
    the caller builds it afresh). `what` names it in the log ("dictionary cache")."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("%s %s unreadable (%s): rebuilding it", what, path, exc)
        return None
    # The cached objects are hundreds of thousands of small records with no cycles: collecting
    # while they are created would triple the load time for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    except _BROKEN as exc:
        log.info("%s %s unusable (%s): rebuilding it", what, path, exc)
        return None
    finally:
        if collecting:
            gc.enable()


def write_pickle(path: Path, value: object, what: str) -> None:
    """Pickle `value` at `path` through a temporary file and a rename, so a reader never sees
    half a file; a cache that cannot be written only costs speed, so failures are logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as exc:
        log.warning("cannot write the %s %s (%s): loading stays slow", what, path, exc)
