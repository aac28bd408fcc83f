"""The cue lexicon: which verbs introduce reported speech, loaded once from package data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tacitus.errors import TacitusError

__all__ = ["CUE_CLASSES", "CueLexicon", "CueLexiconError", "load_cues"]

CUE_CLASSES = (
    "speech",
    "hearer",
    "thought",
    "evidence",
    "intent",
    "verdict",
    "artifact",
    "raising",
    "survey",
)
_DEFAULT_FILE = "cues.tsv"


class CueLexiconError(TacitusError):
    """The cue lexicon file is malformed."""

    code = "E053"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue lemmas by class; phrasal cues ("call for") are keyed by their two words."""

    classes: dict[str, str]

    def cue_class(self, lemma: str) -> str | None:
        """The class of a cue lemma (``speech``, ``thought`` …) or None when it is no cue."""
        return self.classes.get(lemma.lower())

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and lemma.lower() in self.classes


def parse_cues(text: str, *, source: str = _DEFAULT_FILE) -> CueLexicon:
    """Read a cue lexicon (header `lemma<TAB>class`, `#` comments) and validate every line.

    Raises:
        CueLexiconError: a line lacks a class, names an unknown class or repeats a lemma.
    """
    classes: dict[str, str] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[1] not in CUE_CLASSES:
            raise CueLexiconError(
                f"{source}:{number}: expected 'lemma<TAB>class' with class one of "
                f"{', '.join(CUE_CLASSES)}, got {line!r} - fix the line"
            )
        lemma = parts[0].strip().lower()
        if lemma in classes:
            raise CueLexiconError(f"{source}:{number}: cue {lemma!r} listed twice - keep one line")
        classes[lemma] = parts[1]
    return CueLexicon(classes=classes)


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The cue lexicon shipped in `tacitus/quotes/data/cues.tsv`."""
    path = resources.files("tacitus.quotes").joinpath("data", _DEFAULT_FILE)
    return parse_cues(path.read_text(encoding="utf-8"))
