"""Coding one parsed sentence: for each verb, choose its code, assign its roles, build its events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tacitus.actors.compose import ActorGroup
from tacitus.cameo import code_info
from tacitus.dictionaries.model import VerbDictionary
from tacitus.events.arguments import Arguments, Roles, argument_span
from tacitus.events.clauses import is_negated, modality_of
from tacitus.events.content import as_threat, refine_by_content
from tacitus.events.intent import intent_to_cooperate
from tacitus.events.lexicon import Lexicon, lexicon
from tacitus.events.pairs import EventFlags, RawEvent, dedupe, pair_events
from tacitus.events.patterns import Scope, SentenceWords
from tacitus.events.roles import (
    closure_groups,
    new_actor_group,
    object_token,
    reported_subjects,
    source_groups,
    subject_token,
    target_groups,
)
from tacitus.events.senses import Choice, lexicon_choice
from tacitus.events.verbs import CodedVerb, VerbHit, choose_code, find_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["RawEvent", "SentenceContext", "code_sentence"]

_SAY_LEMMAS = frozenset({"say", "tell", "state", "add", "note", "announce", "stress", "report"})


@dataclass(slots=True)
class SentenceContext:
    verbs: VerbDictionary
    require_dyad: bool
    new_actor_length: int = 0


def code_sentence(
    tokens: list[Token],
    sw: SentenceWords,
    groups: list[ActorGroup],
    head_to_group: dict[int, int],
    visible: set[int],
    context: SentenceContext,
) -> list[RawEvent]:
    """Every event of the sentence, in verb order. Each verb goes through three steps:
    `_Clause.choose_code`, `_Clause.assign_roles` and `_Clause.build_events`; a verb
    that is the complement of an announcing one (``threatened to retaliate``) refines
    that verb's code instead."""
    events: list[RawEvent] = []
    roots: dict[int, str] = {}  # verb token index -> root code it coded
    codes: dict[int, str] = {}  # verb token index -> code it coded
    clause = _Clause(sw=sw, groups=groups, head_to_group=head_to_group, visible=visible, context=context)
    for hit in _verb_hits(tokens, sw, context):
        announcing = _announcing_verb(hit.token, roots)
        if announcing is not None:
            _refine_by_content(events, announcing, hit, clause)
            continue
        chosen = clause.choose_code(hit)
        cast = clause.assign_roles(hit, chosen) if chosen is not None else None
        if chosen is None or cast is None:
            continue
        coded = chosen.coded
        roots[hit.token.i] = (coded.code or coded.reverse_code or "")[:2]
        codes[hit.token.i] = coded.code or ""
        events.extend(clause.build_events(hit, coded, cast))
    _statements_as_demands(events, codes)
    return dedupe(events)


def _verb_hits(tokens: list[Token], sw: SentenceWords, context: SentenceContext) -> list[VerbHit]:
    """Dictionary verbs, and with PETRARCH-2 sets the verbs only Tacitus's lexicon knows."""
    hits = find_verbs(tokens, sw, context.verbs)
    if not sw.use_lemmas:
        return hits
    taken = {hit.token.i for hit in hits}
    lex = lexicon()
    position = {w.token: p for p, w in reversed(list(enumerate(sw.words)))}
    for token in tokens:
        if token.i in taken or token.pos_ != "VERB" or token.i not in position:
            continue
        lemma = token.lemma_.lower()
        if lemma in lex.verbs or lemma in lex.light_verbs or lemma in lex.stance_verbs:
            start = position[token.i]
            hits.append(VerbHit(token, start, start + 1, []))
    return sorted(hits, key=lambda h: h.start)


@dataclass(frozen=True, slots=True)
class _Chosen:
    """A verb's code and, when Tacitus's lexicon chose it, the sense it read."""

    coded: CodedVerb
    choice: Choice | None = None


@dataclass(slots=True, kw_only=True)
class _Cast:
    """Who does a verb's act to whom, and how its events pair them."""

    sources: list[int]
    targets: list[int]
    reciprocal: bool = False  # members of a compound subject act on each other
    partner: bool = False  # a 'with'/'between' partner: a reciprocal act goes both ways
    mode: str | None = None  # the PLOVER mode the verb's phrase states
    distinct: bool = False  # a stance: no one acts on their own country
    # "declared that China must drop barriers": a report coded toward whom it obliges, as
    # written (no announcement or assertion rules; see _statements_as_demands).
    obliged: bool = False


def _no_one() -> _Cast:
    """The roles of a verb that codes but acts on no one here (no events, its code still counts)."""
    return _Cast(sources=[], targets=[])


@dataclass(slots=True, kw_only=True)
class _Clause:
    """One sentence's coding state: its words, actor groups and options."""

    sw: SentenceWords
    groups: list[ActorGroup]
    head_to_group: dict[int, int]
    visible: set[int]
    context: SentenceContext

    def choose_code(self, hit: VerbHit) -> _Chosen | None:
        """Step 1, the verb's code: the dictionary's with PETRARCH-1 sets; with PETRARCH-2
        sets Tacitus's lexicon's sense, else the dictionary's. None: the verb codes nothing."""
        if not self.sw.use_lemmas:
            coded = self.dictionary_code(hit)
            return _Chosen(coded) if coded is not None else None
        lex = lexicon()
        choice = lexicon_choice(hit.token, lex)
        if choice is not None:
            return _Chosen(choice.coded, choice)
        found = self.dictionary_code(hit)
        return _Chosen(_shared_view(hit.token, found, lex)) if found is not None else None

    def dictionary_code(self, hit: VerbHit) -> CodedVerb | None:
        """The dictionary's code for `hit`, or an intent to cooperate the dictionary misses."""
        coded = choose_code(hit, self.sw, scope=self._scope(hit)) if hit.candidates else None
        if coded is None or (coded.code is None and coded.reverse_code is None):
            coded = intent_to_cooperate(hit, coded) if hit.candidates else None
        if coded is None or (coded.code is None and coded.reverse_code is None):
            return None
        return coded

    def _scope(self, hit: VerbHit) -> Scope:
        """Where a pattern's words after the verb may match. PETRARCH-2 patterns describe the
        verb's own phrase: they match inside its arguments ("condemned the attack, and …
        sanctions on Russia" is no "* ATTACK ON +"). PETRARCH-1 patterns stay linear, as
        TABARI read them."""
        if not self.sw.use_lemmas:
            return None
        arguments = argument_span(hit.token, frozenset(), complements=True)
        return frozenset(p for p, word in enumerate(self.sw.words) if word.token in arguments)

    def assign_roles(self, hit: VerbHit, chosen: _Chosen) -> _Cast | None:
        """Step 2, the verb's sources and targets. None: the verb is no event after all."""
        if self.sw.use_lemmas:
            return self._parsed_roles(hit, chosen)
        return self._linear_roles(hit, chosen.coded)

    def _linear_roles(self, hit: VerbHit, coded: CodedVerb) -> _Cast:
        """PETRARCH-1 sets: TABARI's reading (words around the verb, first actor after it)."""
        groups, head_to_group, visible = self.groups, self.head_to_group, self.visible
        sources, passive_targets = source_groups(hit.token, head_to_group)
        sources = [s for s in sources if groups[s].head in visible]
        match = coded.match
        if match.source is not None:
            sources = closure_groups(hit.token.doc[groups[match.source].head], head_to_group) or [
                match.source
            ]
        targets: list[int]
        if match.target is not None:
            targets = closure_groups(hit.token.doc[groups[match.target].head], head_to_group) or [
                match.target
            ]
            if match.source is None:
                sources = [s for s in sources if s not in targets]
                if not sources and hit.token.head is not hit.token:
                    # "X noted that + regretted": the pattern took the subject as
                    # target, so the source is the governing clause's subject.
                    sources = [s for s in source_groups(hit.token.head, head_to_group)[0] if s not in targets]
        elif passive_targets:
            targets = passive_targets
        else:
            targets = target_groups(hit.token, groups, head_to_group, set(sources), visible)
            targets = _without_reported_self(hit.token, groups, sources=sources, targets=targets)
        sources, targets = self._compound(hit, coded, sources, targets)
        reciprocal = coded.reverse_code is not None or match.compound is not None or _cooperative(coded.code)
        return _Cast(sources=sources, targets=targets, reciprocal=reciprocal)

    def _compound(
        self, hit: VerbHit, coded: CodedVerb, sources: list[int], targets: list[int]
    ) -> tuple[list[int], list[int]]:
        """A ``%`` element binds the compound actor; new actors fill empty slots."""
        match = coded.match
        if match.compound is not None:
            doc = hit.token.doc
            compound = closure_groups(doc[self.groups[match.compound].head], self.head_to_group)
            if match.compound_before:
                sources = compound or sources
            else:
                targets = compound or targets
        if self.context.new_actor_length:
            sources, targets = _new_actors(
                hit.token, self.groups, sources=sources, targets=targets, limit=self.context.new_actor_length
            )
        return sources, targets

    def _parsed_roles(self, hit: VerbHit, chosen: _Chosen) -> _Cast | None:
        """PETRARCH-2 sets: the parse says who did it to whom (subjects, agents, objects,
        partner phrases); a lexicon sense may need a person or a target."""
        lex = lexicon()
        verb, coded, choice = hit.token, chosen.coded, chosen.choice
        arguments = Arguments(self.groups, self.head_to_group, lex)
        if coded.pattern is None and verb.lemma_.lower() in lex.no_default:
            # A report is no event, unless it says its subject must act ("declared that
            # China must drop barriers": a demand, see _statements_as_demands).
            told = _told_to_act(verb, arguments)
            if not told:
                return None
            sources, _ = arguments.sources(verb)
            return _Cast(sources=sources, targets=told, obliged=True)
        roles = _parse_roles(verb, coded, choice, arguments, lex)
        _capitals_as_governments(self.groups, roles)
        sense = choice.sense if choice is not None else None
        if sense is not None and sense.needs_person and not any(self.groups[s].person for s in roles.sources):
            return _no_one()
        if sense is not None and sense.needs_target and not roles.targets and len(roles.sources) < 2:
            return _no_one()
        reciprocal = sense.reciprocal if sense is not None else _reciprocal_verb(verb, coded, lex)
        stance = choice is not None and choice.stance is not None
        return _Cast(
            sources=roles.sources,
            targets=roles.targets,
            reciprocal=reciprocal and not (stance and roles.targets),
            # A lexicon reciprocal verb acts both ways on any target ("met X" as "met with X").
            partner=roles.partner or (sense is not None and sense.reciprocal),
            mode=choice.mode if choice is not None else None,
            distinct=stance,
        )

    def build_events(self, hit: VerbHit, coded: CodedVerb, cast: _Cast) -> list[RawEvent]:
        """Step 3, the verb's events: what the sentence does not assert codes nothing; an
        announced act becomes an intent or a threat; a reciprocal act with a partner goes
        both ways; then each source acts on each target."""
        if not cast.sources and not cast.targets:
            return []
        verb = hit.token
        if cast.obliged:
            flags = EventFlags(
                verb=verb, coded=coded, negated=is_negated(verb), modality=modality_of(verb), reporter=None
            )
            return self._pairs(cast, flags, reciprocal=False)
        negated = is_negated(verb) and not coded.match.spells_negation
        modality = modality_of(verb)
        if self.sw.use_lemmas and _unasserted(verb, lexicon()):
            return []
        reporter = _reporter(verb, self.head_to_group, self.groups)
        if self.sw.use_lemmas and _announced(verb, modality, reporter):
            # CAMEO-manual convention (PETRARCH-2 dictionaries); PETRARCH-1 sets code
            # the verb's pattern only, as TABARI did ("will contribute" stays 071).
            coded = _as_announcement(coded)
            if _conditional(verb) and not (coded.code or "").startswith("13"):
                # CAMEO: an act announced on a condition is a threat (1311 … 13x).
                coded = replace(coded, code="130", reverse_code=None)
        elif cast.partner and cast.reciprocal and coded.reverse_code is None:
            # "met with X": a reciprocal act is coded in both directions.
            coded = replace(coded, reverse_code=coded.code)
        flags = EventFlags(
            verb=verb,
            coded=coded,
            negated=negated,
            modality=modality,
            reporter=reporter,
            mode=cast.mode,
            distinct_countries=cast.distinct,
        )
        return self._pairs(cast, flags, reciprocal=cast.reciprocal)

    def _pairs(self, cast: _Cast, flags: EventFlags, *, reciprocal: bool) -> list[RawEvent]:
        return pair_events(
            self.groups,
            sources=cast.sources,
            targets=cast.targets,
            flags=flags,
            require_dyad=self.context.require_dyad,
            reciprocal=reciprocal,
        )


def _is_question(sent: Span) -> bool:
    """Ends with a question mark, or opens with an auxiliary before its subject ("Did you
    make a phone call … to help these people." is asked, not told)."""
    if sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return True
    words = [t for t in sent if not t.is_punct]
    if len(words) < 3 or words[0].pos_ != "AUX" or words[0].dep_ != "aux":
        return False
    return any(c.dep_ == "nsubj" and c.i > words[0].i for c in words[0].head.children)


def _unasserted(verb: Token, lex: Lexicon) -> bool:
    """What the sentence does not say happened: a question; the clause of a noun of claim,
    fear, plan or demand (``a report that ElBaradei had collaborated``, ``his calls for Ukraine
    to open an investigation``); an act someone is asked, told or allowed to do (``asked
    Zelenskiy to investigate``, ``had not authorized anyone to speak``); an act a head says
    failed (``unable to persuade``)."""
    if _is_question(verb.sent):
        return True
    children = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children
    ):
        return True  # "his calls for Ukraine to open an investigation": wanted, not done
    current = verb
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return False
        lemma = head.lemma_.lower()
        if current.dep_ in ("acl", "ccomp", "relcl", "xcomp") and head.pos_ == "NOUN":
            return head.lower_ in lex.unasserted_nouns or lemma in lex.unasserted_nouns
        # 'told AFP that the army lifted' reports; 'told the army to lift' directs.
        infinitive = current.dep_ == "xcomp" or any(
            c.lower_ == "to" and c.dep_ == "aux" for c in current.children
        )
        if infinitive and (lemma in lex.directive_verbs or lemma in lex.failure_heads):
            return True
        if current.dep_ == "xcomp" and head.dep_ == "acomp" and lemma in lex.failure_heads:
            return True
        if current.dep_ not in ("conj", "xcomp", "ccomp", "advcl"):
            return False
        current = head
    return False


def _announces(coded: CodedVerb) -> bool:
    """Codes whose act or aim sits in a complement clause: appeals, intents, demands,
    refusals, threats, protests ("began a hunger strike to protest against X"), force
    ("opened fire to disperse demonstrators") and policy under consideration (014)."""
    code = coded.code or ""
    return code[:2] in ("02", "03", "10", "12", "13", "14", "17", "18", "19", "20") or code == "014"


def _capitals_as_governments(groups: list[ActorGroup], roles: Roles) -> None:
    """``Beijing condemned …``, ``sanctions on Tehran``: a capital that acts or is acted on
    stands for its government (CHN → CHNGOV)."""
    for index in (*roles.sources, *roles.targets):
        group = groups[index]
        if group.capital and all(len(code) == 3 for code in group.codes):
            group.codes = [code + "GOV" for code in group.codes]


def _shared_view(verb: Token, coded: CodedVerb, lex: Lexicon) -> CodedVerb:
    """``agreed (that) there was an urgent need …``: agreeing on a view, not on an act (019)."""
    code = lex.clause_codes.get(verb.lemma_.lower())
    if code is None or not (coded.code or "").startswith("03"):
        return coded
    if any(c.dep_ == "xcomp" for c in verb.children):
        return coded
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children)
        if clause.lemma_ == "be" and not modal:  # a state, not an act to come ("should cooperate")
            return replace(coded, code=code, reverse_code=code if coded.reverse_code else None)
    return coded


_MODALS = frozenset({"will", "would", "should", "shall", "must", "could", "can", "may", "might", "'ll", "'d"})


def _reciprocal_verb(verb: Token, coded: CodedVerb, lex: Lexicon) -> bool:
    """Compound subjects act on each other for reciprocal verbs and paired codes only:
    co-listed actors of any other verb are never coded against each other."""
    complements = (c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp")
    return (
        verb.lemma_.lower() in lex.reciprocal_verbs
        or any(lemma in lex.reciprocal_verbs for lemma in complements)  # "failed to reach agreement"
        or coded.match.compound is not None
        or (coded.reverse_code is not None and coded.reverse_code == coded.code)
    )


def _parse_roles(
    verb: Token, coded: CodedVerb, choice: Choice | None, arguments: Arguments, lex: Lexicon
) -> Roles:
    """Sources and targets of a verb by argument position."""
    groups = arguments.groups
    doc = verb.doc
    sources, passive = arguments.sources(verb)
    if passive and not sources:
        sources = arguments.place_source(verb, coded.code or "")
    match = coded.match
    if match.source is not None:
        sources = arguments.phrase_groups(doc[groups[match.source].head]) or [match.source]
    partner = False
    if match.target is not None:
        targets = arguments.phrase_groups(doc[groups[match.target].head]) or [match.target]
    elif passive:
        targets = arguments.passive_targets(verb, coded.code or "") if sources else []
    elif choice is not None and choice.stance is not None and choice.noun is not None:
        targets = arguments.stance_targets(choice.noun, choice.stance)
    elif choice is not None and choice.sense is not None:
        sense = choice.sense
        targets = [] if choice.noun is not None else arguments.object_targets(verb, sense)
        found, partner = arguments.prep_targets(verb, sense.preps)
        targets += [t for t in found if t not in targets]
        if choice.noun is not None:
            found, on_noun = arguments.prep_targets(choice.noun, sense.preps, owners=True)
            targets += [t for t in found if t not in targets]
            partner = partner or on_noun
    else:
        targets, partner = arguments.dictionary_targets(verb, coded.code or coded.reverse_code or "")
    if not targets and not passive and choice is not None and choice.sense is not None and _announces(coded):
        # "began a hunger strike to protest against Sweden's decision"
        targets, _ = arguments.complement_targets(verb, coded.code or "")
    targets = [t for t in targets if t not in sources]
    targets = _without_reported_self(verb, list(groups), sources=sources, targets=targets, speech_only=True)
    return Roles(sources, targets, partner=partner, passive=passive)


_OBLIGATION = frozenset({"must"})


def _told_to_act(verb: Token, arguments: Arguments) -> list[int]:
    """``declared that China must drop barriers``: the actor the reported clause obliges."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            return [g for s in subjects for g in arguments.phrase_groups(s)]
    return []


def _statements_as_demands(events: list[RawEvent], codes: dict[int, str]) -> None:
    """``declared that China must drop barriers``: a statement (01) that its target
    must act is a demand (10x, refined by the act when that codes)."""
    for event in events:
        if not event.code.startswith("01") or event.target_group is None:
            continue
        subject = event.verb.doc[event.target_group.head]
        clause = subject.head
        if subject.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.i != event.verb.i:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            continue
        content = codes.get(clause.i, "")
        event.code = (refine_by_content("100", content) if content else None) or "100"


# Roots whose verb takes the act it announces as its complement: intent (03), refusal (12),
# demand (10), threat (13), appeal (02). "threatened to retaliate" is a threat, not an
# assault; "agreed to meet" an intent, not a meeting.
_ANNOUNCING_ROOTS = frozenset({"02", "03", "10", "12", "13"})


def _announcing_verb(verb: Token, roots: dict[int, str]) -> Token | None:
    """The coded intent/demand/threat/appeal verb whose complement `verb` is."""
    current = verb
    while current.dep_ == "conj" and current.head is not current:
        current = current.head  # "threatened to retaliate and (to) cut ties"
    if current.dep_ == "xcomp" and roots.get(current.head.i) in _ANNOUNCING_ROOTS:
        return current.head
    return None


def _refine_by_content(events: list[RawEvent], announcing: Token, hit: VerbHit, clause: _Clause) -> None:
    """ "called on Haiti to hold elections": the announcing verb's plain code (020)
    takes the refinement of the act it is about (0241)."""
    choice = lexicon_choice(hit.token, lexicon()) if clause.sw.use_lemmas else None
    coded = choice.coded if choice is not None else clause.dictionary_code(hit)
    content = coded.code if coded is not None else None
    if not content:
        return
    for event in events:
        if event.verb.i == announcing.i:
            refined = refine_by_content(event.code, content)
            if refined is None and event.code == "030" and content[:2] in _ANNOUNCED_AS_THREAT:
                # "plans to impose restrictions": an intended act of force or sanction is a threat.
                refined = as_threat(content) or "130"
            if refined is not None:
                event.code = refined


def _announced(verb: Token, modality: str, reporter: ActorGroup | None) -> bool:
    """``will give``, ``is ready to contribute``, ``said it would allow``: an act
    announced, not done."""
    if modality == "future":
        return True
    if modality == "intended":
        # "tried to hack" is an attempt: CAMEO codes the act itself.
        return verb.head.lemma_.lower() not in _ATTEMPT_HEADS
    return (
        modality == "hypothetical"
        and reporter is not None
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)
    )


def _conditional(verb: Token) -> bool:
    """``will withdraw their force from Chad unless …``: an announced act on a condition
    the other side must meet (an offer "if" is still an offer)."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )


def _as_announcement(coded: CodedVerb) -> CodedVerb:
    """An announced cooperative act is an intent to cooperate (will visit → 036,
    will give aid → 033x), an announced conflict act a threat (will impose
    sanctions → 1312), one way; other announced acts keep their code."""
    if coded.code is None:
        return coded
    if coded.code[:2] in _ANNOUNCED_AS_THREAT:
        threat = as_threat(coded.code)
        return coded if threat is None else replace(coded, code=threat, reverse_code=None)
    if coded.code[:2] not in _ANNOUNCED_AS_INTENT:
        return coded
    intent = refine_by_content("030", coded.code)
    if intent is None:
        return coded
    return replace(coded, code=intent, reverse_code=None)


_ATTEMPT_HEADS = frozenset({"try", "attempt", "seek"})
_ANNOUNCED_AS_INTENT = frozenset({"04", "05", "06", "07", "08"})
_ANNOUNCED_AS_THREAT = frozenset({"14", "15", "16", "17", "18", "19", "20"})


def _without_reported_self(
    verb: Token,
    groups: list[ActorGroup],
    *,
    sources: list[int],
    targets: list[int],
    speech_only: bool = False,
) -> list[int]:
    """``Wang said China supports Russia``: the speaker's own country, subject of the
    reported clause, acts in that clause; the speaker did nothing to it (no CHNGOV → CHN)."""
    lemma = verb.lemma_.lower()
    if speech_only and lemma not in _SAY_LEMMAS and lemma not in lexicon().no_default:
        # Only speech reports its subject's act: "demanded that Mugabe abandon …" is aimed
        # at Mugabe, whatever the country of those who demand it.
        return targets
    reported = reported_subjects(verb)
    if not reported:
        return targets
    countries = {code[:3] for s in sources for code in groups[s].codes}
    return [
        t
        for t in targets
        if not (
            groups[t].head in reported
            and (
                any(code[:3] in countries for code in groups[t].codes) or _own_by_pronoun(verb.doc, groups[t])
            )
        )
    ]


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her"})


def _own_by_pronoun(doc: Doc, group: ActorGroup) -> bool:
    """``India … said its soldiers returned fire``: a country-less group owned by a pronoun
    in the speaker's reported clause is the speaker's own (their soldiers, not a target)."""
    if group.has_country:
        return False
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in doc[group.head].children)


def _new_actors(
    verb: Token, groups: list[ActorGroup], *, sources: list[int], targets: list[int], limit: int
) -> tuple[list[int], list[int]]:
    """Fill an empty source or target with an unknown short noun phrase."""
    if not sources:
        group = new_actor_group(subject_token(verb), limit)
        if group is not None:
            groups.append(group)
            sources = [len(groups) - 1]
    if not targets:
        group = new_actor_group(object_token(verb), limit)
        if group is not None:
            groups.append(group)
            targets = [len(groups) - 1]
    return sources, targets


def _cooperative(code: str | None) -> bool:
    """ "China and Russia agreed/pledged": cooperation between compound members."""
    return code is not None and code_info(code).quad_class in (1, 2)


def _reporter(verb: Token, head_to_group: dict[int, int], groups: list[ActorGroup]) -> ActorGroup | None:
    """The speaker when the verb sits in reported speech (``Lavrov said Russia is ready …``)."""
    current = verb
    for _ in range(4):
        if current.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or current.head is current:
            return None
        head = current.head
        if current.dep_ == "ccomp" and head.lemma_.lower() in _SAY_LEMMAS:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is None:
                return None
            found = closure_groups(subject, head_to_group)
            return groups[found[0]] if found else None
        current = head
    return None
