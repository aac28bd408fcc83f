"""The modern office-holder table: reader errors, the generated actor file, precedence over older entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus.actors.finder import ActorFinder
from tacitus.actors.resolver import ActorResolver
from tacitus.dictionaries import load_dictionaries
from tacitus.dictionaries.actors import read_actors
from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.modern import (
    ascii_fold,
    build,
    generate_actor_file,
    modern_actor_path,
    name_words,
    read_modern_sources,
    read_modern_table,
)
from tacitus.errors import DictionaryError

HEADER = "person\tvariants\tcode\toffice\ttitle\tstart\tend\tgender\tsource\n"


def row(person: str = "Aria Vell", **cells: str) -> str:
    """A table row; `cells` override the defaults (a foreign minister from 2016-03-01)."""
    values = {
        "variants": "A. Vell; Vell",
        "code": "ISLGOV",
        "office": "foreign_minister",
        "title": "Foreign Minister",
        "start": "2016-03-01",
        "end": "2018-06-30",
        "gender": "f",
        "source": "Iceland MFA",
    }
    values.update(cells)
    return "\t".join([person, *values.values()]) + "\n"


# Fictional people with real country codes (a test fixture, not shipped data).
ROWS = [
    # A person with two offices and a gap between them (the ELI rule), one still in office.
    row(),
    row(
        office="head_of_government",
        title="Prime Minister",
        start="2020-01-10",
        end="2022-12-31",
        source="PMO",
    ),  # fmt: skip
    row(
        "Bran Dûnmar",
        variants="Bran Dunmar",
        office="head_of_government",
        title="Prime Minister",
        start="2023-01-01",
        end="",
        gender="m",
        source="PMO",
    ),  # fmt: skip
    row(
        "Gondor Guard",
        variants="GG",
        code="NORMIL",
        office="armed_group",
        title="",
        start="2010-05-01",
        end="",
        gender="x",
        source="Norway press",
    ),  # fmt: skip
]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path / "cache"))


def write_sources(folder: Path, rows: list[str] = ROWS, header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = "# ---- Iceland (ISL) ----\n" + header + "".join(rows)
    (folder / "middle_earth.tsv").write_text(text, encoding="utf-8")
    return folder


def test_dictionaries_modern_read_rows(tmp_path: Path) -> None:
    terms = read_modern_sources(write_sources(tmp_path / "sources"))
    assert [t.person for t in terms] == ["Aria Vell", "Aria Vell", "Bran Dûnmar", "Gondor Guard"]
    first = terms[0]
    assert (first.code, first.office, first.start, first.end, first.gender) == (
        "ISLGOV",
        "foreign_minister",
        date(2016, 3, 1),
        date(2018, 6, 30),
        "f",
    )
    assert first.variants == ("A. Vell", "Vell")
    assert str(first.origin) == "middle_earth.tsv:3"
    assert terms[2].end is None


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (row().replace("\tf\t", "\t"), "8 tab-separated cells"),
        (row(code="islgov"), "code 'islgov' is not"),
        (row(code="XQZGOV"), "code 'XQZGOV' is not"),
        (row(office="vizier"), "office 'vizier' is unknown"),
        (row(start="2016-3-1"), "start '2016-3-1' is not a day"),
        (row(end="2016-02-30"), "end '2016-02-30'"),
        (row(end="2015-03-01"), "ends (2015"),
        (row(start="2010-03-01", end="2014-03-01"), "before 2015"),
        (row(gender="w"), "gender 'w'"),
        (row(source=""), "empty source"),
        (row(title=""), "empty title"),
        (row(variants="Vell_A"), "has '_'"),
    ],
)
def test_dictionaries_modern_malformed_row_names_file_and_line(tmp_path: Path, bad: str, problem: str):
    folder = write_sources(tmp_path / "sources", [ROWS[0], bad])
    with pytest.raises(DictionaryError) as caught:
        read_modern_sources(folder)
    assert caught.value.line == 4
    assert caught.value.path is not None and caught.value.path.endswith("middle_earth.tsv")
    assert problem in str(caught.value)


def test_dictionaries_modern_header_checked(tmp_path: Path) -> None:
    folder = write_sources(tmp_path / "sources", ROWS, header=HEADER.replace("gender", "sex"))
    with pytest.raises(DictionaryError, match=r"middle_earth\.tsv:2: modern table: the header must be"):
        read_modern_table(folder / "middle_earth.tsv")


def test_dictionaries_modern_one_gender_per_person(tmp_path: Path) -> None:
    folder = write_sources(tmp_path / "sources", [ROWS[0], ROWS[1].replace("\tf\t", "\tm\t")])
    with pytest.raises(DictionaryError, match=r"Aria Vell is 'f' at middle_earth.tsv:3 and 'm' here"):
        read_modern_sources(folder)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), ("Bran Dûnmar", "Bran Dunmar"), ("Łukasz", "Lukasz")],
)
def test_dictionaries_modern_ascii_fold(text: str, folded: str) -> None:
    assert ascii_fold(text) == folded


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Joseph R. Biden, Jr.", ("JOSEPH", "R.", "BIDEN", ",", "JR.")),
        ("Sudan People's Liberation Movement", ("SUDAN", "PEOPLE", "'S", "LIBERATION", "MOVEMENT")),
        ("Hay'at Tahrir al-Sham", ("HAY'AT", "TAHRIR", "AL-SHAM")),
    ],
)
def test_dictionaries_modern_name_words_cut_as_text(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


def test_dictionaries_modern_generated_entry(tmp_path: Path) -> None:
    terms = read_modern_sources(write_sources(tmp_path / "sources"))
    text = generate_actor_file(terms, sources=["middle_earth"])
    assert "# Tacitus.Modern.actors.txt: GENERATED - do not edit by hand." in text
    assert "python -m tacitus.dictionaries.modern" in text
    entry = text.split("\n\n")[1].splitlines()
    assert entry == [
        "ARIA_VELL_  # Aria Vell",
        "+A._VELL_",
        "+VELL_",
        # Precedence order of offices: the head of government's line first.
        "\t[ISLGOV 20200110-20221231] # Prime Minister - source: PMO",
        "\t[ISLGOV 20160301-20180630] # Foreign Minister - source: Iceland MFA",
        "\t[ISLELI 20180701-20200109] # former office holder (CAMEO ELI) - generated",
        "\t[ISLELI >20230101] # former office holder (CAMEO ELI) - generated",
    ]
    assert "BRAN_DÛNMAR_  # Bran Dûnmar\n+BRAN_DUNMAR_\n\t[ISLGOV >20230101]" in text
    # A body that existed when the table starts: undated; no ELI for a body or a sitting holder.
    assert "GONDOR_GUARD_  # Gondor Guard\n+GG_\n\t[NORMIL] # armed group - source: Norway press" in text
    assert "BRAN_DUNMAR_\n\t[ISLGOV >20230101] # Prime Minister - source: PMO\n\n" in text


def test_dictionaries_modern_generated_file_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    terms = read_modern_sources(write_sources(tmp_path / "sources"))
    path.write_text(generate_actor_file(terms), encoding="utf-8")
    problems: list = []
    entries = read_actors(path, ProblemLog(path, problems, strict=False))
    assert problems == []
    vell = entries[0]
    assert all(not name.stem for name in vell.names)  # whole words: every name ends in _
    assert vell.code_on(date(2015, 6, 1)) is None  # before the first listed term
    assert vell.code_on(date(2017, 6, 1)) == "ISLGOV"
    assert vell.code_on(date(2019, 6, 1)) == "ISLELI"  # between terms
    assert vell.code_on(date(2021, 6, 1)) == "ISLGOV"
    assert vell.code_on(date(2024, 6, 1)) == "ISLELI"  # from the day after the last term


def test_dictionaries_modern_committed_file_is_generated_from_committed_sources() -> None:
    # The shipped actor file never drifts from its sources: regenerate with
    # `python -m tacitus.dictionaries.modern` after editing a source.
    assert modern_actor_path().read_text(encoding="utf-8") == build()


def test_dictionaries_modern_precedence_over_older_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tacitus.dictionaries import modern

    # A test-only row for a name the Phoenix set knows (VLADIMIR_PUTIN_, RUSGOV >20000507).
    putin = row("Vladimir Putin", variants="", code="RUSMIL", office="head_of_state", title="President",
                start="2016-01-01", end="2016-12-31", gender="m", source="test only")  # fmt: skip
    generated = tmp_path / "Tacitus.Modern.actors.txt"
    terms = read_modern_sources(write_sources(tmp_path / "sources", [putin]))
    generated.write_text(generate_actor_file(terms), "utf-8")
    monkeypatch.setattr(modern, "modern_actor_path", lambda: generated)
    dictionaries = load_dictionaries()
    resolver = ActorResolver(ActorFinder(dictionaries))
    assert resolver.resolve("Vladimir Putin", "2016-06-01").code == "RUSMIL"  # the modern entry wins
    assert resolver.resolve("Vladimir Putin", "2017-06-01").code == "RUSELI"  # its ELI after the term
    # Before the modern entry's first term it gives no code: the older entry serves.
    assert resolver.resolve("Vladimir Putin", "2010-06-01").code == "RUSGOV"
    # Same words, other codes: an override on purpose, not an ambiguity warning.
    assert not [p for p in dictionaries.problems if "VLADIMIR PUTIN is also an entry" in p.reason]


def test_dictionaries_modern_user_directory_used_as_given(tmp_path: Path) -> None:
    directory = tmp_path / "set"
    directory.mkdir()
    (directory / "x.verbs.txt").write_text("--- MEET [040] ---\nMEET\n", encoding="utf-8")
    (directory / "x.actors.txt").write_text("ALPHA_ [USA]\n", encoding="utf-8")
    dictionaries = load_dictionaries(directory)
    assert "Tacitus.Modern.actors.txt" not in dictionaries.files


def test_dictionaries_modern_builtin_set_reads_modern_file_first() -> None:
    dictionaries = load_dictionaries()
    actor_files = [name for name in dictionaries.files if "actors" in name]
    # Tacitus's own files (seats of government, then office holders) before the Phoenix ones
    assert actor_files[:2] == ["Tacitus.Metonyms.actors.txt", "Tacitus.Modern.actors.txt"]
    assert dictionaries.source == "builtin:petrarch2"


def test_dictionaries_modern_file_in_cache_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tacitus.dictionaries import modern

    first = load_dictionaries()
    copy = tmp_path / "modern.actors.txt"
    extra = "\nZYX_QWV_\n\t[ISLGOV]\n"
    copy.write_text(modern_actor_path().read_text(encoding="utf-8") + extra, encoding="utf-8")
    monkeypatch.setattr(modern, "modern_actor_path", lambda: copy)
    second = load_dictionaries()
    assert second.fingerprint != first.fingerprint
    assert any(e.names[0].words == ("ZYX", "QWV") for e in second.actors.entries)
