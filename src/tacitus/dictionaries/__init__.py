"""PETRARCH/TABARI dictionaries: readers, checks and cache; entry point `load_dictionaries`."""

from __future__ import annotations

import gc
import logging
from importlib import resources
from pathlib import Path

from tacitus.dictionaries.cache import fingerprint, read_cache, write_cache
from tacitus.dictionaries.known import downgrade_known, known_problems, known_problems_path
from tacitus.dictionaries.loader import (
    DictionaryFiles,
    find_dictionary_files,
    parse_dictionary_set,
)
from tacitus.dictionaries.model import DictionaryProblem, DictionarySet
from tacitus.errors import DictionaryError

__all__ = [
    "BUILTIN_SOURCE",
    "DictionaryProblem",
    "DictionarySet",
    "builtin_directory",
    "load_dictionaries",
]

log = logging.getLogger(__name__)

BUILTIN_SOURCE = "builtin:petrarch2"


def builtin_directory() -> Path:
    """The shipped PETRARCH2 set (CAMEO.2.0 + Phoenix dictionaries); the built-in set
    adds the modern actor file (`tacitus.dictionaries.modern`) to it."""
    return Path(str(resources.files("tacitus").joinpath("data/dictionaries/petrarch2")))


def load_dictionaries(
    directory: str | Path | None = None, *, strict: bool = False, use_cache: bool = True
) -> DictionarySet:
    """Load a dictionary set: None → the built-in set, else a directory used as given.

    The built-in set is the PETRARCH2 directory plus the modern actor file
    (``Tacitus.Modern.actors.txt``), read first: where a modern and an older entry
    match the same words, the modern one is tried first and the older one serves
    the days the modern one gives no code (`tacitus.actors.ActorFinder`).
    Files are recognised by name (see `find_dictionary_files`). A malformed
    line is logged, kept in `DictionarySet.problems` (file, line, reason) and
    skipped; with `strict` the first problem (in file order) raises
    DictionaryError with its path and line. The parsed
    set is cached (``$TACITUS_CACHE_DIR`` or ``~/.cache/tacitus``) under a
    fingerprint of the files' bytes, so a second load is a pickle read.

    Raises:
        DictionaryError: the directory is missing, unreadable or lacks a verb or
            actor file; with `strict`, also on the first problem found.
    """
    # Imported here: `python -m tacitus.dictionaries.modern` must not find it imported already.
    from tacitus.dictionaries.modern import metonyms_path, modern_actor_path, modern_agents_path

    root = builtin_directory() if directory is None else Path(directory).expanduser()
    files = find_dictionary_files(root)
    extra = [known_problems_path()] if directory is None else []
    if directory is None and modern_actor_path().is_file():
        files.actors.insert(0, modern_actor_path())
        files.precedence = (modern_actor_path().name,)
    if directory is None and metonyms_path().is_file():
        # seats of government named for it ("Downing Street"), with the same precedence
        files.actors.insert(0, metonyms_path())
        files.precedence = (metonyms_path().name, *files.precedence)
    if directory is None and modern_agents_path().is_file():
        files.agents.append(modern_agents_path())  # role words Phoenix lacks ("officials")
    try:
        key = fingerprint(files.all() + files.extra_verbs + extra)
    except OSError as exc:
        raise DictionaryError(
            f"cannot read a dictionary file ({exc.strerror}) - check its permissions",
            path=str(exc.filename or root),
        ) from exc
    source = BUILTIN_SOURCE if directory is None else str(root)
    dictionaries = read_cache(key) if use_cache else None
    if dictionaries is not None:
        dictionaries.source = source
        if dictionaries.problems:
            log.info(
                "%d dictionary problems in %s (see `tacitus dictionaries check`)",
                len(dictionaries.problems),
                source,
            )
    else:
        dictionaries = _parse(files, builtin=directory is None)
        dictionaries.source = source
        dictionaries.fingerprint = key
        if use_cache:
            write_cache(dictionaries)
    if strict and dictionaries.problems:
        # The whole set is read first, so strict mode names the same first problem
        # (in file order) whether the set came from the files or the cache.
        first = dictionaries.problems[0]
        raise DictionaryError(
            f"{first.reason} - fix the line or load without strict checking",
            path=str(root / first.file),
            line=first.line,
        )
    return dictionaries


def _parse(files: DictionaryFiles, *, builtin: bool) -> DictionarySet:
    # The shipped set's problems are known and not the user's to fix: one warning
    # for all of them; a user's own files get a warning per problem.
    level = logging.INFO if builtin else logging.WARNING
    collecting = gc.isenabled()
    gc.disable()  # ~300k small acyclic objects: collecting meanwhile only costs time
    try:
        dictionaries = parse_dictionary_set(files, log_level=level)
    finally:
        if collecting:
            gc.enable()
    if builtin:
        # Faults of PETRARCH2's own files that the table shows harmless are warnings.
        dictionaries.problems = downgrade_known(dictionaries.problems, known_problems())
    if builtin and any(p.severity == "error" for p in dictionaries.problems):
        log.warning(
            "the shipped dictionaries have %d errors (lines skipped); "
            "list them with `tacitus dictionaries check`",
            sum(p.severity == "error" for p in dictionaries.problems),
        )
    return dictionaries
