"""Reader of PETRARCH verb dictionaries (CAMEO.2.0 and the PETRARCH-1 validation verbs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.cameo import event_codes
from tacitus.dictionaries.inflect import noun_plural, verb_forms
from tacitus.dictionaries.lines import ProblemLog, SourceLine, make_phrase, read_source_lines
from tacitus.dictionaries.model import (
    Origin,
    Phrase,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
)
from tacitus.dictionaries.patterns import (
    PatternSyntaxError,
    parse_event_code,
    parse_pattern,
    split_code,
)

__all__ = ["detect_verb_syntax", "read_verbs"]

_BLOCK = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\](?P<rest>.*))?$")
_FORM = re.compile(r"^(?P<main>[^{}\[\]]+?)\s*(?:\{(?P<irregular>[^{}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$")
_TRANSFORM = re.compile(
    r"^~\s*(?P<outer>\S+)\s*\(\s*(?P<s>\S+)\s+(?P<t>\S+)\s+(?P<v>[^\s)]+)\s*\)\s*(?P<verb>\S+)"
    r"\s*=\s*(?P<rs>\S+)\s+(?P<rt>\S+)\s+(?P<rc>\S+)\s*$"
)


@dataclass
class _BlockDraft:
    name: str
    code: str | None
    reverse_code: str | None
    origin: Origin
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[tuple[VerbPattern, tuple[str, ...]]] = field(default_factory=list)


@dataclass
class _Reading:
    """Everything read so far from one verb file."""

    syntax: str
    problems: ProblemLog
    blocks: list[_BlockDraft] = field(default_factory=list)
    synset_members: dict[str, list[SourceLine]] = field(default_factory=dict)
    synset_plural: dict[str, bool] = field(default_factory=dict)
    synset_origin: dict[str, int] = field(default_factory=dict)
    transformations: list[Transformation] = field(default_factory=list)


def detect_verb_syntax(lines: list[SourceLine]) -> str:
    """``petrarch2`` when patterns use ``( )`` prepositional phrases or ``{ }`` noun
    phrases, or the file has ``~`` transformations; ``petrarch1`` when patterns
    join words to the verb with ``_`` (``IN_*``) or use ``%``; else ``petrarch2``,
    the production format."""
    petrarch1 = False
    for line in lines:
        text = line.text.lstrip()
        if text.startswith("~"):
            return "petrarch2"
        if not text.startswith("-") or text.startswith("---"):
            continue
        body = text.split("[", 1)[0]
        if any(c in body for c in "({"):
            return "petrarch2"
        petrarch1 = petrarch1 or "_*" in body or "*_" in body or "%" in body
    return "petrarch1" if petrarch1 else "petrarch2"


def read_verbs(path: Path, problems: ProblemLog) -> VerbDictionary:
    """Read a verb file of either syntax into a VerbDictionary."""
    lines = list(read_source_lines(path, problems))
    reading = _Reading(detect_verb_syntax(lines), problems)
    in_synset: str | None = None
    for line in lines:
        text = line.text.strip()
        if text.startswith("+") and in_synset is not None:
            reading.synset_members[in_synset].append(line)
            continue
        in_synset = None
        if text.startswith("&"):
            in_synset = _start_synset(reading, line, text)
        elif text.startswith("---"):
            _start_block(reading, line, text)
        elif text.startswith("-"):
            _add_pattern(reading, line, text)
        elif text.startswith("~"):
            _add_transformation(reading, line, text)
        else:
            _add_form(reading, line, text)
    synsets = _resolve_synsets(reading)
    return _assemble(reading, synsets)


# ---------------------------------------------------------------- synsets


def _start_synset(reading: _Reading, line: SourceLine, text: str) -> str | None:
    label = text.split()[0][1:]
    name = label.rstrip("_").upper()
    if not name or len(text.split()) > 1:
        reading.problems.error(line.number, "synset label must be one word: &NAME", line.raw)
        return None
    if name in reading.synset_members:
        reading.problems.warning(
            line.number,
            f"synset &{name} defined again (first at line {reading.synset_origin[name]}): members merged",
            line.raw,
        )
    else:
        reading.synset_members[name] = []
        reading.synset_origin[name] = line.number
        reading.synset_plural[name] = not label.endswith("_")
    return name


def _resolve_synsets(reading: _Reading) -> dict[str, tuple[Phrase, ...]]:
    """Flatten every synset: members that are ``&OTHER`` bring OTHER's phrases;
    plurals are added unless the label or the member ends with ``_``."""
    resolved: dict[str, tuple[Phrase, ...]] = {}

    def resolve(name: str, trail: tuple[str, ...]) -> tuple[Phrase, ...]:
        if name in resolved:
            return resolved[name]
        phrases: list[Phrase] = []
        for line in reading.synset_members[name]:
            member = line.text.strip()[1:].strip()
            if member.startswith("&"):
                other = member[1:].rstrip("_").upper()
                if other not in reading.synset_members:
                    reading.problems.error(
                        line.number, f"synset &{other} is used but never defined", line.raw
                    )
                elif other in trail:
                    reading.problems.error(line.number, f"synset &{other} contains itself (cycle)", line.raw)
                else:
                    phrases.extend(resolve(other, (*trail, other)))
                continue
            phrase = make_phrase(member, stems=False)
            if not phrase.words:
                reading.problems.error(line.number, "empty synset member", line.raw)
                continue
            phrases.append(phrase)
            plural = noun_plural(phrase.words[-1])
            if plural and reading.synset_plural[name] and not member.endswith("_"):
                phrases.append(Phrase((*phrase.words[:-1], plural)))
        resolved[name] = tuple(dict.fromkeys(phrases))
        return resolved[name]

    for name in reading.synset_members:
        resolve(name, (name,))
    return resolved


# ---------------------------------------------------------------- blocks and forms


def _start_block(reading: _Reading, line: SourceLine, text: str) -> None:
    """``--- NAME [code] ---``, read leniently as PETRARCH does (name, then the first
    ``[...]``): a header that goes wrong must not send its verbs to the previous block."""
    match = _BLOCK.match(text)
    name = " ".join(match["name"].strip("- ").split()).upper() if match else ""
    if not match or not name:
        reading.problems.error(line.number, "block header has no verb name", line.raw)
        name = f"LINE_{line.number}"
    code = reverse = None
    if match and match["code"] is not None:
        if "[" in match["rest"] or match["rest"].strip("- "):
            reading.problems.warning(
                line.number,
                "block header has text after its code: the first [code] is used",
                line.raw,
            )
        try:
            code, reverse, _ = parse_event_code(match["code"])
        except PatternSyntaxError as exc:
            reading.problems.warning(line.number, f"{exc}: the block has no code", line.raw)
        _check_codes(reading, line, code, reverse)
    origin = reading.problems.origin(line.number)
    reading.blocks.append(_BlockDraft(name, code, reverse, origin))


def _current_block(reading: _Reading, line: SourceLine, what: str) -> _BlockDraft | None:
    if not reading.blocks:
        reading.problems.error(line.number, f"{what} before the first '--- VERB ---'", line.raw)
        return None
    return reading.blocks[-1]


def _add_form(reading: _Reading, line: SourceLine, text: str) -> None:
    block = _current_block(reading, line, "verb form")
    if block is None:
        return
    match = _FORM.match(text)
    if not match:
        reading.problems.error(line.number, "verb form is not 'VERB {IRREGULAR FORMS} [code]'", line.raw)
        return
    code = reverse = None
    null_code = False
    if match["code"] is not None:
        try:
            code, reverse, null_code = parse_event_code(match["code"])
        except PatternSyntaxError as exc:
            reading.problems.error(line.number, str(exc), line.raw)
            return
        _check_codes(reading, line, code, reverse)
    try:
        base = _form_words(match["main"])
        irregular = (
            [_form_words(t) for t in match["irregular"].split()] if match["irregular"] is not None else None
        )
    except PatternSyntaxError as exc:
        reading.problems.error(line.number, str(exc), line.raw)
        return
    if len(base[0]) > 1 and "+" not in match["main"]:
        reading.problems.warning(
            line.number,
            f"multi-word verb without '+': {base[0][0]} taken as the verb (write +{'_'.join(base[0])})",
            line.raw,
        )
    origin = reading.problems.origin(line.number)
    lemma = " ".join(base[0])

    def form(words: tuple[str, ...], head: int, generated: bool) -> VerbForm:
        return VerbForm(words, head, code, reverse, origin, lemma, generated, null_code)

    block.forms.append(form(*base, generated=False))
    if irregular is not None:
        block.forms.extend(form(*words_head, generated=False) for words_head in irregular)
        return
    words, head = base
    for inflected in verb_forms(words[head]):
        block.forms.append(form((*words[:head], inflected, *words[head + 1 :]), head, True))


def _form_words(text: str) -> tuple[tuple[str, ...], int]:
    """``KLM_NOP_+RST`` → (('KLM', 'NOP', 'RST'), 2); a one-word form needs no ``+``.

    A multi-word form without ``+`` (``LASH OUT``) takes its first word as the verb,
    as PETRARCH-1 did; the caller reports it.
    """
    parts = [p for p in re.split(r"[\s_]+", text.upper()) if p]
    if not parts:
        raise PatternSyntaxError("empty verb form")
    heads = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(heads) > 1:
        raise PatternSyntaxError(f"multi-word verb {text} has more than one '+'")
    head = heads[0] if heads else 0
    words = tuple(p.lstrip("+") for p in parts)
    if not all(words):
        raise PatternSyntaxError(f"verb form {text} has an empty word")
    return words, head


# ---------------------------------------------------------------- patterns


def _add_pattern(reading: _Reading, line: SourceLine, text: str) -> None:
    block = _current_block(reading, line, "pattern")
    if block is None:
        return
    try:
        body, code_text = split_code(text[1:])
        code, reverse, _ = parse_event_code(code_text)
        parsed = parse_pattern(body)
    except PatternSyntaxError as exc:
        reading.problems.error(line.number, str(exc), line.raw)
        return
    _check_codes(reading, line, code, reverse)
    pattern = VerbPattern(
        before=parsed.before,
        after=parsed.after,
        code=code,
        reverse_code=reverse,
        origin=reading.problems.origin(line.number),
        text=text,
        verb_joined=parsed.verb_joined,
        written_for=_comment_verb(line.raw),
    )
    block.patterns.append((pattern, parsed.synsets))


_COMMENT_VERB = re.compile(r"#\s*([A-Z][A-Z_'-]*)\s*$")


def _comment_verb(raw: str) -> str:
    """The verb a pattern line's comment names (``# RALLIED``), or ""."""
    match = _COMMENT_VERB.search(raw.rstrip())
    return match.group(1) if match else ""


def _check_codes(reading: _Reading, line: SourceLine, *codes: str | None) -> None:
    """PETRARCH-2 files use CAMEO: a code outside the CAMEO table is suspicious.
    PETRARCH-1 test files use WEIS-era codes (174K, abc), so only their shape is checked."""
    if reading.syntax != "petrarch2":
        return
    known = event_codes()
    for code in codes:
        if code is not None and code not in known:
            reading.problems.warning(line.number, f"unknown CAMEO event code {code}", line.raw)


# ---------------------------------------------------------------- transformations


def _add_transformation(reading: _Reading, line: SourceLine, text: str) -> None:
    match = _TRANSFORM.match(text)
    if not match:
        reading.problems.error(
            line.number, "transformation is not '~ a (a b VERB) VERB = a b CODE'", line.raw
        )
        return
    reading.transformations.append(
        Transformation(
            outer_source=match["outer"],
            inner=(match["s"], match["t"], match["v"].upper()),
            outer_verb=match["verb"].upper(),
            result=(match["rs"], match["rt"], match["rc"].upper()),
            origin=reading.problems.origin(line.number),
            text=text,
        )
    )


# ---------------------------------------------------------------- assembly


def _assemble(reading: _Reading, synsets: dict[str, tuple[Phrase, ...]]) -> VerbDictionary:
    verbs = VerbDictionary(syntax=reading.syntax, synsets=synsets)
    for draft in reading.blocks:
        patterns = []
        for pattern, names in draft.patterns:
            missing = [n for n in names if n not in synsets]
            if missing:
                reading.problems.error(
                    pattern.origin.line,
                    f"synset &{missing[0]} is used but never defined: pattern skipped",
                    pattern.text,
                )
                continue
            patterns.append(pattern)
        block = VerbBlock(
            draft.name,
            draft.code,
            draft.reverse_code,
            tuple(draft.forms),
            tuple(patterns),
            draft.origin,
        )
        verbs.blocks.append(block)
        seen: set[tuple[str, ...]] = set()
        for form in block.forms:
            if form.words in seen:
                continue  # BRING and BRING {BRINGS …} in one block: keep the first
            seen.add(form.words)
            verbs.forms.setdefault(form.words[form.head], []).append((block, form))
    _check_transformations(reading, verbs)
    verbs.transformations = reading.transformations
    return verbs


def _check_transformations(reading: _Reading, verbs: VerbDictionary) -> None:
    """A transformation names verbs (ATTACK, WILL_ATTACK) that must be verb forms."""
    for item in reading.transformations:
        for verb in (*item.inner[2].split("_"), item.outer_verb):
            if verb != "Q" and not verb.isdigit() and verb not in verbs.forms:
                reading.problems.warning(
                    item.origin.line, f"transformation verb {verb} is not a verb form", item.text
                )
