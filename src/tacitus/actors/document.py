"""The country an article is about: it gives a country to the country-less state roles it mentions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from tacitus.actors.compose import ActorGroup
from tacitus.actors.finder import ActorFinder
from tacitus.actors.words import Word
from tacitus.cameo import state_blocks

__all__ = ["STATE_ROLES", "document_country", "with_document_country"]

# Roles that belong to a state: "the President", "state legislators", "police", "the
# opposition" in a story about one country are that country's. Media, business, civilians
# and groups without a state (REB, UAF, IGO …) keep their unknown country.
STATE_ROLES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "OPP", "SPY", "ELI"})
_MIN_MENTIONS = 2
_MIN_SHARE = 0.5


def document_country(finder: ActorFinder, words: Sequence[Word], day: date | None) -> str | None:
    """The state most of the article's actor mentions belong to, when one does: at least two
    mentions and half of the mentions of states (a White House readout: USA; a two-country
    story with as many of each: None)."""
    counts: Counter[str] = Counter()
    blocks = state_blocks()
    for mention in finder.find(words, day):
        if mention.kind != "actor":
            continue
        countries = {code[:3] for code in mention.codes if code[:3] in blocks}
        counts.update(countries)
    if not counts:
        return None
    (country, top), *rest = counts.most_common(2) + [("", 0)]
    total = sum(counts.values())
    if top < _MIN_MENTIONS or top < _MIN_SHARE * total or (rest and rest[0][1] == top):
        return None
    return country


def with_document_country(groups: Sequence[ActorGroup], country: str | None) -> None:
    """Give `country` to each country-less group of a state role (``---GOV`` → ``USAGOV``)."""
    if country is None:
        return
    for group in groups:
        if group.has_country or group.absorbed or not group.codes:
            continue
        if not all(code.startswith("---") and code[3:6] in STATE_ROLES for code in group.codes):
            continue
        group.codes = [country + code[3:] for code in group.codes]
        group.has_country = True
