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
from tacitus.dictionaries.model import ActorEntry, DictionaryProblem, DictionarySet
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
    # Actor files whose entries take precedence over same-named older ones (the modern file).
    precedence: tuple[str, ...] = ()

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
    if directory.is_file():
        raise DictionaryError(
            f"is a file, not a dictionary directory - give the directory that holds it ({directory.parent})",
            path=str(directory),
        )
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
            "verb file (CAMEO*.txt or *verbs*.txt)" if found.verbs is None else "actor file (*actors*.txt)"
        )
        raise DictionaryError(
            f"no {missing} in the dictionary directory - add it, or point at the "
            "directory that holds the whole set",
            path=str(directory),
        )
    return found


def parse_dictionary_set(
    files: DictionaryFiles, *, strict: bool = False, log_level: int = logging.WARNING
) -> DictionarySet:
    """Read every file of `files` and run the set-wide checks (rare actor-code blocks).

    Each problem is logged at `log_level` as it is found and kept in `problems`."""
    problems: list[DictionaryProblem] = []
    code_sites: dict[str, list[tuple[ProblemLog, int, str]]] = {}
    logs: dict[str, ProblemLog] = {}

    def problem_log(path: Path) -> ProblemLog:
        logs[path.name] = ProblemLog(
            path, problems, strict=strict, code_sites=code_sites, log_level=log_level
        )
        return logs[path.name]

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
    _check_rare_blocks(code_sites)
    _check_ambiguous_names(entries, logs, files.precedence)
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


def _check_rare_blocks(code_sites: dict[str, list[tuple[ProblemLog, int, str]]]) -> None:
    uses = {code: len(sites) for code, sites in code_sites.items()}
    for code, (blocks, hints) in rare_blocks(uses).items():
        site, line, text = code_sites[code][0]
        hint = f" (looks like {', '.join(hints)})" if hints else ""
        site.warning(
            line,
            f"actor code {code}: block(s) {', '.join(blocks)} used nowhere else in the set "
            f"and in no CAMEO table{hint}",
            text,
        )


def _check_ambiguous_names(
    entries: list[ActorEntry], logs: dict[str, ProblemLog], precedence: tuple[str, ...] = ()
) -> None:
    """A name listed under two entries with different codes (PEOPLES_LIBERATION_ARMY:
    CHNMIL and TURREB): a matcher taking the first entry silently drops the other.
    Entries of a `precedence` file override older ones on purpose: not reported."""
    first_entry: dict[tuple[str, ...], ActorEntry] = {}
    for entry in entries:
        codes = tuple((c.code, c.start, c.end) for c in entry.codes)
        for phrase in entry.names:
            earlier = first_entry.setdefault(phrase.words, entry)
            if earlier is entry:
                continue
            if earlier.origin.file in precedence and entry.origin.file not in precedence:
                continue
            if tuple((c.code, c.start, c.end) for c in earlier.codes) != codes:
                logs[entry.origin.file].warning(
                    entry.origin.line,
                    f"actor name {' '.join(phrase.words)} is also an entry at {earlier.origin} "
                    f"with other codes ({'/'.join(c.code for c in earlier.codes)})",
                )
