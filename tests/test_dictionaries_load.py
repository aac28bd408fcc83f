"""load_dictionaries: the shipped set, directories, file recognition, strict mode, the cache."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.dictionaries import DictionarySet, builtin_directory, load_dictionaries
from tacitus.dictionaries.cache import fingerprint, read_cache
from tacitus.dictionaries.loader import find_dictionary_files
from tacitus.errors import DictionaryError

VERBS = "--- MEET [040] ---\nMEET\n- * (WITH +) [042:043]\n"
ACTORS = "ALPHA_ [USA]\n+ALPHA_REPUBLIC\nBETA [RUSGOV]\n"
AGENTS = "MINISTER [~GOV]\n"


def write_set(directory: Path, **files: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def shipped() -> DictionarySet:
    return load_dictionaries(use_cache=False)


def test_dictionaries_load_shipped_counts(shipped: DictionarySet) -> None:
    assert shipped.source == "builtin:petrarch2"
    assert shipped.verbs.syntax == "petrarch2"
    assert len(shipped.verbs.blocks) == 397
    assert sum(len(b.patterns) for b in shipped.verbs.blocks) == 4665  # 4662 + three corrected lines
    assert len(shipped.verbs.synsets) == 40
    assert len(shipped.actors.entries) > 27000
    assert len(shipped.agents) > 5000
    assert len(shipped.discards) > 500
    assert len(shipped.issues) > 4900
    assert "ABOARD" in shipped.prepositions
    assert shipped.files[0] == "CAMEO.2.0.txt"


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("Phoenix.International.actors.txt:1842", "NGOEEURENV is not made of 3-letter blocks"),
        (
            "Phoenix.International.actors.txt:79",
            "block(s) AIE used nowhere else in the set and in no CAMEO table (looks like IAE)",
        ),
        ("CAMEO.2.0.txt:8443", "synset &WEATHER is used but never defined"),
        ("CAMEO.2.0.txt:2374", "unbalanced ')' in a pattern"),
        (
            "Phoenix.MilNonState.actors.txt:381",
            "PEOPLES LIBERATION ARMY is also an entry at Phoenix.Countries.actors.txt:9759 "
            "with other codes (CHNMIL)",
        ),
    ],
)
def test_dictionaries_load_shipped_problems(shipped: DictionarySet, where: str, reason: str):
    found = [p for p in shipped.problems if str(p).startswith(where + ":")]
    assert found and reason in found[0].reason
    assert found[0].severity == "warning"


def test_dictionaries_load_shipped_set_has_no_errors(shipped: DictionarySet) -> None:
    errors = [str(p) for p in shipped.problems if p.severity == "error"]
    assert errors == []


@pytest.mark.parametrize(
    ("words", "day", "code"),
    [
        # Dictionary corrections (docs/coder.md): each line kept its number.
        (("IRAQ",), "2004-06-01", "IRQOCC"),  # Countries:22508 [IRQOCC 1920030320-...]
        (("ERBIL",), "2004-06-01", "IRQOCC"),  # Countries:22519
        (("ARMENIA",), "1991-01-01", "ARMUNR"),  # Countries:2039 9008223
        (("KAMAL", "GANZOURI"), "2012-03-01", "EGYGOV"),  # Countries:14190 inverted range
        (("DAVID", "CAMERON"), "2012-03-01", "GBRGOV"),  # Countries:18010 201005011
        (("DJUKANOVIC",), "2014-03-01", "MNEGOV"),  # Countries:31715 no '>'
        (("JUBA",), "2008-01-01", "SDNSSDAUT"),  # Countries:43613
        (("BORIS", "YELTSIN"), "1995-01-01", "RUSGOV"),  # Countries:39543 '+' missing
        (("GERALD", "FORD"), "1975-01-01", "USAGOV"),  # Countries:50956
        (("U.N.",), "2010-01-01", "IGOUNO"),  # International:22 no code
        (("BAN", "KI-MOON"), "2005-01-01", "KORGOVBUS"),  # International:40 2004017
    ],
)
def test_dictionaries_load_shipped_corrections(shipped: DictionarySet, words, day, code) -> None:
    from datetime import date

    # The corrected line of the PETRARCH2 set (the modern set may list the same words first).
    entries = [
        e
        for phrase, e in shipped.actors.by_first_word.get(words[0], [])
        if phrase.words == words and e.origin.file.startswith("Phoenix")
    ]
    assert entries, words
    assert entries[0].code_on(date.fromisoformat(day)) == code


def test_dictionaries_load_user_set_unreadable_date_fails(tmp_path: Path) -> None:
    directory = write_set(
        tmp_path / "set",
        **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS + "GAMMA_\n\t[IRQOCC 1920030320-20060520]\n"},
    )
    with pytest.raises(DictionaryError, match=r"x\.actors\.txt:5: date '1920030320' is not YYMMDD"):
        load_dictionaries(directory)


def test_dictionaries_load_shipped_problems_sorted(shipped: DictionarySet) -> None:
    order = {name: i for i, name in enumerate(shipped.files)}
    keys = [(order[p.file], p.line) for p in shipped.problems]
    assert keys == sorted(keys)


def test_dictionaries_load_validation_directory() -> None:
    directory = shared_path("data/dictionaries/tabari_validation")
    loaded = load_dictionaries(directory)
    assert loaded.verbs.syntax == "petrarch1"
    assert loaded.source == str(directory)
    assert len(loaded.verbs.blocks) == 261
    assert len(loaded.actors.entries) > 100
    assert loaded.agents and loaded.discards and not loaded.issues


@pytest.mark.parametrize(
    ("names", "roles"),
    [
        (
            ["CAMEO.2.0.txt", "b.actors.txt", "a.actors.txt", "x.agents.txt", "LICENSE.MIT"],
            {"verbs": "CAMEO.2.0.txt", "actors": ["a.actors.txt", "b.actors.txt"]},
        ),
        (
            ["PETR.Validate.verbs.txt", "v.actors.txt", "v.discards.txt", "Issues.txt"],
            {"verbs": "PETR.Validate.verbs.txt", "discards": ["v.discards.txt"]},
        ),
    ],
)
def test_dictionaries_load_recognises_files(tmp_path: Path, names: list[str], roles: dict):
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    found = find_dictionary_files(tmp_path)
    for role, expected in roles.items():
        value = getattr(found, role)
        got = value.name if isinstance(value, Path) else [p.name for p in value]
        assert got == expected


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "dictionary directory not found - give a directory holding"),
        ({"x.actors.txt": ACTORS}, "no verb file (CAMEO*.txt or *verbs*.txt) in the dictionary"),
        ({"x.verbs.txt": VERBS}, "no actor file (*actors*.txt) in the dictionary directory"),
    ],
)
def test_dictionaries_load_bad_directory(tmp_path: Path, files: dict | None, message: str):
    directory = tmp_path / "set"
    if files is not None:
        write_set(directory, **files)
    with pytest.raises(DictionaryError) as caught:
        load_dictionaries(directory)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"[E010] {directory}: ")


def test_dictionaries_load_file_instead_of_directory(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "set", **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS})
    with pytest.raises(DictionaryError) as caught:
        load_dictionaries(directory / "x.verbs.txt")
    assert str(caught.value) == (
        f"[E010] {directory / 'x.verbs.txt'}: is a file, not a dictionary directory - "
        f"give the directory that holds it ({directory})"
    )


def test_dictionaries_load_strict_raises_at_line(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "set", **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS + "GAMMA\n"})
    assert [str(p) for p in load_dictionaries(directory).problems] == [
        "x.actors.txt:4: actor has no code: entry skipped"
    ]
    for use_cache in (False, True):  # the cached set is as strict as a fresh parse
        with pytest.raises(DictionaryError) as caught:
            load_dictionaries(directory, strict=True, use_cache=use_cache)
        assert (Path(caught.value.path).name, caught.value.line) == ("x.actors.txt", 4)


def test_dictionaries_load_cache_round_trip(tmp_path: Path, cache_dir: Path) -> None:
    directory = write_set(
        tmp_path / "set", **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS, "x.agents.txt": AGENTS}
    )
    first = load_dictionaries(directory)
    assert len(list(cache_dir.glob("dictionaries-*.pickle"))) == 1
    assert read_cache(first.fingerprint) == first
    assert load_dictionaries(directory) == load_dictionaries(directory, use_cache=False) == first


def test_dictionaries_load_shipped_cache_equals_fresh(shipped: DictionarySet) -> None:
    cached = load_dictionaries()  # parses and writes the cache (empty cache dir)
    assert read_cache(cached.fingerprint) == shipped


def test_dictionaries_load_corrupt_cache_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    directory = write_set(tmp_path / "set", **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS})
    fresh = load_dictionaries(directory)
    (cached_file,) = cache_dir.glob("dictionaries-*.pickle")
    cached_file.write_bytes(b"not a pickle")
    assert read_cache(fresh.fingerprint) is None
    assert load_dictionaries(directory) == fresh
    assert read_cache(fresh.fingerprint) == fresh  # rewritten


def test_dictionaries_load_fingerprint_follows_bytes(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "set", **{"x.verbs.txt": VERBS, "x.actors.txt": ACTORS})
    files = find_dictionary_files(directory)
    before = fingerprint(files.all())
    (directory / "x.actors.txt").write_text(ACTORS + "GAMMA [CHNGOV]\n", encoding="utf-8")
    after = fingerprint(files.all())
    assert before != after
    assert load_dictionaries(directory).actors.entries[-1].code_on(None) == "CHNGOV"


def test_dictionaries_load_deterministic(tmp_path: Path) -> None:
    directory = shared_path("data/dictionaries/tabari_validation")
    first = load_dictionaries(directory, use_cache=False)
    second = load_dictionaries(directory, use_cache=False)
    assert pickle.dumps(first, protocol=5) == pickle.dumps(second, protocol=5)


def test_dictionaries_load_builtin_is_packaged() -> None:
    names = {p.name for p in builtin_directory().iterdir()}
    assert {"CAMEO.2.0.txt", "Phoenix.Countries.actors.txt", "LICENSE.petrarch2.MIT"} <= names
