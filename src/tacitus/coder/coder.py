"""The `Coder`: articles in, coded articles (sentences, actors, events) out, one batch at a time."""

from __future__ import annotations

import copy
import logging
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from spacy.language import Language

from tacitus.actors.compose import ActorGroup, Mention, build_groups
from tacitus.actors.document import document_country, with_document_country
from tacitus.actors.finder import ActorFinder
from tacitus.actors.index import PhraseIndex
from tacitus.actors.memory import DocumentMemory
from tacitus.actors.resolver import ActorResolver, actor_record
from tacitus.actors.words import Word, words_of_tokens
from tacitus.cameo import code_info
from tacitus.coder.options import CoderOptions
from tacitus.coder.parsing import SelectiveParser, mark_line_breaks
from tacitus.dateline import find_dateline
from tacitus.dates import iso_date, read_date
from tacitus.dictionaries.model import DictionarySet, DiscardEntry, IssueEntry
from tacitus.events.clauses import comma_deletions
from tacitus.events.confidence import score_events
from tacitus.events.document import without_repeats
from tacitus.events.identity import identify, mirror_indices
from tacitus.events.lexicon import lexicon
from tacitus.events.patterns import SentenceWords
from tacitus.events.sentence import RawEvent, SentenceContext, code_sentence
from tacitus.records import Actor, Article, Event, Rule, Sentence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

__all__ = ["CodedArticle", "Coder"]

log = logging.getLogger(__name__)

# The coder reads POS tags, lemmas and the dependency parse; NER is not used.
_UNUSED_COMPONENTS = ("ner",)


_LINE_BREAKS = "tacitus_line_breaks"


@Language.component(_LINE_BREAKS)
def _line_breaks(doc: Doc) -> Doc:
    """The pipeline form of `mark_line_breaks` (for full parses)."""
    return mark_line_breaks(doc)


@dataclass(slots=True)
class _DocScan:
    """Words of an article and the discard phrases found in them."""

    words: list[Word]
    tokens: list[int]
    story_discard: str | None = None
    sentence_discards: list[int] = field(default_factory=list)


@dataclass(slots=True)
class CodedArticle:
    """One article after coding. `skipped` holds the reason when it was dropped whole."""

    article: Article
    doc: Doc | None  # None when the article was too long to parse
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: str | None = None


class Coder:
    """Codes articles with one dictionary set, one spaCy pipeline and one set of options.

    Args:
        dictionaries: the dictionary set; None loads the shipped production set.
        model: a spaCy model package or path; None picks the default.
        options: coder options; None uses the defaults.
    """

    def __init__(
        self,
        dictionaries: DictionarySet | None = None,
        *,
        model: str | None = None,
        options: CoderOptions | None = None,
    ) -> None:
        started = time.perf_counter()
        if dictionaries is None:
            from tacitus.dictionaries import load_dictionaries

            dictionaries = load_dictionaries()
        self.dictionaries = dictionaries
        self.dictionary_seconds = time.perf_counter() - started
        self.model_name = model
        self._nlp: Language | None = None
        self.finder = ActorFinder(dictionaries)
        self.resolver = ActorResolver(self.finder)
        self.discards: PhraseIndex[DiscardEntry] = PhraseIndex()
        for entry in dictionaries.discards:
            self.discards.add(entry.phrase, entry)
        self.issues: PhraseIndex[IssueEntry] = PhraseIndex()
        for issue in dictionaries.issues:
            if issue.code and not issue.ignore:
                self.issues.add(issue.phrase, issue)
        self._use_lemmas = dictionaries.verbs.syntax != "petrarch1"
        self._decide_with(options or CoderOptions())

    def _decide_with(self, options: CoderOptions) -> None:
        """Set what depends on the options (the rest is shared by `with_options` copies)."""
        self.options = options
        self.stats: Counter[str] = Counter()
        self._selective_parser: SelectiveParser | None = None
        self._context = SentenceContext(
            self.dictionaries.verbs, options.require_dyad, options.new_actor_length
        )

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use without unused components."""
        if self._nlp is None:
            from tacitus.nlp import load_model

            nlp = load_model(self.model_name, exclude=_UNUSED_COMPONENTS)
            if _LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
                nlp.add_pipe(_LINE_BREAKS, before="parser")
            self._nlp = nlp
        return self._nlp

    def with_options(self, options: CoderOptions) -> Coder:
        """A coder sharing dictionaries, model and indexes but deciding with other options
        (with its own stats)."""
        other = copy.copy(self)
        other._nlp = self.nlp  # loaded once, here, so that every copy shares it
        other._decide_with(options)
        return other

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code articles lazily, parsing them in batches with `nlp.pipe`."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.options.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_text(self, text: str, *, date: str | None = None, doc_id: str = "text") -> CodedArticle:
        """Code one text (a convenience for tests and the REPL)."""
        return next(self.code_articles([Article(id=doc_id, text=text, date=date)]))

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle]:
        limit = self.options.max_chars
        fits = [a for a in batch if len(a.text or "") <= limit]
        texts = [a.text or "" for a in fits]
        if self.options.skip_unparsed:
            docs = iter(self._selective().pipe(texts))
        else:
            docs = iter(self.nlp.pipe(texts))
        titles = self._title_docs(fits)
        for article in batch:
            self.stats["articles"] += 1
            length = len(article.text or "")
            if length > limit:
                self.stats["skipped_too_long"] += 1
                log.warning("article %s skipped: %d characters (limit %d)", article.id, length, limit)
                yield CodedArticle(article, None, skipped=f"too long: {length} characters (limit {limit})")
                continue
            yield self._code_doc(article, next(docs), titles.get(article.id))

    def _title_docs(self, articles: list[Article]) -> dict[str, Doc]:
        """Parsed titles that are not the text's own first line: who they name is known
        to the body ("Readout of National Security Advisor Jake Sullivan's Call with …" makes
        a later "Sullivan" American). PETRARCH-2 sets only."""
        if not self._use_lemmas:
            return {}
        wanted = [
            a
            for a in articles
            if a.title and a.title.strip() and not (a.text or "").lstrip().startswith(a.title.strip())
        ]
        docs = self.nlp.pipe([a.title or "" for a in wanted])
        return {a.id: doc for a, doc in zip(wanted, docs, strict=True)}

    def _selective(self) -> SelectiveParser:
        if self._selective_parser is None:
            self._selective_parser = SelectiveParser(self.nlp, self.finder.has_any)
        return self._selective_parser

    def _code_doc(self, article: Article, doc: Doc, title: Doc | None = None) -> CodedArticle:
        coded = CodedArticle(article=article, doc=doc)
        reading = read_date(article.date)
        day = reading.day
        scan = self._scan(doc, day)
        if scan.story_discard:
            coded.skipped = f"story discard: {scan.story_discard}"
            self.stats["skipped_story_discard"] += 1
            return coded
        if reading.problem:
            log.warning("article %s: %s; dated actor codes resolve as undated", article.id, reading.problem)
        memory = DocumentMemory()
        if self._use_lemmas:
            title_words = words_of_tokens(title) if title is not None else []
            memory.country = document_country(self.finder, [*title_words, *scan.words], day)
            if title is not None:
                self._learn_title(title, title_words, memory, day)
        for index, sent in enumerate(doc.sents):
            coded.sentences.append(Sentence(article.id, index, sent.start_char, sent.end_char, sent.text))
            self.stats["sentences"] += 1
            try:
                actors, events = self._code_sentence(article, doc, sent, index, day, memory, scan)
            except Exception as exc:  # one bad sentence never stops the batch
                self.stats["sentence_errors"] += 1
                log.warning("sentence %s:%d skipped: %s: %s", article.id, index, type(exc).__name__, exc)
                continue
            coded.actors.extend(actors)
            coded.events.extend(events)
        # Sentence order, then verb order within a sentence (events are made in verb order).
        coded.events.sort(key=lambda e: e.sentence)
        if self._use_lemmas:
            coded.events = without_repeats(coded.events, coded.sentences, article.title, lexicon())
        score_events(coded.events, article)  # confidence: features of the finished events
        self.stats["events"] += len(coded.events)
        return coded

    def _learn_title(self, title: Doc, words: list[Word], memory: DocumentMemory, day: date | None) -> None:
        """Remember the people and titles a headline names; it codes no event of its own."""
        mentions = self.finder.find(words, day)
        if not mentions:
            return
        covered = {i for m in mentions if m.kind != "agent" for i in range(m.start, m.end)}
        groups = build_groups(title, mentions)
        memory.learn(title, groups, covered, day)
        # Only who the title names for sure stays known: an unresolved name ("---GOV") would
        # shadow the body's own resolution of it.
        memory.forget_unknown()

    def _scan(self, doc: Doc, day: date | None) -> _DocScan:
        """One pass of the discard phrases over the whole article. A year discard marks
        history only before the article's own year ("In 1995 Iraq attacked Iran" in a 1995
        article is news)."""
        words = words_of_tokens(doc)
        scan = _DocScan(words, [w.token for w in words])
        if len(self.discards):
            for hit in self.discards.find_longest(words):
                start = words[hit.start].token
                if hit.payload.story:
                    scan.story_discard = scan.story_discard or str(hit.phrase)
                elif day is not None and _is_year(hit.phrase.words) and int(hit.phrase.words[0]) >= day.year:
                    continue
                elif not _dates_something(doc, start, hit.phrase.words) or _dates_main_clause(doc[start]):
                    scan.sentence_discards.append(start)
        return scan

    def _code_sentence(
        self,
        article: Article,
        doc: Doc,
        sent: DocSpan,
        index: int,
        day: date | None,
        memory: DocumentMemory,
        scan: _DocScan,
    ) -> tuple[list[Actor], list[Event]]:
        """The actors and events of one sentence (none of an over-long or discarded one)."""
        tokens = list(sent)
        if len(tokens) > self.options.max_sentence_tokens:
            self.stats["sentences_too_long"] += 1
            log.warning("sentence %s:%d skipped: %d tokens", article.id, index, len(tokens))
            return [], []
        first, end = sent.start, sent.end
        words = scan.words[bisect_left(scan.tokens, first) : bisect_left(scan.tokens, end)]
        if any(first <= t < end for t in scan.sentence_discards):
            self.stats["sentences_discarded"] += 1
            return [], []
        mentions, covered = self._mentions(doc, sent, words, day, memory)
        if not mentions and not self.options.new_actor_length:
            return [], []
        protected = _flags(len(doc), mentions)
        deleted = comma_deletions(tokens, self.options.comma_limits, protected, keep_root=self._use_lemmas)
        visible_tokens = [t for t in tokens if t.i not in deleted]
        visible = {t.i for t in visible_tokens}
        all_groups, groups = self._groups(doc, mentions, covered, visible if deleted else None, day, memory)
        head_to_group = {g.head: k for k, g in enumerate(groups) if not g.absorbed and g.head in visible}
        visible_words = [w for w in words if w.token in visible] if deleted else words
        sw = self._sentence_words(doc, visible_tokens, visible_words, groups)
        raw = code_sentence(visible_tokens, sw, groups, head_to_group, visible, self._context)
        # Actor records after coding: coding may recode a group (a capital that acts is its government).
        actors = [self._actor(doc, g, code) for g in all_groups if not g.absorbed for code in g.codes]
        issues = self._issues(words) if raw else []
        events = [self._event(article, doc, sent, index, e, issues) for e in raw]
        identify(events, mirror_indices(raw))  # event_id, mirror_of: once codes and actors are final
        if not self.options.include_negated:
            events = [e for e in events if not e.negated]
        return actors, events

    def _mentions(
        self, doc: Doc, sent: DocSpan, words: list[Word], day: date | None, memory: DocumentMemory
    ) -> tuple[list[Mention], set[int]]:
        """A sentence's dictionary and remembered mentions (none in a dateline), and the tokens
        dictionary actors cover."""
        mentions = self.finder.find(words, day)
        # Tokens a dictionary actor names: a title (an agent) may still refer back to a person.
        covered = {i for m in mentions if m.kind != "agent" for i in range(m.start, m.end)}
        remembered = memory.mentions(doc, words, covered)
        if remembered:
            # "the two ministers" is the pair named before, not a country-less agent.
            taken = {i for m in remembered for i in range(m.start, m.end)}
            mentions = [m for m in mentions if m.kind != "agent" or not taken & set(range(m.start, m.end))]
            mentions += remembered
        dateline = _dateline_tokens(sent)
        if dateline:
            mentions = [m for m in mentions if m.start not in dateline]
        return mentions, covered

    def _groups(
        self,
        doc: Doc,
        mentions: list[Mention],
        covered: set[int],
        visible: set[int] | None,
        day: date | None,
        memory: DocumentMemory,
    ) -> tuple[list[ActorGroup], list[ActorGroup]]:
        """The sentence's actor groups, all of them (reported and remembered), and those coded:
        the ones outside deleted comma clauses (`visible` tokens; None: nothing deleted)."""
        all_groups = build_groups(doc, mentions)
        with_document_country(doc, all_groups, memory.country)
        memory.learn(doc, all_groups, covered, day)
        late = _pronouns_after_person(doc, memory, all_groups, mentions) if self._use_lemmas else []
        if late:
            # "… written to President Bush urging him to send troops": the person was
            # named earlier in this very sentence.
            mentions = mentions + late
            all_groups = build_groups(doc, mentions)
            with_document_country(doc, all_groups, memory.country)
        if visible is None:
            return all_groups, all_groups
        mentions = [m for m in mentions if all(i in visible for i in range(m.start, m.end))]
        groups = build_groups(doc, mentions)
        with_document_country(doc, groups, memory.country)
        names = {g.head: g.name for g in all_groups}
        for group in groups:
            group.name = names.get(group.head, group.name)
        return all_groups, groups

    def _sentence_words(
        self, doc: Doc, tokens: list[Token], words: list[Word], groups: list[ActorGroup]
    ) -> SentenceWords:
        group_of = [-1] * len(words)
        group_spans: dict[int, tuple[int, int]] = {}
        for k, group in enumerate(groups):
            if group.absorbed:
                continue
            positions = [p for p, w in enumerate(words) if group.start <= w.token < group.end]
            if positions:
                group_spans[k] = (positions[0], positions[-1] + 1)
                for p in range(positions[0], positions[-1] + 1):
                    group_of[p] = k
        sw = SentenceWords(
            words=words,
            group=group_of,
            chunk=[-1] * len(words),
            synsets=self.dictionaries.verbs.synsets,
            use_lemmas=self._use_lemmas,
            group_spans=group_spans,
        )
        if tokens:
            sw.chunk_loader = partial(_fill_chunks, doc=doc, first=tokens[0].i, last=tokens[-1].i)
        return sw

    def _issues(self, words: list[Word]) -> list[str]:
        """Issue codes whose phrases occur in a sentence that has events."""
        if not len(self.issues):
            return []
        return sorted({hit.payload.code for hit in self.issues.find_longest(words)})

    def _actor(self, doc: Doc, group: ActorGroup | None, code: str) -> Actor:
        if group is None:
            return actor_record("", code)
        span = doc[group.start : group.end]
        return actor_record(span.text, code, name=group.name, start=span.start_char, end=span.end_char)

    def _event(
        self, article: Article, doc: Doc, sent: DocSpan, index: int, raw: RawEvent, issues: list[str]
    ) -> Event:
        info = code_info(raw.code)
        coded = raw.coded
        if coded.pattern is not None:
            rule = Rule(coded.pattern.origin.file, coded.pattern.origin.line, coded.pattern.text)
        else:
            origin = coded.form.origin or coded.block.origin
            rule = Rule(origin.file, origin.line, f"--- {coded.block.name} --- {' '.join(coded.form.words)}")
        return Event(
            doc_id=article.id,
            sentence=index,
            date=iso_date(article.date),  # the canonical YYYY-MM-DD whatever form the article gave
            source=raw.source,
            target=raw.target,
            code=raw.code,
            root_code=info.root_code,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover={
                "event_type": info.plover_event,
                "mode": raw.mode or info.plover_mode,
                "context": info.plover_context,
            },
            source_actor=self._actor(doc, raw.source_group, raw.source),
            target_actor=self._actor(doc, raw.target_group, raw.target),
            evidence=Span(sent.text, sent.start_char, sent.end_char),
            verb=raw.verb.text,
            rule=rule,
            negated=raw.negated,
            modality=raw.modality,
            reported_by=self._actor(doc, raw.reported_by, raw.reported_by.codes[0])
            if raw.reported_by
            else None,
            issues=list(issues),
            verb_start=raw.verb.idx,
            verb_end=raw.verb.idx + len(raw.verb.text),
        )


def _dateline_tokens(sent: DocSpan) -> set[int]:
    """Token indices of a wire dateline opening the sentence ("GENEVA, March 20
    (Reuters) -"): the place of filing is not an actor."""
    dateline = find_dateline(sent.text)
    if dateline is None:
        return set()
    end = sent.start_char + dateline.header_end
    return {t.i for t in sent if t.idx < end}


_TIME_PREPOSITIONS = frozenset({"during", "since", "after", "before", "in", "until", "from"})


def _dates_something(doc: Doc, start: int, words: tuple[str, ...]) -> bool:
    """A year, or a history phrase that only says when (``during World War Two``): such a
    discard voids its sentence only when it dates the main verb."""
    if _is_year(words):
        return True
    head = doc[start]
    while head.dep_ in ("compound", "amod", "nummod", "det") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _TIME_PREPOSITIONS


def _is_year(words: tuple[str, ...]) -> bool:
    return len(words) == 1 and words[0].isdigit() and len(words[0]) == 4


def _dates_main_clause(token: Token) -> bool:
    """Year discards (``1988``) mark history: they void a sentence only when the year
    dates its main verb ("In 1988, Iraq attacked Iran"), not a side remark ("a
    plane blown up in 1988", "since Tirana split with Moscow in 1968")."""
    current = token
    for _ in range(6):
        head = current.head
        if head is current:
            return current.dep_ == "ROOT" and current is token
        if head.pos_ in ("VERB", "AUX"):
            return head.dep_ == "ROOT"
        current = head
    return False


def _fill_chunks(sw: SentenceWords, *, doc: Doc, first: int, last: int) -> None:
    """Skippable phrases for ``^``: the sentence's noun chunks, then actor groups."""
    chunks = [c for c in _noun_chunks(doc) if c[0] >= first and c[1] <= last + 1]
    for k, (start, end) in enumerate(chunks):
        positions = [p for p, w in enumerate(sw.words) if start <= w.token < end]
        if positions:
            sw.chunk_spans[k] = (positions[0], positions[-1] + 1)
            for p in range(positions[0], positions[-1] + 1):
                sw.chunk[p] = k
    offset = len(sw.chunk_spans) + 1
    for k, span in sw.group_spans.items():
        if sw.chunk[span[0]] < 0:
            sw.chunk_spans[offset + k] = span
            for p in range(*span):
                sw.chunk[p] = offset + k


def _noun_chunks(doc: Doc) -> list[tuple[int, int]]:
    """Noun chunk token spans of a doc, computed once (Span.noun_chunks walks the whole doc)."""
    cached = doc.user_data.get("tacitus_noun_chunks")
    if cached is None:
        cached = [(c.start, c.end) for c in doc.noun_chunks] if doc.has_annotation("DEP") else []
        doc.user_data["tacitus_noun_chunks"] = cached
    return cached


def _pronouns_after_person(
    doc: Doc, memory: DocumentMemory, groups: list[ActorGroup], mentions: list[Mention]
) -> list[Mention]:
    people = [g.end for g in groups if g.person and not g.absorbed]
    if not people:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    after = range(min(people), len(doc))
    sentence_end = doc[people[0] - 1].sent.end if people[0] > 0 else len(doc)
    return memory.pronouns(doc, [i for i in after if i < sentence_end], taken)


def _flags(length: int, mentions: list[Mention]) -> list[bool]:
    flags = [False] * length
    for mention in mentions:
        for i in range(mention.start, min(mention.end, length)):
            flags[i] = True
    return flags
