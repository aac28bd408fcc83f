"""Finds the dictionary files of a directory, reads them all and checks them as one set."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.dictionaries.actors import index_actors, read_actors
from tacitus.dictionaries.agents import read_agents
from tacitus.dictionaries.codes import rare_blocks
from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.lists import read_discards, read_issues, read_prepositions
from tacitus.dictionaries.model import DictionaryProblem, DictionarySet
from tacitus.dictionaries.verbs import read_verbs
from tacitus.errors import DictionaryError

__all__ = ["DictionaryFiles", "find_dictionary_files", "parse_dictionary_set"]

log = logging.getLogger(__name__)


@dataclass
class DictionaryFiles:
    """The files of one dictionary directory, by role (names sorted: deterministic)."""

    directory: Path
    verbs: Path | None = None
    actors: list[Path] = field(default_factory=list)
    agents: list[Path] = field(default_factory=list)
    discards: list[Path] = field(default_factory=list)
    issues: list[Path] = field(default_factory=list)
    prepositions: list[Path] = field(default_factory=list)
    extra_verbs: list[Path] = field(default_factory=list)

    def all(self) -> list[Path]:
        head = [self.verbs] if self.verbs else []
        return head + [*self.actors, *self.agents, *self.discards, *self.issues, *self.prepositions]


def _role(name: str) -> str | None:
    lower = name.lower()
    if "verbs" in lower or lower.startswith("cameo"):
        return "verbs"
    for role in ("actors", "agents", "discards", "prepositions"):
        if role in lower:
            return role
    if "issue" in lower:
        return "issues"
    return None


def find_dictionary_files(directory: Path) -> DictionaryFiles:
    """Recognise files by name: verbs ``*verbs*``/``CAMEO*``; ``*actors*`` (several);
    ``*agents*``; ``*discards*``; ``*issue*``; ``*prepositions*``. Others are ignored."""
    if not directory.is_dir():
        raise DictionaryError(
            "dictionary directory not found - give a directory holding CAMEO*.txt or "
            "*verbs*.txt and *actors*.txt files",
            path=str(directory),
        )
    try:
        names = sorted(p for p in directory.iterdir() if p.is_file())
    except OSError as exc:
        raise DictionaryError(
            f"cannot list the dictionary directory ({exc.strerror}) - check its permissions",
            path=str(directory),
        ) from exc
    found = DictionaryFiles(directory)
    for path in names:
        role = _role(path.name)
        if role is None or path.name.startswith("."):
            log.debug("not a dictionary file, ignored: %s", path)
        elif role == "verbs":
            if found.verbs is None:
                found.verbs = path
            else:
                found.extra_verbs.append(path)
        else:
            getattr(found, role).append(path)
    if found.verbs is None or not found.actors:
        missing = (
            "a verb file (CAMEO*.txt or *verbs*.txt)"
            if found.verbs is None
            else ("an actor file (*actors*.txt)")
        )
        raise DictionaryError(
            f"no {missing} in the dictionary directory - add it, or point at the "
            "directory that holds the whole set",
            path=str(directory),
        )
    return found


def parse_dictionary_set(files: DictionaryFiles, *, strict: bool = False) -> DictionarySet:
    """Read every file of `files` and run the set-wide checks (rare actor-code blocks)."""
    problems: list[DictionaryProblem] = []
    code_sites: dict[str, tuple[ProblemLog, int, str]] = {}

    def problem_log(path: Path) -> ProblemLog:
        return ProblemLog(path, problems, strict=strict, code_sites=code_sites)

    if files.verbs is None:
        raise DictionaryError(
            "no verb file in the set - add CAMEO*.txt or *verbs*.txt", path=str(files.directory)
        )
    for extra in files.extra_verbs:
        problem_log(extra).error(1, f"second verb file ignored: only {files.verbs.name} is read")
    verbs = read_verbs(files.verbs, problem_log(files.verbs))
    entries = [entry for path in files.actors for entry in read_actors(path, problem_log(path))]
    agents = [agent for path in files.agents for agent in read_agents(path, problem_log(path))]
    discards = [d for path in files.discards for d in read_discards(path, problem_log(path))]
    issues = [i for path in files.issues for i in read_issues(path, problem_log(path))]
    prepositions: frozenset[str] = frozenset()
    for path in files.prepositions:
        prepositions |= read_prepositions(path, problem_log(path))
    for code, blocks in rare_blocks(list(code_sites)).items():
        site, line, text = code_sites[code]
        site.warning(
            line,
            f"actor code {code} has block(s) {', '.join(blocks)} that no CAMEO table "
            "and no other code of the set uses (typo?)",
            text,
        )
    order = {name: i for i, name in enumerate(p.name for p in [*files.all(), *files.extra_verbs])}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line))
    return DictionarySet(
        verbs=verbs,
        actors=index_actors(entries),
        agents=agents,
        discards=discards,
        issues=issues,
        problems=problems,
        prepositions=prepositions,
        files=tuple(p.name for p in files.all()),
    )
