"""Each cleaning rule drops the residue it targets and leaves real news lines alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.clean import CleaningRulesError, clean_text, load_rules

BODY = "The ministers agreed to meet again in March, a spokesman said on Friday."


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (", , :", "punctuation_only"),
        ("|", "punctuation_only"),
        ("$ 89.7", "ticker"),
        ("€ 97.1", "ticker"),
        ("EUR/USD 1.0842 +0.21%", "ticker"),
        ("maxresdefault 1", "image_file"),
        ("IMG_2041.jpg", "image_file"),
        ("Share this article", "share_buttons"),
        ("Facebook Twitter Email", "share_buttons"),
        ("Subscribe to our newsletter", "subscribe"),
        ("Sign up", "subscribe"),
        ("Read more »", "navigation"),
        ("Advertisement", "navigation"),
        ("Related Articles", "navigation"),
        ("Photo: Reuters", "photo_credit"),
        ("We use cookies to improve your experience.", "cookie_notice"),
        ("12:45 GMT", "timestamp_only"),
        ("By Jane Smith", "byline"),
        ("By Jane Smith and Omar al Rashid, Reuters", "byline"),
        ("BY JOHN DOE | Staff Writer", "byline"),
        ("Published: 12 March 2021", "date_line"),
        ("Updated on Nov 3, 2019 10:42 AM", "date_line"),
        ("Updated 3 hours ago", "timestamp_only"),
    ],
)
def test_clean_rules_drop_residue_line(line: str, rule: str) -> None:
    result = clean_text(f"{line}\n{BODY}", detect_title=False)
    assert result.text == BODY
    assert [(r.kind, r.rule, r.line) for r in result.removals] == [("drop", rule, 1)]


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Russia and China signed 12 agreements worth $3 billion.",
        "Share prices fell 3% in Tokyo after the announcement.",
        "Reuters reported that the talks had failed.",
        "Home Secretary Priti Patel said the plan would go ahead.",
        "2019 was the hottest year on record in Europe, the agency said.",
        "By Monday, the talks had collapsed.",
        "By the end of the year, Russia and China will sign the treaty.",
        "Published figures show exports fell 3% in 2019, the ministry said.",
    ],
)
def test_clean_rules_keep_news_line(line: str) -> None:
    result = clean_text(line, detect_title=False)
    assert result.text == line.replace("’", "'")
    assert result.removals == []


@pytest.mark.parametrize(
    ("glued", "residue", "rest"),
    [
        ("maxresdefault 1China and Russia agreed.", "maxresdefault 1", "China and Russia agreed."),
        (
            "hqdefault“We will not back down,” he said.",
            "hqdefault",
            '"We will not back down," he said.',
        ),
        ("$ 89.7China said on Monday.", "$ 89.7", "China said on Monday."),
        (
            "Image copyright AFP Image caption The general visited Riyadh on Thursday.",
            "Image copyright AFP Image caption",
            "The general visited Riyadh on Thursday.",
        ),
    ],
)
def test_clean_rules_split_glued_residue(glued: str, residue: str, rest: str) -> None:
    result = clean_text(glued, detect_title=False)
    assert result.text == rest
    assert result.removals[0].kind == "strip"
    assert result.removals[0].text.strip() == residue


@pytest.mark.parametrize(
    ("glued", "residue", "rest"),
    [
        (
            "The talks will resume in March.Share this article",
            "Share this article",
            "The talks will resume in March.",
        ),
        ('"We agreed," he said.Advertisement', "Advertisement", '"We agreed," he said.'),
    ],
)
def test_clean_rules_split_glued_suffix(glued: str, residue: str, rest: str) -> None:
    result = clean_text(glued, detect_title=False)
    assert result.text == rest
    assert [(r.kind, r.rule, r.text) for r in result.removals] == [("strip", "glued_call_to_action", residue)]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("“Yes,” he said.", '"Yes," he said.'),
        ("It’s\u00a0done\u200b.", "It's done."),
        ("a  \t b", "a b"),
        ("Line one.\r\nLine two.", "Line one.\nLine two."),
        ("Para one.\n\n\n\nPara two.", "Para one.\n\nPara two."),
    ],
)
def test_clean_rules_normalise_characters(raw: str, clean: str) -> None:
    assert clean_text(raw, detect_title=False).text == clean


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            f"Ministers agree to resume border talks\n\n{BODY}",
            "Ministers agree to resume border talks",
        ),
        (f"{BODY}\n\n{BODY}", None),
        ("Ministers agree to resume border talks", None),
    ],
)
def test_clean_rules_detect_title(text: str, title: str | None) -> None:
    assert clean_text(text).title == title


def test_clean_rules_repeated_title_removed() -> None:
    result = clean_text(f"Talks resume\n{BODY}", title="Talks resume")
    assert result.text == BODY and result.title == "Talks resume"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[drop_line]]\nname = "x"\npattern = "("\n', "rule 'x' has a bad regular expression"),
        ('[[drop_line]]\npattern = "a"\n', "a [[drop_line]] rule has no 'name' - add one"),
        ("[[drop_line\n", "not valid TOML"),
    ],
)
def test_clean_rules_bad_rules_file_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(content)
    with pytest.raises(CleaningRulesError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_rules(str(path))


def test_clean_rules_packaged_rules_load() -> None:
    rules = load_rules()
    assert {rule.name for rule in rules.drop_line} >= {"punctuation_only", "ticker", "image_file"}


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("France \u202eevil\u202c criticized Germany.", "France evil criticized Germany.", 2),
        ("Talks \u2067in Cairo\u2069 ended.", "Talks in Cairo ended.", 2),
        ("\u202a\u202b\u202d\u2066\u2068Rome.", "Rome.", 5),
        ("\u200fMarks stay\u200e.", "\u200fMarks stay\u200e.", 0),  # LRM/RLM cannot reorder
    ],
)
def test_clean_rules_bidi_controls_dropped_and_counted(text: str, expected: str, count: int) -> None:
    result = clean_text(text, detect_title=False)
    assert result.text == expected
    assert result.replacements.get("bidi_controls", 0) == count


@pytest.mark.parametrize("title", ["The \u202eevil\u202c plan"])
def test_clean_rules_bidi_controls_dropped_from_given_title(title: str) -> None:
    result = clean_text(BODY, title=title)
    assert result.title == "The evil plan"
    assert result.replacements == {"bidi_controls": 2}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks \x1b]0;pwned\x07resumed.", "Talks ]0;pwnedresumed."),
        ("Rome \x1b[2J\x1b[31mred.", "Rome [2J[31mred."),
        ("Nul\x00 and C1\x9b here.", "Nul and C1 here."),
        ("Tab\tstays.", "Tab stays."),
    ],
)
def test_clean_rules_control_characters_dropped(text: str, expected: str) -> None:
    """Printed by `tacitus events` to a terminal, ESC sequences would be commands."""
    assert clean_text(text, detect_title=False).text == expected
