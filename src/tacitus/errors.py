"""The exception hierarchy: every error Tacitus raises, each with a catalogue code."""

from __future__ import annotations


class TacitusError(Exception):
    """Root of every error Tacitus raises on purpose.

    Messages say what happened, the likely cause and the fix. Only the CLI
    formats them for people; the library raises and logs.
    """

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class UserInputError(TacitusError):
    """A path, option or value given by the user is wrong."""

    code = "E001"


class ModelLoadError(TacitusError):
    """The spaCy model could not be loaded."""

    code = "E002"


class DictionaryError(TacitusError):
    """A dictionary file is missing or has a malformed line."""

    code = "E010"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class GoldFileError(TacitusError):
    """A gold file for `tacitus eval` cannot be read."""

    code = "E020"


class ArticleSkipped(TacitusError):
    """An article was dropped on purpose; `reason` is the counted skip reason."""

    code = "E030"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class StoreError(TacitusError):
    """The event store (DuckDB) cannot be opened or written."""

    code = "E040"


class ExportError(TacitusError):
    """An output (an export, `ingest --out`) cannot be written where it was asked to go, or
    writing it failed (disk full, folder not writable)."""

    code = "E045"
