"""Verb dictionaries: both syntaxes, forms, synsets, pattern elements, codes, malformed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.model import DictionaryProblem, Element, Phrase, VerbDictionary
from tacitus.dictionaries.verbs import read_verbs
from tacitus.errors import DictionaryError


def read(tmp_path: Path, text: str, *, strict: bool = False) -> tuple[VerbDictionary, list]:
    path = tmp_path / "test.verbs.txt"
    path.write_text(text, encoding="utf-8")
    problems: list[DictionaryProblem] = []
    return read_verbs(path, ProblemLog(path, problems, strict=strict)), problems


def word(*words: str, joined: bool = False) -> Element:
    return Element("word", phrase=Phrase(words), joined=joined)


P2_SNIPPET = """\
&FOOD
+RICE
+BREAD_
+FOOD AID

&AIDSET_
+&FOOD
+MEDICINE

---  GRANT   [070]  ---
GIVE {GAVE GIVEN GIVING GIVES}
CONTRIBUTE  # tony
RUSH [042:043]
+ANGERED_BY {}
KLM_NOP_+RST [012]
- * (TO)                                     [042:043]     # RUSH
- $ * &FOOD (TO +)                           [073]
- * {ARMS SHIPMENT}                          [072]
- * {&FOOD SHIPMENT} (FROM ^)                [:173]
- &AIDSET * (ON STATE) (OF {HIGH ALERT})     [---]

~ a (a b GIVE) RUSH = a b 015
"""


@pytest.fixture(scope="module")
def cameo(tmp_path_factory: pytest.TempPathFactory) -> tuple[VerbDictionary, list]:
    tmp = tmp_path_factory.mktemp("verbs")
    return read(tmp, P2_SNIPPET)


@pytest.mark.parametrize("path", ["petrarch2/CAMEO.2.0.txt"])
def test_dictionaries_verbs_cameo_counts(path: str, tmp_path: Path) -> None:
    # The shared README counts 397 blocks and 4,668 pattern lines; six pattern
    # lines are malformed (two unbalanced ')', '*SCEPTICAL', [080!], two undefined
    # synsets) and are reported and skipped: 4,662 patterns remain.
    file = shared_path(f"data/dictionaries/{path}")
    problems: list[DictionaryProblem] = []
    verbs = read_verbs(file, ProblemLog(file, problems, strict=False))
    assert verbs.syntax == "petrarch2"
    assert len(verbs.blocks) == 397
    assert sum(len(b.patterns) for b in verbs.blocks) == 4662
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 6
    assert {p.line for p in errors} == {1735, 2374, 5787, 7606, 8443, 8444}
    assert len(verbs.transformations) == 8
    assert "SAID" in verbs.forms and "AGREEING" in verbs.forms


@pytest.mark.parametrize("path", ["tabari_validation/PETR.Validate.verbs.txt"])
def test_dictionaries_verbs_validation_syntax(path: str) -> None:
    file = shared_path(f"data/dictionaries/{path}")
    problems: list[DictionaryProblem] = []
    verbs = read_verbs(file, ProblemLog(file, problems, strict=False))
    assert verbs.syntax == "petrarch1"
    assert len(verbs.blocks) == 261
    assert not [p for p in problems if p.severity == "error"]
    codes = {p.code for b in verbs.blocks for p in b.patterns}
    assert {"174K", "abc", "075A", "+++", "###"} <= codes


@pytest.mark.parametrize(
    ("word_form", "lemma", "head_words"),
    [
        ("GAVE", "GIVE", ("GAVE",)),
        ("GIVING", "GIVE", ("GIVING",)),
        ("CONTRIBUTED", "CONTRIBUTE", ("CONTRIBUTED",)),
        ("CONTRIBUTING", "CONTRIBUTE", ("CONTRIBUTING",)),
        ("RUSHES", "RUSH", ("RUSHES",)),
        ("ANGERED", "ANGERED BY", ("ANGERED", "BY")),
        ("RSTED", "KLM NOP RST", ("KLM", "NOP", "RSTED")),
    ],
)
def test_dictionaries_verbs_forms(cameo, word_form: str, lemma: str, head_words) -> None:
    verbs, _ = cameo
    (block, form), *_ = verbs.forms[word_form]
    assert block.name == "GRANT"
    assert form.lemma == lemma
    assert form.words == head_words


@pytest.mark.parametrize("absent", ["GIVED", "ANGEREDED", "CONTRIBUTEING"])
def test_dictionaries_verbs_irregular_forms_replace_regular(cameo, absent: str) -> None:
    verbs, _ = cameo
    assert absent not in verbs.forms


@pytest.mark.parametrize(("form_word", "code", "reverse"), [("RUSH", "042", "043"), ("RST", "012", None)])
def test_dictionaries_verbs_form_codes(cameo, form_word: str, code: str, reverse) -> None:
    verbs, _ = cameo
    (_, form), *_ = verbs.forms[form_word]
    assert (form.code, form.reverse_code) == (code, reverse)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("FOOD", {("RICE",), ("RICES",), ("BREAD",), ("FOOD", "AID"), ("FOOD", "AIDS")}),
        # nested synset; the label ends in "_" so no plurals of its own members
        (
            "AIDSET",
            {("RICE",), ("RICES",), ("BREAD",), ("FOOD", "AID"), ("FOOD", "AIDS"), ("MEDICINE",)},
        ),
    ],
)
def test_dictionaries_verbs_synsets_nested(cameo, name: str, expected: set) -> None:
    verbs, _ = cameo
    assert {p.words for p in verbs.synsets[name]} == expected


def test_dictionaries_verbs_pattern_elements(cameo) -> None:
    verbs, problems = cameo
    assert problems == []
    patterns = {p.origin.line: p for p in verbs.blocks[0].patterns}
    to = patterns[16]
    assert to.after == (Element("prep", phrase=Phrase(("TO",))),)
    assert (to.code, to.reverse_code) == ("042", "043")
    food = patterns[17]
    assert food.before == (Element("source"),)
    assert food.after == (
        Element("synset", name="FOOD"),
        Element("prep", phrase=Phrase(("TO",)), children=(Element("target"),)),
    )
    assert patterns[18].after == (word("ARMS", "SHIPMENT"),)
    shipment = patterns[19]
    assert shipment.after[:2] == (Element("synset", name="FOOD"), word("SHIPMENT", joined=True))
    assert shipment.after[2].children == (Element("skip"),)
    assert (shipment.code, shipment.reverse_code) == (None, "173")
    alert = patterns[20]
    assert alert.before == (Element("synset", name="AIDSET"),)
    assert alert.after[1].children == (word("HIGH", "ALERT"),)
    assert (alert.code, alert.reverse_code) == (None, None)


def test_dictionaries_verbs_transformation(cameo) -> None:
    verbs, _ = cameo
    (item,) = verbs.transformations
    assert (item.outer_source, item.inner, item.outer_verb, item.result) == (
        "a",
        ("a", "b", "GIVE"),
        "RUSH",
        ("a", "b", "015"),
    )


P1_SNIPPET = """\
<!-- PETRARCH-1 syntax -->
&TIETYPES
+MILITARY

--- ACKNOWLEDGE  [023] ---
ACKNOWLEDGE
- SO IN_AND_*_OUT_AGAIN NOW [074]
- * NEW_&TIETYPES_RELATIONS [903]
- % * [030:030]
- + * IN ^ $  [075]
- * FOR_ASYLUM  [174K]
"""


def test_dictionaries_verbs_petrarch1_connectors(tmp_path: Path) -> None:
    verbs, problems = read(tmp_path, P1_SNIPPET)
    assert verbs.syntax == "petrarch1" and problems == []
    so, new, compound, skip, asylum = verbs.blocks[0].patterns
    assert so.before == (word("SO"), word("IN"), word("AND", joined=True))
    assert so.verb_joined
    assert so.after == (word("OUT", joined=True), word("AGAIN", joined=True), word("NOW"))
    assert new.after == (
        word("NEW"),
        Element("synset", name="TIETYPES", joined=True),
        word("RELATIONS", joined=True),
    )
    assert compound.before == (Element("compound"),)
    assert (compound.code, compound.reverse_code) == ("030", "030")
    assert skip.before == (Element("target"),)
    assert skip.after == (word("IN"), Element("skip"), Element("source"))
    assert asylum.code == "174K"
    assert asylum.after == (word("FOR"), word("ASYLUM", joined=True))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- * (WITH VISIT)  VISIT) [042]", "unbalanced ')'"),
        ("- * (WITH {HIGH VISIT) [042]", "unbalanced '{'"),
        ("- * (WITH (HIGH) VISIT) [042]", "nested '('"),
        ("- TALKS [042]", "no verb marker *"),
        ("- * TALKS", "no code"),
        ("- * TALKS [04:2:1]", "more than one ':'"),
        ("- * TALKS [080!]", "characters a code cannot have"),
        ("- *TALKS [042]", "'*' glued to a word"),
        ("- * &NOWHERE [042]", "synset &NOWHERE is used but never defined"),
    ],
)
def test_dictionaries_verbs_malformed_pattern_reported(tmp_path: Path, line: str, reason: str):
    verbs, problems = read(tmp_path, f"--- MEET [040] ---\nMEET\n{line}\n- * [041]\n")
    (problem,) = problems
    assert (problem.file, problem.line, problem.severity) == ("test.verbs.txt", 3, "error")
    assert reason in problem.reason
    assert [p.code for p in verbs.blocks[0].patterns] == ["041"]


def test_dictionaries_verbs_unknown_cameo_code_warned(tmp_path: Path) -> None:
    verbs, problems = read(tmp_path, "--- MEET [040] ---\nMEET\n- * (IN CITY) [1213]\n")
    (problem,) = problems
    assert problem.severity == "warning" and "unknown CAMEO event code 1213" in problem.reason
    assert verbs.blocks[0].patterns[0].code == "1213"


def test_dictionaries_verbs_strict_raises_with_line(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as caught:
        read(tmp_path, "--- MEET [040] ---\nMEET\n- TALKS [042]\n", strict=True)
    assert caught.value.line == 3
    assert caught.value.path is not None and caught.value.path.endswith("test.verbs.txt")
    assert "no verb marker *" in str(caught.value)


def test_dictionaries_verbs_bad_header_keeps_block(tmp_path: Path) -> None:
    text = "--- MEET [040] ---\nMEET\n--- SAYS  [023?]  ---\nSAY {SAID SAYS}\n"
    verbs, problems = read(tmp_path, text)
    assert [b.name for b in verbs.blocks] == ["MEET", "SAYS"]
    assert verbs.forms["SAID"][0][0].name == "SAYS"
    assert problems[0].line == 3 and problems[0].severity == "warning"


@pytest.mark.parametrize(
    ("patterns", "syntax"),
    [
        ("- * (TO +) [042]\n", "petrarch2"),
        ("- * {ARMS SHIPMENT} [072]\n", "petrarch2"),
        ("- IN_* [074]\n- * (TO +) [042]\n", "petrarch2"),
        ("- IN_* [074]\n", "petrarch1"),
        ("- % * [030:030]\n", "petrarch1"),
        ("- * TALKS [042]\n", "petrarch2"),
    ],
)
def test_dictionaries_verbs_detect_syntax(tmp_path: Path, patterns: str, syntax: str) -> None:
    verbs, _ = read(tmp_path, f"--- MEET [040] ---\nMEET\n{patterns}")
    assert verbs.syntax == syntax
