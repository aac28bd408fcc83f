"""Who did it to whom by argument position (PETRARCH-2 sets): subjects, agents, objects, partners."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tacitus.actors.compose import ActorGroup
from tacitus.events.lexicon import Lexicon, StanceNoun, VerbSense
from tacitus.events.roles import country_names

__all__ = ["Arguments", "Roles", "noun_sense"]

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass"})
_OBJECTS = frozenset({"dobj", "obj", "dative", "iobj"})
_CLIMB = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp", "dep", "acomp"})
_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod"})


@dataclass(slots=True)
class Roles:
    """Source and target groups of one verb, and how the target was found."""

    sources: list[int]
    targets: list[int]
    partner: bool = False  # a 'with'/'between' partner: reciprocal verbs act back
    passive: bool = False


class Arguments:
    """Finds the actor groups in a verb's argument positions.

    `head_to_group` maps a noun phrase's head token to its group (visible,
    not absorbed); groups whose head a mention does not cover are modifiers
    ("Russia's war") and count only where a rule asks for an owner."""

    def __init__(self, groups: Sequence[ActorGroup], head_to_group: dict[int, int], lex: Lexicon) -> None:
        self.groups = groups
        self.head_to_group = head_to_group
        self.lex = lex

    # ------------------------------------------------------------ noun phrases

    def is_modifier(self, index: int, doc_token: Token) -> bool:
        group = self.groups[index]
        if group.head_covered or doc_token.pos_ == "PROPN":
            return False
        return (
            doc_token.lemma_.lower() not in self.lex.standin_nouns
            and doc_token.lower_ not in self.lex.standin_nouns
        )

    def phrase_groups(self, token: Token, *, owners: bool = False) -> list[int]:
        """Groups a noun phrase stands for: its head's group and its conjuncts' (and an
        apposition's when the head has none). With `owners`, a group that only
        modifies the head ("Russia's invasion") or its ``by`` agent counts too."""
        found: list[int] = []
        for member in _members(token):
            index = self._group_at(member, owners=owners)
            if index is None:
                index = next(
                    (
                        g
                        for c in member.children
                        if c.dep_ == "appos"
                        for g in [self._group_at(c)]
                        if g is not None
                    ),
                    None,
                )
            if index is None and owners:
                # "the attack by Hamas", "positions of the Palestinian security forces"
                index = next(
                    iter(
                        self._agent_groups(member)
                        or self._of_groups(member, False)
                        or self._clause_owner(member)
                    ),
                    None,
                )
            if index is None:
                extra: list[int] = []
                if member.lower_ in self.lex.partitive_nouns:
                    # "a group of Moroccan diplomats", "two of its nationals"
                    extra = self._of_groups(member, owners)
                if not extra and self._standin(member):
                    # "opposition groups in Zimbabwe", "officials from Moscow",
                    # "Hungarian and Romanian officials"
                    extra = self._of_groups(member, owners, ("of", "in", "from")) or self._modifier_groups(
                        member
                    )
                found.extend(g for g in extra if g not in found)
                continue
            if index is not None and index not in found:
                found.append(index)
        return found

    def _modifier_groups(self, token: Token) -> list[int]:
        firsts = [c for c in token.children if c.dep_ in _MODIFIERS and c.i in self.head_to_group]
        for led in (c for c in token.children if c.dep_ == "amod" and c.lemma_.lower() == "lead"):
            # "Vietnamese-led forces" are that country's (not so "Iranian-backed militias")
            firsts += [c for c in led.children if c.i in self.head_to_group]
        return [
            self.head_to_group[m.i] for first in firsts for m in _members(first) if m.i in self.head_to_group
        ]

    def _standin(self, token: Token) -> bool:
        return token.lower_ in self.lex.standin_nouns or token.lemma_.lower() in self.lex.standin_nouns

    def _of_groups(self, token: Token, owners: bool, preps: tuple[str, ...] = ("of",)) -> list[int]:
        return [
            g
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in preps
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for g in self.phrase_groups(pobj, owners=owners)
        ]

    def _group_at(self, token: Token, *, owners: bool = False) -> int | None:
        index = self.head_to_group.get(token.i)
        if index is None:
            return None
        if self.is_modifier(index, token) and (not owners or not self.groups[index].has_country):
            return None  # "military cooperation": a role word with no country describes a thing
        return index

    def _agent_groups(self, token: Token) -> list[int]:
        """``the attack by Hamas``, ``crimes committed by Croat forces``: the groups of
        a noun's ``by`` phrase."""
        holders = [token, *(c for c in token.children if c.dep_ == "acl")]
        return [
            g
            for holder in holders
            for prep in holder.children
            if (prep.dep_ == "prep" and prep.lower_ == "by") or prep.dep_ == "agent"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for g in self.phrase_groups(pobj)
        ]

    # ------------------------------------------------------------ sources

    def sources(self, verb: Token) -> tuple[list[int], bool]:
        """(source groups, passive): the subject, a passive's ``by`` agent, or the attack a
        passive act of violence happened in; never a passive's own subject."""
        current = verb
        for _ in range(5):
            passive = _is_passive(current)
            if passive:
                agent = self._passive_agent(current)
                return agent, True
            subjects = _children(current, _SUBJECTS) or _aux_subjects(current)
            if subjects and _infinitive(current):
                # "met with X to congratulate him": an infinitive has no subject of its own;
                # one hung on it is the head's object, misparsed.
                subjects = []
            if subjects:
                return self._subject_groups(verb, subjects), False
            if current.dep_ in ("acl", "relcl") and current.head.i != current.i:
                if current.dep_ == "acl" and current.tag_ == "VBN":
                    return [], False
                return self.phrase_groups(current.head), False
            if current.dep_ not in _CLIMB or current.head.i == current.i or _stops(current):
                return [], False
            current = current.head
        return [], False

    def _subject_groups(self, verb: Token, subjects: Iterable[Token]) -> list[int]:
        found: list[int] = []
        for subject in subjects:
            # "US Predator attacks have killed …", "al-Qaeda's terror network has
            # threatened …": whoever owns the subject acts through it.
            groups = self.phrase_groups(subject, owners=True)
            if not groups and subject.pos_ == "PRON" and verb.dep_ in _CLIMB and verb.head.i != verb.i:
                # "Ethiopia indicated it would act": the pronoun is the governing subject.
                groups = self.sources(verb.head)[0]
            found.extend(g for g in groups if g not in found)
        return found

    def _passive_agent(self, verb: Token) -> list[int]:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                return self.phrase_groups(pobj, owners=True)
        return self._attack_source(verb)

    def place_source(self, verb: Token, code: str) -> list[int]:
        """``was arrested in Lebanon``: the authorities of the country it happened in."""
        if code[:2] not in self.lex.place_source_roots:
            return []
        return [g for g in self.prep_targets(verb, ("in",))[0] if self.country_named(g, verb.doc)]

    def _group_after(self, prep: Token) -> int | None:
        """The group that starts right after `prep` (past a determiner)."""
        start = prep.i + 1
        if start < len(prep.doc) and prep.doc[start].dep_ == "det":
            start += 1
        groups = sorted(set(self.head_to_group.values()))
        return next((k for k in groups if self.groups[k].start == start and self.groups[k].has_country), None)

    def _clause_owner(self, noun: Token) -> list[int]:
        """``supports the measures Russia has taken``: the subject of the noun's relative clause."""
        return [
            g
            for clause in noun.children
            if clause.dep_ == "relcl"
            for subject in clause.children
            if subject.dep_ == "nsubj"
            for g in self.phrase_groups(subject)
        ]

    def _by_in_phrase(self, noun: Token) -> list[int]:
        """``an attack on a police patrol by Kosovo Albanians``: a ``by`` anywhere in the
        noun's own phrase (no clauses)."""
        for token in noun.subtree:
            if token.dep_ == "prep" and token.lower_ == "by" and token.head.pos_ in ("NOUN", "PROPN"):
                found = [
                    g for pobj in _children(token, frozenset({"pobj"})) for g in self.phrase_groups(pobj)
                ]
                if found:
                    return found
        return []

    def _is_attack(self, token: Token) -> bool:
        return token.lemma_.lower() in self.lex.attack_nouns or token.lower_ in self.lex.attack_nouns

    def _attack_source(self, verb: Token) -> list[int]:
        """``killed in an Ethiopian air strike``: the owner of the attack noun."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "during")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if self._is_attack(pobj):
                    found = self.phrase_groups(pobj, owners=True) or self._by_in_phrase(pobj)
                    if found:
                        return found
        return []

    # ------------------------------------------------------------ targets

    def passive_targets(self, verb: Token, code: str = "") -> list[int]:
        """The subject of a passive verb is what was acted on (or, for force and blame,
        whose it was: "a camp for Congolese refugees was attacked")."""
        owners = code[:2] in self.lex.owner_roots
        current = verb
        for _ in range(3):
            subjects = _children(current, _PASSIVE_SUBJECTS)
            if subjects:
                found = [g for s in subjects for g in self.phrase_groups(s, owners=owners)]
                if not found and owners:
                    found = [g for s in subjects for g in self.prep_targets(s, self.lex.noun_target_preps)[0]]
                return found
            if current.dep_ != "conj" or current.head.i == current.i:
                break
            current = current.head
        return []

    def object_targets(self, verb: Token, sense: VerbSense | None) -> list[int]:
        """Direct and indirect objects that are actors (an owner too for praise and blame)."""
        if sense is not None and sense.object != "target":
            return []
        owners = sense is not None and sense.possessor_targets
        return [g for obj in _children(verb, _OBJECTS) for g in self.phrase_groups(obj, owners=owners)]

    def prep_targets(
        self, verb: Token, preps: Iterable[str], *, owners: bool = False
    ) -> tuple[list[int], bool]:
        """Objects of the verb's target prepositions; True when a partner (`with`) was one.
        ``in protest against X`` counts as ``against X``."""
        wanted = frozenset(preps)
        found: list[int] = []
        partner = False
        heads = _children(verb, frozenset({"prep"}))
        if not any(p.lower_ in wanted for p in heads):
            # "spoke today with President Lula of Brazil to continue …": the parser made
            # "with" a subordinator of the next clause; the phrase after it is the partner.
            heads = [t for t in verb.subtree if t.i > verb.i and t.lower_ in wanted and t.dep_ == "mark"][:1]
        for prep in heads:
            word = prep.lower_
            if word in wanted and not _children(prep, frozenset({"pobj"})):
                # "met with Chief Adviser Muhammad Yunus …" parsed with no object: the phrase
                # right after the preposition.
                following = self._group_after(prep)
                if following is not None and following not in found:
                    found.append(following)
                    partner = partner or word in ("with", "between")
                continue
            if word == "in" and any(
                p.lemma_.lower() == "protest" for p in _children(prep, frozenset({"pobj"}))
            ):
                protest = next(
                    p for p in _children(prep, frozenset({"pobj"})) if p.lemma_.lower() == "protest"
                )
                found.extend(
                    g
                    for g in self.prep_targets(protest, ("against", "of", "over"), owners=True)[0]
                    if g not in found
                )
                continue
            if word not in wanted:
                continue
            for pobj in _children(prep, frozenset({"pobj"})):
                groups = self.phrase_groups(pobj, owners=owners)
                if groups:
                    partner = partner or word in ("with", "between")
                    found.extend(g for g in groups if g not in found)
        return found, partner

    def dictionary_targets(self, verb: Token, code: str) -> tuple[list[int], bool]:
        """Targets of a CAMEO.2.0 verb: its objects (or their owner, for praise, blame
        and force), what an object noun is aimed at ("sanctions on Iran"), partner
        phrases; failing those, the first actor of its own phrase that no place, topic
        or nested clause holds, then the target of the act it announces."""
        lex = self.lex
        root = code[:2]
        owners = root in lex.owner_roots
        targets: list[int] = []
        for obj in _children(verb, _OBJECTS):
            found = self.phrase_groups(obj, owners=owners)
            if not found:
                noun_preps = lex.noun_target_preps | (
                    lex.request_preps if root in lex.request_roots else frozenset()
                )
                found, _ = self.prep_targets(obj, noun_preps, owners=True)
            targets.extend(g for g in found if g not in targets)
        found, partner = self.prep_targets(verb, self._target_preps(root), owners=True)
        if found and all(not self.groups[g].has_country for g in targets):
            # "provided military intelligence to Macedonia": a role word with no
            # country in the object is the thing given, not a recipient.
            targets = []
        targets.extend(g for g in found if g not in targets)
        if not targets:
            targets = self._first_in_arguments(verb, owners=owners)
        if not targets and root in lex.place_target_roots:
            targets = self._place_targets(verb, root)
        if not targets:
            return self.complement_targets(verb, code)
        return targets, partner

    def _place_targets(self, verb: Token, root: str) -> list[int]:
        """``demonstrated in Serbia``, ``imposed a curfew in the town of Cizre``."""
        holders = [verb, *_children(verb, _OBJECTS)]
        holders += [
            p for prep in _children(verb, frozenset({"prep"})) for p in _children(prep, frozenset({"pobj"}))
        ]
        found = [g for holder in holders for g in self.prep_targets(holder, ("in",), owners=True)[0]]
        found += [g for holder in holders for g in self._of_places(holder)]
        if root in self.lex.city_target_roots:
            return found
        return [g for g in found if self.country_named(g, verb.doc)]

    def _of_places(self, token: Token) -> list[int]:
        """``in the town of Cizre``: the place an ``in`` phrase's ``of`` names."""
        return [
            g
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for g in self._of_groups(pobj, True)
        ]

    def _target_preps(self, root: str) -> frozenset[str]:
        lex = self.lex
        preps = lex.partner_preps
        if root in lex.violence_roots:
            preps = preps | lex.violence_preps
        if root in lex.request_roots:
            preps = preps | lex.request_preps
        return preps

    def country_named(self, index: int, doc: Doc) -> bool:
        """A group named by a country's own name or nationality (Serbia, not Belgrade)."""
        group = self.groups[index]
        text = "_".join(t.text.upper() for t in doc[group.start : group.end])
        return bool(group.codes) and text in country_names()

    def complement_targets(self, verb: Token, code: str) -> tuple[list[int], bool]:
        """``threatened to cut off electricity to Nakhichevan``, ``offered to hand over
        to Great Britain``: an act announced, refused or demanded is aimed where the
        act itself is; ``demanded that Mugabe abandon …``: at the one told to act."""
        telling = code[:2] in _TELLING_ROOTS
        for child in verb.children:
            if telling and _for_clause(child):
                # "called for Russia to withdraw": aimed at the one who is to act.
                found = [g for s in _children(child, _SUBJECTS) for g in self.phrase_groups(s)]
                if found:
                    return found, False
            purpose = child.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            )
            if (child.dep_ == "xcomp" or purpose) and child.pos_ in ("VERB", "AUX"):
                found, partner = self.dictionary_targets(child, code)
                if found:
                    return found, partner
            elif child.dep_ == "ccomp" and code[:2] in _TELLING_ROOTS:
                found = [g for s in _children(child, _SUBJECTS) for g in self.phrase_groups(s)]
                if found:
                    return found, False
        if code[:2] in _TELLING_ROOTS:
            # "insisted on its demands that Burundi's government grant …"
            nouns = [
                n
                for c in verb.children
                if c.dep_ in _OBJECTS or c.dep_ == "prep"
                for n in (c, *c.children)
                if n.pos_ == "NOUN"
            ]
            for noun in nouns:
                for clause in (
                    c for c in noun.children if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ == "VERB"
                ):
                    if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                        found = [g for s in _children(clause, _SUBJECTS) for g in self.phrase_groups(s)]
                        if found:
                            return found, False
        for child in verb.children:
            # "threatened to stop negotiations if the United States goes ahead":
            # a threat or demand is aimed at whoever its condition names.
            conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children)
            if child.dep_ == "advcl" and conditional and code[:2] in _TELLING_ROOTS:
                found = [g for s in _children(child, _SUBJECTS) for g in self.phrase_groups(s)]
                if found:
                    return found, False
        return [], False

    def _first_in_arguments(self, verb: Token, *, owners: bool) -> list[int]:
        doc = verb.doc
        inside = argument_span(verb, (self.lex.locative_preps - {"for"}) | self.lex.topic_preps)
        for index in sorted(set(self.head_to_group.values()), key=lambda k: self.groups[k].start):
            group = self.groups[index]
            if group.start <= verb.i or group.head not in inside:
                continue
            head = doc[group.head]
            if self._group_at(head, owners=owners) is None or not group.has_country:
                # A country-less group deep in the phrase ("an agreement on cooperation
                # against armed groups") is what the act is about, not whom it is aimed at.
                continue
            return self.phrase_groups(head, owners=owners) or [index]
        return []

    def stance_targets(self, noun: Token, stance: StanceNoun) -> list[int]:
        """``commitment to NATO``, ``support for Israel's efforts``, ``partnership between
        the United States and Thailand`` (each speaker's partner is the other country: the
        pairs of one country are left out when events are made)."""
        found: list[int] = []
        for prep in _children(noun, frozenset({"prep"})):
            if prep.lower_ not in stance.preps:
                continue
            for pobj in _children(prep, frozenset({"pobj"})):
                groups = self.phrase_groups(pobj, owners=True)
                found.extend(g for g in groups if g not in found)
        return found


def argument_span(verb: Token, closed_preps: frozenset[str], *, complements: bool = False) -> set[int]:
    """Token indices of the verb's own phrase: no nested clauses or coordinated verbs,
    and nothing inside the verb's own phrases of place, time or topic (``killed five
    people in Iraq``; a noun's ``attacks on troops in Iraq`` stays). With `complements`,
    its infinitive complement too (``declined to comment``)."""
    found: set[int] = set()
    stack = [verb]
    while stack:
        current = stack.pop()
        found.add(current.i)
        for child in current.children:
            if complements and child.dep_ == "xcomp":
                stack.append(child)  # patterns read "declined to comment" as one phrase
                continue
            if complements and _for_clause(child):
                # "called for Russia to withdraw": the parser hangs "for" on the clause;
                # "* (FOR)" reads it as the verb's own phrase.
                found.update(
                    t.i for c in child.children if c.dep_ == "mark" or c.dep_ in _SUBJECTS for t in c.subtree
                )
                continue
            if child.dep_ in _NESTED or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            if current.i == verb.i and child.dep_ == "prep" and child.lower_ in closed_preps:
                continue
            stack.append(child)
    return found


# Roots of demands, appeals, refusals and threats: their target may be told to act in a clause.
_TELLING_ROOTS = frozenset({"02", "10", "12", "13"})
_NESTED = frozenset({"relcl", "pcomp", "csubj", "parataxis", "ccomp", "advcl", "xcomp", "acl"})


def noun_sense(verb: Token, lex: Lexicon) -> tuple[Token, VerbSense] | None:
    """``held talks with``, ``had phone calls with``: a light verb's event-noun object."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.light_verbs:
        return None
    # "launched artillery, mortar and rocket fire": any of the coordinated objects.
    objects = [m for obj in _children(verb, _OBJECTS) for m in (obj, *obj.conjuncts)]
    for obj in objects:
        compound = " ".join(c.lower_ for c in obj.children if c.dep_ == "compound" and c.i < obj.i)
        keys = (f"{compound} {obj.lower_}".strip(), f"{compound} {obj.lemma_.lower()}".strip(), obj.lower_)
        for key in keys:
            # "lodged a protest with Albania" is a diplomatic complaint, not a street protest.
            sense = lex.event_nouns.get(f"{lemma}: {key}") or lex.event_nouns.get(key)
            if sense is not None:
                return obj, sense
    return None


def stance_noun(verb: Token, lex: Lexicon) -> tuple[Token, StanceNoun] | None:
    """``reaffirmed their commitment``, ``expressed concern``: a stance verb's noun."""
    if verb.lemma_.lower() not in lex.stance_verbs:
        return None
    for obj in _children(verb, _OBJECTS):
        stance = lex.stance_nouns.get(obj.lower_) or lex.stance_nouns.get(obj.lemma_.lower())
        if stance is not None:
            return obj, stance
    return None


def _for_clause(token: Token) -> bool:
    """``for Russia to withdraw``: a clause with its own subject, opened by "for"."""
    return (
        token.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)
        and any(c.dep_ in _SUBJECTS for c in token.children)
    )


def _members(token: Token) -> list[Token]:
    """A coordination's members, from its first conjunct; members coordinated with an
    apposition count too ("President Biden, Jr. and President Sánchez", as parsed)."""
    while (
        token.dep_ in ("conj", "appos")
        and token.head.i != token.i
        and token.head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        token = token.head
    members = [token, *[t for t in token.conjuncts if t.i > token.i]]
    for appos in (c for c in token.children if c.dep_ == "appos"):
        members.extend(t for t in appos.conjuncts if t.i > appos.i and t not in members)
    return members


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _aux_subjects(verb: Token) -> list[Token]:
    """Subjects a bad parse hung on the verb's auxiliaries."""
    return [
        c
        for aux in verb.children
        if aux.dep_ in ("aux", "auxpass")
        for c in aux.children
        if c.dep_ in _SUBJECTS
    ]


def _infinitive(verb: Token) -> bool:
    """A ``to``-infinitive that is no ``for X to …`` clause."""
    marks = {c.lower_ for c in verb.children if c.dep_ in ("aux", "mark")}
    return "to" in marks and "for" not in marks and verb.tag_ == "VB"


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _stops(verb: Token) -> bool:
    """Verbs whose missing subject is not their head's: ``Rebuked by X, Y …``,
    ``after leaving X``; ``opened fire, killing one`` does climb."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return True
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG"
