"""Selective parsing: tokenize and split sentences cheaply, parse only sentences that can hold an event."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from tacitus.actors.words import Word, words_of_tokens

__all__ = ["SelectiveParser", "mark_line_breaks"]

# Words that let a sentence refer back to actors named earlier (``he said``,
# ``the two sides``): such sentences are parsed even without a dictionary actor.
_REFERRING = frozenset({"he", "she", "sides", "countries", "nations", "parties", "governments"})
_CAPITALISED = re.compile(r"^[A-Z][a-z]")


_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


def mark_line_breaks(doc: Doc, *, only_after_punctuation: bool = True) -> Doc:
    """Preset sentence starts for the parser: a line break ends a sentence
    (headlines and page debris stay apart); a word after a dangling hyphen or a
    lower-case word cannot start a sentence unless sentence-final punctuation
    precedes it (the parser splits "an anti- Gondor parade" otherwise)."""
    length = len(doc)
    if length < 2:
        return doc
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, IS_SPACE, SENT_START])
    rows = array[:, :2].tolist()
    texts = [strings[orth] for orth, _ in rows]
    spaces = [bool(space) for _, space in rows]
    starts: dict[int, bool] = {}
    previous, previous_space = texts[0], spaces[0]
    for i in range(1, length):
        text, space = texts[i], spaces[i]
        if previous_space and "\n" in previous and not space:
            starts[i] = True
        elif (
            only_after_punctuation
            and (previous.endswith("-") or text[:1].islower())
            and not _may_end(texts, spaces, i - 1)
        ):
            starts[i] = False
        previous, previous_space = text, space
    if not starts:
        return doc
    if doc.has_annotation("DEP"):
        for i, value in starts.items():
            doc[i].is_sent_start = value  # raises as the Token setter does
        return doc
    # One array write instead of a Token setter per token (each setter rescans the doc).
    column = array[:, 2].copy()
    for i, value in starts.items():
        column[i] = _SENT_START if value else _NOT_SENT_START
    doc.from_array([SENT_START], column)  # type: ignore[arg-type]  # thinc's Ints2d: a uint64 array
    return doc


_SENT_START = numpy.uint64(1)
_NOT_SENT_START = numpy.uint64(2**64 - 1)  # -1 as Doc arrays store it


def _may_end(texts: list[str], spaces: list[bool], index: int) -> bool:
    """`_may_end_sentence` over precomputed token texts and space flags."""
    while True:
        text = texts[index]
        if spaces[index] or text[-1:] in (".", "!", "?", ":", ";"):
            return True
        if text in _CLOSERS and index > 0:
            index -= 1
            continue
        return False


def _may_end_sentence(doc: Doc, index: int) -> bool:
    """Whether the sentence may end with token `index` (a period, ``?``, ``!``,
    ``:``, ``;``, a closing quote after one, or whitespace)."""
    token = doc[index]
    if token.is_space or token.text[-1:] in (".", "!", "?", ":", ";"):
        return True
    if token.text in _CLOSERS and index > 0:
        return _may_end_sentence(doc, index - 1)
    return False


class SelectiveParser:
    """Tokenizes and splits with punctuation rules, runs the statistical pipeline
    only on sentences `wanted` says may hold an actor, and joins the sentences
    back into one Doc per text (unparsed sentences carry tokens only)."""

    def __init__(
        self, nlp: Language, wanted: Callable[[Sequence[Word]], bool], batch_size: int = 256
    ) -> None:
        self.nlp = nlp
        self.wanted = wanted
        self.batch_size = batch_size
        self.sentencizer = Sentencizer()
        self.stats = {"sentences": 0, "parsed": 0}

    def pipe(self, texts: Sequence[str]) -> Iterator[Doc]:
        """One Doc per text, in order."""
        pieces: list[list[Doc]] = []
        to_parse: list[Doc] = []
        slots: list[tuple[int, int]] = []
        for text_index, text in enumerate(texts):
            doc = mark_line_breaks(self.sentencizer(self.nlp.tokenizer(text)), only_after_punctuation=False)
            sentences: list[Doc] = []
            names: set[str] = set()
            for sent in doc.sents:
                sentence = sent.as_doc()
                words = words_of_tokens(sent)
                self.stats["sentences"] += 1
                if self._wanted(sent, words, names):
                    slots.append((text_index, len(sentences)))
                    to_parse.append(sentence)
                else:
                    for token in sentence:
                        token.is_sent_start = token.i == 0
                sentences.append(sentence)
            pieces.append(sentences)
        self.stats["parsed"] += len(to_parse)
        for (text_index, slot), parsed in zip(
            slots, self.nlp.pipe(to_parse, batch_size=self.batch_size), strict=True
        ):
            pieces[text_index][slot] = parsed
        for text, sentences in zip(texts, pieces, strict=True):
            if not sentences:
                yield self.nlp.make_doc(text)
                continue
            # Unparsed sentences have no tensor: merge without tensors.
            yield Doc.from_docs(  # type: ignore[call-arg]
                sentences, ensure_whitespace=False, exclude=["tensor", "user_data"]
            )

    def _wanted(self, sent: Span, words: Sequence[Word], names: set[str]) -> bool:
        if self.wanted(words):
            # Capitalised words near a title may be a person named again later ("Wang").
            names.update(t.text for t in sent if _CAPITALISED.match(t.text))
            return True
        return any(t.lower_ in _REFERRING or t.text in names for t in sent)
