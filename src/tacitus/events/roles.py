"""Who did it and to whom: source and target actor groups of a verb from the dependency parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tacitus.actors.compose import ActorGroup

__all__ = ["closure_groups", "source_groups", "target_groups"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Dependencies that stay inside a (compound) noun phrase.
_NP_LINKS = frozenset(
    {"conj", "cc", "appos", "poss", "compound", "amod", "nmod", "flat", "det", "case",
     "punct", "nummod", "quantmod", "preconj"}
)
_CLIMB = frozenset({"conj", "xcomp", "advcl", "ccomp", "pcomp", "dep", "acomp", "prep"})


def _np_tokens(token: Any) -> list[Any]:
    """A noun phrase and its coordinated members: no clauses, only ``of`` phrases."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _NP_LINKS or (
                child.dep_ == "prep" and child.lower_ in ("of", "in", "from")
            ) or (child.dep_ == "pobj" and current.dep_ == "prep"):
                found.append(child)
                stack.append(child)
    return found


def closure_groups(token: Any, head_to_group: dict[int, int]) -> list[int]:
    """Groups whose head lies in the noun phrase (with conjuncts) of `token`."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head  # the first conjunct heads the coordination
    groups = []
    for member in _np_tokens(token):
        index = head_to_group.get(member.i)
        if index is not None and index not in groups:
            groups.append(index)
    return sorted(groups)


def _subject_token(verb: Any) -> tuple[Any | None, Any | None]:
    """(subject, agent-of-passive) tokens, climbing through conj/xcomp heads."""
    current = verb
    for _ in range(5):
        subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        agent_obj = None
        if agent is not None:
            agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subject is not None or agent_obj is not None:
            return subject, agent_obj
        if current.dep_ in ("acl", "relcl") and current.head is not current:
            if current.tag_ == "VBN" and current.dep_ == "acl":
                return None, None
            return current.head, None
        if current.dep_ not in _CLIMB or current.head is current:
            return None, None
        if current.tag_ == "VBN" and current.dep_ == "advcl":
            return None, None  # "Rebuked by X, Y ..." has no subject of its own
        current = current.head
    return None, None


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def source_groups(
    verb: Any, head_to_group: dict[int, int]
) -> tuple[list[int], list[int]]:
    """(source groups, target groups the subject supplies in a passive with ``by``)."""
    subject, agent = _subject_token(verb)
    sources = closure_groups(subject, head_to_group) if subject is not None else []
    if agent is not None:
        passive_targets = sources if _is_passive(verb) or subject is not None else []
        return closure_groups(agent, head_to_group), passive_targets
    return sources, []


def target_groups(
    verb: Any,
    groups: Sequence[ActorGroup],
    head_to_group: dict[int, int],
    exclude: set[int],
    visible: set[int],
) -> list[int]:
    """The first actor group after the verb in its subtree, with its conjuncts."""
    subtree = {t.i for t in verb.subtree}
    candidates = [
        index
        for index, group in enumerate(groups)
        if group.head in subtree
        and group.start > verb.i
        and index not in exclude
        and group.head in visible
        and not group.absorbed
    ]
    if not candidates:
        return []
    first = min(candidates, key=lambda k: groups[k].start)
    doc = verb.doc
    members = closure_groups(doc[groups[first].head], head_to_group)
    return [m for m in members if m not in exclude] or [first]
