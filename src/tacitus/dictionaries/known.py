"""The shipped set's known problems: which remaining faults are harmless, and why."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tacitus.dictionaries.model import DictionaryProblem

__all__ = ["KnownProblem", "downgrade_known", "known_problems", "known_problems_path", "why_harmless"]


@dataclass(frozen=True, slots=True)
class KnownProblem:
    """A row of ``known_problems.tsv``: `where` is ``FILE:LINE`` or ``*`` (any line)."""

    where: str
    kind: str
    why: str

    def matches(self, problem: DictionaryProblem) -> bool:
        return problem.reason.startswith(self.kind) and self.where in ("*", f"{problem.file}:{problem.line}")


def known_problems_path() -> Path:
    """The table shipped beside the built-in dictionaries."""
    return Path(str(resources.files("tacitus").joinpath("data/dictionaries/known_problems.tsv")))


def known_problems(path: Path | None = None) -> list[KnownProblem]:
    """Rows of the table (comments and the header skipped)."""
    rows: list[KnownProblem] = []
    text = (path or known_problems_path()).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("where\t"):
            continue
        where, kind, why = line.split("\t")
        rows.append(KnownProblem(where, kind, why))
    return rows


def downgrade_known(problems: list[DictionaryProblem], known: list[KnownProblem]) -> list[DictionaryProblem]:
    """The problems with each error listed by ``FILE:LINE`` turned into a warning.

    Only exact ``FILE:LINE`` rows downgrade: a new fault of a listed kind on another
    line stays an error."""
    exact = [k for k in known if k.where != "*"]
    result: list[DictionaryProblem] = []
    for problem in problems:
        if problem.severity == "error" and any(k.matches(problem) for k in exact):
            problem = dataclasses.replace(problem, severity="warning")
        result.append(problem)
    return result


def why_harmless(problems: list[DictionaryProblem], known: list[KnownProblem]) -> list[tuple[str, str]]:
    """(kind, why) for each kind of warning in `problems` the table explains, in table order."""
    warnings = [p for p in problems if p.severity == "warning"]
    return [(k.kind, k.why) for k in known if any(k.matches(p) for p in warnings)]
