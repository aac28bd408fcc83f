"""Who did it and to whom: source and target actor groups of a verb from the dependency parse."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from tacitus.actors.compose import ActorGroup
from tacitus.cameo import country_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "closure_groups",
    "country_names",
    "new_actor_group",
    "object_token",
    "reported_subjects",
    "source_groups",
    "subject_token",
    "target_groups",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Dependencies that stay inside a (compound) noun phrase.
_NP_LINKS = frozenset(
    {
        "conj",
        "cc",
        "appos",
        "poss",
        "compound",
        "amod",
        "nmod",
        "flat",
        "det",
        "case",
        "punct",
        "nummod",
        "quantmod",
        "preconj",
    }
)
_CLIMB = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp", "dep", "acomp", "prep"})


def _np_tokens(token: Token) -> list[Token]:
    """A noun phrase and its coordinated members: no clauses, only ``of`` phrases."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if (
                child.dep_ in _NP_LINKS
                or (child.dep_ == "prep" and child.lower_ in ("of", "in", "from"))
                or (child.dep_ == "pobj" and current.dep_ == "prep")
            ):
                found.append(child)
                stack.append(child)
    return found


def closure_groups(token: Token, head_to_group: dict[int, int]) -> list[int]:
    """Groups whose head lies in the noun phrase (with conjuncts) of `token`."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head  # the first conjunct heads the coordination
    groups = []
    for member in _np_tokens(token):
        index = head_to_group.get(member.i)
        if index is not None and index not in groups:
            groups.append(index)
    return sorted(groups)


def _subjects_of(verb: Token) -> list[Token]:
    """Subject children of a verb, including those a bad parse hung on its auxiliaries."""
    found = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not found:
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass"):
                found.extend(c for c in aux.children if c.dep_ in _SUBJECTS)
    return found


def _stops_climbing(verb: Token) -> bool:
    """Verbs whose missing subject is not their head's: ``Rebuked by X, Y …``,
    ``after leaving X``, ``to be allowed to …``."""
    if verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBG"):
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        return True
    return any(c.dep_ == "auxpass" for c in verb.children)


def _subject_tokens(verb: Token) -> tuple[list[Token], Token | None]:
    """(subject tokens, agent-of-passive token), climbing through conj/xcomp heads."""
    current = verb
    for _ in range(5):
        subjects = _subjects_of(current)
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        agent_obj = None
        if agent is not None:
            agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subjects or agent_obj is not None:
            return subjects, agent_obj
        if current.dep_ in ("acl", "relcl") and current.head is not current:
            if _stops_climbing(current):
                return [], None
            return [current.head], None
        if current.dep_ not in _CLIMB or current.head is current or _stops_climbing(current):
            return [], None
        current = current.head
    return [], None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def source_groups(verb: Token, head_to_group: dict[int, int]) -> tuple[list[int], list[int]]:
    """(source groups, target groups the subject supplies in a passive with ``by``)."""
    subjects, agent = _subject_tokens(verb)
    sources: list[int] = []
    for subject in subjects:
        found = closure_groups(subject, head_to_group)
        if not found:
            found = _first_in_phrase(subject, head_to_group)
        if not found and subject.pos_ == "PRON" and verb.head is not verb and verb.dep_ in _CLIMB:
            # "Ethiopia indicated it would act": the pronoun is the governing subject.
            found = source_groups(verb.head, head_to_group)[0]
        sources.extend(g for g in found if g not in sources)
    if agent is not None:
        return closure_groups(agent, head_to_group), sources
    return sorted(sources), []


def _first_in_phrase(token: Token, head_to_group: dict[int, int]) -> list[int]:
    """``Resumption of ties between Arnor and Gondor``: the first actor anywhere in
    the noun phrase (prepositions included, clauses not), with its conjuncts."""
    stack = [token]
    inside: list[Token] = []
    while stack:
        current = stack.pop()
        inside.append(current)
        stack.extend(c for c in current.children if c.dep_ in _NP_LINKS or c.dep_ in ("prep", "pobj"))
    heads = sorted((t for t in inside if t.i in head_to_group), key=lambda t: t.i)
    return closure_groups(heads[0], head_to_group) if heads else []


_NESTED = frozenset({"relcl", "pcomp", "csubj", "parataxis"})


def argument_tokens(verb: Token) -> set[int]:
    """The verb's subtree without relative clauses, gerund phrases (``… by holding
    the Russia-China Year``) and coordinated verbs (``condemned the attack and
    imposed sanctions on Russia``): where its target may sit."""
    found: set[int] = set()
    stack = [verb]
    while stack:
        current = stack.pop()
        found.add(current.i)
        stack.extend(
            c
            for c in current.children
            if c.dep_ not in _NESTED and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        )
    return found


def reported_subjects(verb: Token) -> set[int]:
    """``Wang said China supports Russia``: the subject of a reported clause acts in
    that clause; it is not what the speaker acted on (no Wang → China)."""
    found: set[int] = set()
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [
        c for clause in clauses for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
    ]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i > verb.i:
                found.update(t.i for t in _np_tokens(child))
    return found


def target_groups(
    verb: Token,
    groups: Sequence[ActorGroup],
    head_to_group: dict[int, int],
    exclude: set[int],
    visible: set[int],
) -> list[int]:
    """The first actor group after the verb in its subtree, with its conjuncts."""
    subtree = argument_tokens(verb)
    doc = verb.doc
    candidates = [
        index
        for index, group in enumerate(groups)
        if group.head in subtree
        and group.start > verb.i
        and index not in exclude
        and group.head in visible
        and not group.absorbed
        and not _bare_role_modifier(doc, group)
    ]
    # A verb with an actor-less object has its target slot filled ("reinforce
    # complementary advantages"); a stray prefix ("an anti- Gondor parade") is no object.
    has_object = any(c.dep_ in ("dobj", "obj") and not c.text.endswith("-") for c in verb.children)
    if not candidates and not has_object:
        # The parse hung the object elsewhere: take the first actor after the verb.
        candidates = [
            index
            for index, group in enumerate(groups)
            if group.start > verb.i
            and index not in exclude
            and group.head in visible
            and not group.absorbed
            and not any(t.text in (",", ";", ":") for t in doc[verb.i : group.start])
        ]
    if len({code for k in exclude for code in groups[k].codes}) >= 2:
        # "The two ministers agreed to meet in Moscow": a compound subject acts on
        # itself; the city is the venue. "France and Mali signed an agreement on
        # cooperation against armed groups": a country-less group inside the object's
        # modifiers says what the agreement is about, not whom they signed it with.
        candidates = [
            k for k in candidates if not _is_place(doc, groups[k]) and not _nested_generic(verb, groups[k])
        ]
    if not candidates:
        return []
    first = min(candidates, key=lambda k: groups[k].start)
    members = closure_groups(doc[groups[first].head], head_to_group)
    members = [m for m in members if m == first or not _is_place(doc, groups[m])]
    return [m for m in members if m not in exclude] or [first]


_PARTNER_PREPOSITIONS = frozenset({"with", "to", "between", "among"})


def _nested_generic(verb: Token, group: ActorGroup) -> bool:
    """A country-less group (``armed groups`` → ---UAF) that is neither the verb's object
    nor the object of one of its own prepositions, but sits deeper, in a noun's modifiers."""
    if group.has_country or not all(code.startswith("---") for code in group.codes):
        return False
    token = verb.doc[group.head]
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.head.i == verb.i:
        return False
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "an agreement with rebel groups": a partner, wherever the parse hangs the phrase.
        return token.head.head.i != verb.i and token.head.lower_ not in _PARTNER_PREPOSITIONS
    return True


def _bare_role_modifier(doc: Doc, group: ActorGroup) -> bool:
    """``military aid``, ``military cooperation``: a role word with no country that
    only describes a thing is no actor (``---MIL``)."""
    if group.has_country or group.start <= group.head < group.end:
        return False
    return all(t.dep_ == "amod" for t in doc[group.start : group.end])


_PLACE_PREPOSITIONS = frozenset({"in"})


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names and their national forms (``IRAQ``, ``IRAQI``): a country
    named after ``in`` may still be acted on; a city there is only a place."""
    names: set[str] = set()
    for row in country_rows():
        names.add(row["name"].strip("_"))
        names.update(n.strip().strip("_") for n in row["nationality"].split(";") if n.strip())
    return frozenset(names)


def _is_place(doc: Doc, group: ActorGroup) -> bool:
    """``agreed to meet in Moscow``, ``met diplomats in Geneva``: a city (a bare
    country code from a name that is not the country's) after a locative
    preposition says where, not to whom."""
    token = doc[group.head]
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in _PLACE_PREPOSITIONS:
        return False
    if not group.codes or any(len(code) != 3 for code in group.codes):
        return False
    text = "_".join(t.text.upper() for t in doc[group.start : group.end])
    return text not in country_names()


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "punct"})


def subject_token(verb: Token) -> Token | None:
    """The first subject token of a verb (climbing like `source_groups`)."""
    subjects, _ = _subject_tokens(verb)
    return subjects[0] if subjects else None


def object_token(verb: Token) -> Token | None:
    """The first direct or prepositional object after the verb."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in ("dobj", "obj", "attr"):
            return child
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def new_actor_group(token: Token | None, limit: int) -> ActorGroup | None:
    """PETRARCH's new-actor rule: an unknown noun phrase of at most `limit` words
    stands for an actor coded by its text in quotes (``"THE MINISTRY OF MAGIC"``)."""
    if token is None or limit <= 0 or token.pos_ == "PRON":
        return None
    keep = []
    stack = [token]
    while stack:
        current = stack.pop()
        keep.append(current)
        stack.extend(
            c
            for c in current.children
            if c.dep_ not in _CLAUSES and not (c.dep_ == "appos" and c.left_edge.i != current.i + 1)
        )
    words = [t for t in sorted(keep, key=lambda t: t.i) if not t.is_punct and t.tag_ != "POS"]
    if not words or len(words) > limit:
        return None
    code = '"' + " ".join(t.text.upper() for t in words) + '"'
    return ActorGroup(head=token.i, start=words[0].i, end=words[-1].i + 1, codes=[code], has_country=False)
