"""The quotation stage: direct quotes by their marks, reported speech by its cues, speakers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from tacitus.quotes.labels import find_headline_cues, find_labelled_lines
from tacitus.quotes.lexicon import CueLexicon, load_cues
from tacitus.quotes.marks import QuotedSpan, find_quoted_spans
from tacitus.quotes.reported import Candidate, cue_class_of, cue_subject, find_reported
from tacitus.quotes.speakers import (
    Mention,
    Resolver,
    SpeakerIndex,
    speaker_phrase,
    to_speaker,
)
from tacitus.records import Actor, Article, Quote
from tacitus.records import Span as TextSpan

__all__ = ["extract_quotes"]

# A quoted stretch shorter than this (in words) with no cue is a title or scare quote, not speech.
MIN_STANDALONE_WORDS = 5
# How far back (characters) a cue-less quote may borrow the previous quote's speaker.
INHERIT_DISTANCE = 600
_DIRECT_COVER = 0.8
# How many tokens into the sentence after a quote its trailing cue may stand (`Ms. X, 57, said`).
TRAILING_CUE_WINDOW = 12


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _sentences_around(doc: Doc, start: int, end: int) -> list[Span]:
    return [s for s in doc.sents if s.start_char < end and s.end_char > start]


def _cue_near_quote(doc: Doc, quote: QuotedSpan, cues: CueLexicon) -> Candidate | None:
    """The speech cue outside the quote, in the quote's own sentences, nearest to it."""
    best: tuple[int, Candidate] | None = None
    for sentence in _sentences_around(doc, quote.start, quote.end):
        for token in sentence:
            if quote.start <= token.idx < quote.end or token.pos_ not in ("VERB", "AUX"):
                continue
            if cue_class_of(token, cues) not in ("speech", "hearer", "verdict"):
                continue
            subject = _outside_subject(token, quote, cues)
            if subject is None:
                continue
            distance = min(abs(token.idx - quote.end), abs(token.idx - quote.start))
            found = Candidate(quote.start, quote.end, doc[token.i : token.i + 1], subject, "marks")
            if best is None or distance < best[0]:
                best = (distance, found)
    return best[1] if best else None


def _outside_subject(token: Token, quote: QuotedSpan, cues: CueLexicon) -> Span | None:
    """The cue's subject outside the quote: its own, else its governor's (`telling Reuters, "…"`,
    `went on to say: "…"`)."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not quote.start <= child.idx < quote.end:
            return speaker_phrase(child)
    if any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children):
        return None
    borrowed = cue_subject(token, cues)
    if borrowed is None or quote.start <= borrowed.idx < quote.end:
        return None
    return speaker_phrase(borrowed)


def _cue_before_colon(doc: Doc, quote: QuotedSpan, cues: CueLexicon) -> Candidate | None:
    """`Lavrov said:` in the sentence just before a quote that opens after a colon."""
    before = doc.text[: quote.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    for sentence in _sentences_around(doc, colon, colon + 1):
        for token in reversed(list(sentence)):
            if token.idx < colon and cues.cue_class(token.lemma_) in (
                "speech",
                "hearer",
                "verdict",
            ):
                subject = _outside_subject(token, quote, cues)
                if subject is not None:
                    return Candidate(quote.start, quote.end, doc[token.i : token.i + 1], subject, "marks")
    return None


def _speaker_before_colon(doc: Doc, quote: QuotedSpan) -> Candidate | None:
    """`As Tom Ridge put it: "…"`, `Michael McDonald: "…"`: no cue verb, but the sentence ending
    in the colon names who speaks - its main verb's subject, or a name standing before the colon."""
    before = doc.text[: quote.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    for sentence in _sentences_around(doc, colon, colon + 1):
        tokens = [t for t in sentence if t.idx < colon]
        if not tokens:
            continue
        names = []
        for token in reversed(tokens):
            if token.pos_ != "PROPN":
                break
            names.append(token)
        if 2 <= len(names) <= 4:
            return Candidate(quote.start, quote.end, None, doc[names[-1].i : names[0].i + 1], "marks")
        root = sentence.root
        if root.pos_ in ("VERB", "AUX") and root.idx < colon:
            subjects = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON", "NOUN")]
            if subjects:
                return Candidate(
                    quote.start, quote.end, doc[root.i : root.i + 1], speaker_phrase(subjects[0]), "marks"
                )
    return None


# `"…" ― Sonya Herridge`: a dash after the closing mark, then the name, closing the line.
_DASH_NAME = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*([^\n]{2,80})")


def _speaker_after_dash(doc: Doc, quote: QuotedSpan) -> Candidate | None:
    """`"…" ― Pamela Padilla`: no cue verb, but the name written after a dash at the end of the
    quote's line (quote round-ups, epigraphs) is its speaker - two to four proper nouns."""
    found = _DASH_NAME.match(doc.text, quote.end)
    if found is None:
        return None
    span = doc.char_span(found.start(1), found.end(1), alignment_mode="expand")
    if span is None:
        return None
    names: list[Token] = []
    for token in span:
        if token.pos_ != "PROPN" and not (names and token.is_punct):
            break
        if token.pos_ == "PROPN":
            names.append(token)
    # A name glued to the dash ("”—Tom") is one token with the marks: no clean speaker span.
    if not 2 <= len(names) <= 4 or names[0].idx < found.start(1):
        return None
    return Candidate(quote.start, quote.end, None, doc[names[0].i : names[-1].i + 1], "marks")


def _cue_after_quote(doc: Doc, quote: QuotedSpan, cues: CueLexicon) -> Candidate | None:
    """`"… our fix!" Clinton said.`: the parser ends the sentence at `!"`, so the trailing cue
    stands in the next sentence; take it when that sentence opens right after the quote."""
    gap = doc.text[quote.end : quote.end + 3]
    if "\n" in gap:
        return None
    for sentence in _sentences_around(doc, quote.end, quote.end + 2):
        if sentence.start_char < quote.end or sentence.start_char > quote.end + 2:
            continue
        for token in sentence[:TRAILING_CUE_WINDOW]:
            if cue_class_of(token, cues) in ("speech", "hearer") and token.pos_ in ("VERB", "AUX"):
                subject = _outside_subject(token, quote, cues)
                if subject is not None:
                    return Candidate(quote.start, quote.end, doc[token.i : token.i + 1], subject, "marks")
    return None


def _is_speech(doc: Doc, quote: QuotedSpan) -> bool:
    """Whether a quoted stretch with no cue is speech: long enough and holding a verb."""
    inner = doc.char_span(*quote.inner, alignment_mode="contract")
    if inner is None:
        return False
    words = [t for t in inner if not t.is_punct and not t.is_space]
    return len(words) >= MIN_STANDALONE_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words)


def _covered(quote: QuotedSpan, candidates: Sequence[Candidate]) -> bool:
    """Whether a clause reported from outside the quote already holds most of it."""
    length = quote.end - quote.start
    return any(
        _overlap(quote.start, quote.end, c.start, c.end) * 2 >= length
        and (c.cue is None or not quote.start <= c.cue.start_char < quote.end)
        for c in candidates
    )


def _direct_quotes(
    doc: Doc, quoted: Sequence[QuotedSpan], reported: Sequence[Candidate], cues: CueLexicon
) -> list[Candidate]:
    """A candidate for each quoted stretch no reported-speech clause already holds."""
    found: list[Candidate] = []
    for quote in quoted:
        if _covered(quote, reported):
            continue
        candidate = (
            _cue_near_quote(doc, quote, cues)
            or _cue_before_colon(doc, quote, cues)
            or _cue_after_quote(doc, quote, cues)
            or _speaker_before_colon(doc, quote)
            or _speaker_after_dash(doc, quote)
        )
        if candidate is None:
            if not _is_speech(doc, quote):
                continue
            candidate = Candidate(quote.start, quote.end, None, None, "marks")
        found.append(candidate)
    return found


def _merge_split(candidates: list[Candidate]) -> list[Candidate]:
    """`"We can talk," he said, "about…"`: two quoted halves sharing one cue become one quote."""
    merged: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, c.end)):
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and candidate.cue is not None
            and previous.cue is not None
            and previous.cue.start == candidate.cue.start
            and previous.end <= candidate.cue.start_char < candidate.start
        ):
            merged[-1] = Candidate(previous.start, candidate.end, previous.cue, previous.speaker, "marks")
        else:
            merged.append(candidate)
    return merged


def _nested(candidate: Candidate, quoted: Sequence[QuotedSpan]) -> bool:
    """Whether the cue is inside a quotation: the quoted speaker quoting ("I think …")."""
    cue = candidate.cue
    return cue is not None and any(q.start <= cue.start_char < q.end for q in quoted)


def _clip_to_quote(candidate: Candidate, quoted: Sequence[QuotedSpan], text: str) -> Candidate:
    """A clause that opens with a full quote ends with it (`said: "…" and Wang stated …`)."""
    if _nested(candidate, quoted):
        return candidate
    for quote in quoted:
        opens_here = quote.start <= candidate.start <= quote.start + 1 or (
            candidate.start < quote.start and not text[candidate.start : quote.start].strip(' :,"“')
        )
        if opens_here and quote.end < candidate.end:
            return Candidate(quote.start, quote.end, candidate.cue, candidate.speaker, candidate.source)
        inside = quote.start <= candidate.start and candidate.end <= quote.end
        if inside and (candidate.end - candidate.start) >= _DIRECT_COVER * (quote.end - quote.start):
            # The clause is the quotation itself: keep its marks, as a reader would cite it.
            return Candidate(quote.start, quote.end, candidate.cue, candidate.speaker, candidate.source)
    return candidate


def _kind(start: int, end: int, quoted: Sequence[QuotedSpan]) -> str:
    inside = sum(_overlap(start, end, q.start, q.end) for q in quoted)
    if inside >= _DIRECT_COVER * (end - start):
        return "direct"
    return "mixed" if inside > 0 else "indirect"


def _dedupe(candidates: list[Candidate], quoted: Sequence[QuotedSpan]) -> list[Candidate]:
    """One candidate per content span and per cue, in text order; outer speakers first."""
    seen: set[tuple[int, int]] = set()
    cues: set[int] = set()
    kept = []
    ranked = sorted(candidates, key=lambda c: (c.start, c.end, _nested(c, quoted), c.source))
    for candidate in ranked:
        cue_at = candidate.cue.start if candidate.cue is not None else -1
        if (candidate.start, candidate.end) in seen or (cue_at >= 0 and cue_at in cues):
            continue
        seen.add((candidate.start, candidate.end))
        if cue_at >= 0:
            cues.add(cue_at)
        kept.append(candidate)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _drop_nested_sourceless(candidates: list[Candidate]) -> list[Candidate]:
    """`X said the team seemed paralyzed`: the seeming lies inside X's words and is X's; a
    sourceless candidate inside an attributed one would only hide the attributed one."""
    attributed = [c for c in candidates if c.speaker is not None]
    return [
        c
        for c in candidates
        if c.source != "sourceless" or not any(a.start <= c.start and c.end <= a.end for a in attributed)
    ]


def _trailing_speaker_in_paragraph(
    later: Sequence[Candidate], candidate: Candidate, quoted: Sequence[QuotedSpan], text: str
) -> Span | None:
    """`"… stand." "We will win," he said.`: a cue-less quote followed in its paragraph by a
    quote whose cue trails it speaks with that quote's voice."""
    for following in later:
        if "\n" in text[candidate.end : following.start]:
            return None
        if following.source == "sourceless" or _nested(following, quoted):
            continue
        cue = following.cue
        if following.speaker is None or cue is None or cue.start_char < following.start:
            return None
        return following.speaker
    return None


def _inherit_speakers(candidates: list[Candidate], quoted: Sequence[QuotedSpan], text: str) -> None:
    """A cue-less quote takes the speaker of the quote before it, in this or the last paragraph."""
    for i, candidate in enumerate(candidates):
        if candidate.speaker is not None or candidate.source == "sourceless":
            continue
        following = _trailing_speaker_in_paragraph(candidates[i + 1 :], candidate, quoted, text)
        if following is not None:
            candidate.speaker = following
            continue
        for previous in reversed(candidates[:i]):
            if previous.speaker is None or _nested(previous, quoted):
                continue
            if candidate.start - previous.end > INHERIT_DISTANCE:
                break
            if text.count("\n\n", previous.end, candidate.start) <= 1:
                candidate.speaker = previous.speaker
            break


def extract_quotes(
    article: Article,
    doc: Doc,
    *,
    actors: list[Actor] | None = None,
    resolver: Resolver | object | None = None,
) -> list[Quote]:
    """Direct, indirect and mixed quotations of `article`, each with its cue and speaker.

    Args:
        article: the article; offsets in the quotes are character offsets into `article.text`.
        doc: the spaCy Doc of `article.text` (from `tacitus.nlp.load_model()`).
        actors: resolved actor mentions with offsets (the coder's `CodedArticle.actors`);
            a speaker overlapping one takes its code.
        resolver: `resolve(span_or_text, date) -> Actor | None`, or an object with such a
            `.resolve` method (the coder's resolver), for speakers no actor mention covers.

    Returns:
        The quotes in text order.
    """
    cues = load_cues()
    text = article.text
    quoted = find_quoted_spans(text)
    reported = [_clip_to_quote(c, quoted, text) for c in find_reported(doc, cues)]
    reported += find_labelled_lines(doc)
    if not any(c.start < text.find("\n") for c in reported):
        reported += find_headline_cues(doc, cues)
    candidates = _dedupe(_merge_split(reported + _direct_quotes(doc, quoted, reported, cues)), quoted)
    candidates = _drop_nested_sourceless(candidates)
    _inherit_speakers(candidates, quoted, text)
    resolve = getattr(resolver, "resolve", resolver)
    return _records(article, doc, candidates, quoted, actors or [], resolve)  # type: ignore[arg-type]


def _reported_within(candidate: Candidate, candidates: Sequence[Candidate]) -> bool:
    """`Wang said China sees no limit …`: an inner attribution, whose subject is no new speaker
    for a later `he`."""
    cue = candidate.cue
    return cue is not None and any(
        other is not candidate and other.start <= cue.start_char < other.end for other in candidates
    )


def _records(
    article: Article,
    doc: Doc,
    candidates: list[Candidate],
    quoted: Sequence[QuotedSpan],
    actors: Sequence[Actor],
    resolver: Resolver | None,
) -> list[Quote]:
    index = SpeakerIndex(doc)
    sentence_starts = [s.start_char for s in doc.sents]
    last_person: Mention | None = None
    quotes: list[Quote] = []
    for candidate in candidates:
        speaker = None
        if candidate.speaker is not None:
            mention = index.link(candidate.speaker, last_person)
            if (
                mention is not None
                and mention.kind == "person"
                and not _reported_within(candidate, candidates)
            ):
                last_person = mention
            speaker = to_speaker(
                candidate.speaker, mention, date=article.date, actors=actors, resolver=resolver
            )
        cue = candidate.cue
        quotes.append(
            Quote(
                doc_id=article.id,
                kind=_kind(candidate.start, candidate.end, quoted),
                content=TextSpan(
                    article.text[candidate.start : candidate.end], candidate.start, candidate.end
                ),
                cue=TextSpan(cue.text, cue.start_char, cue.end_char) if cue is not None else None,
                speaker=speaker,
                sentence=max(0, bisect.bisect_right(sentence_starts, candidate.start) - 1),
            )
        )
    return quotes
