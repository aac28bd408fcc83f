"""Article-level rules: a discussion inside a call is that call; a headline is not coded twice."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tacitus.events.lexicon import FILE, Lexicon
from tacitus.records import Event, Sentence

__all__ = ["is_headline", "without_repeats"]

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Short words a headline leaves in lower case ("Tours Camp in Chad").
_MINOR = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "as",
        "from",
        "vs",
    }
)


def is_headline(sentence: Sentence, title: str | None) -> bool:
    """The article's title, or a first line written in headline case. A first sentence that
    ends like one ("Chinese President Xi Jinping met Brazilian President Lula in Beijing.")
    is body text however many names it capitalises."""
    raw = sentence.text.strip()
    text = raw.rstrip(".")
    if title and text == title.strip().rstrip("."):
        return True
    if raw.endswith((".", "!", "?", '."', ".”")):
        return False
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR]
    if sentence.index != 0 or not 2 <= len(words) <= 15:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _pair(event: Event) -> frozenset[str]:
    return frozenset((event.source, event.target))


def _relaxed(event: Event) -> tuple[str, str, str]:
    return (event.source[:3], event.target[:3], event.code[:2])


def _follow_up(event: Event, lex: Lexicon) -> bool:
    rule = event.rule
    if rule is None or rule.file != FILE:
        return False
    return rule.pattern.split(":", 1)[0] in lex.follow_up_verbs


def without_repeats(
    events: Sequence[Event], sentences: Sequence[Sentence], title: str | None, lex: Lexicon
) -> list[Event]:
    """Drop what repeats an event of the same article:

    - ``The two leaders discussed …`` after a meeting, call or visit between the same two
      is what they said in it: a plain 040 of a follow-up verb between a pair that already
      has a 04 event earlier in the article is not a second event;
    - a headline event whose countries and root the body codes again is the body's event.
    """
    specific: set[frozenset[str]] = set()
    kept: list[Event] = []
    for event in events:
        if event.code == "040" and _follow_up(event, lex) and _pair(event) in specific:
            continue
        if event.code[:2] == "04" and not _follow_up(event, lex):
            specific.add(_pair(event))
        kept.append(event)
    headlines = {s.index for s in sentences if is_headline(s, title)}
    if not headlines:
        return kept
    body = {_relaxed(e) for e in kept if e.sentence not in headlines}
    return [e for e in kept if e.sentence not in headlines or _relaxed(e) not in body]
