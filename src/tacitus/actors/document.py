"""The country an article is about: it gives a country to the country-less state roles it mentions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from tacitus.actors.compose import ActorGroup
from tacitus.actors.finder import ActorFinder
from tacitus.actors.words import Word
from tacitus.cameo import state_blocks

__all__ = ["STATE_ROLES", "document_country", "with_document_country"]

# Roles a country's own people hold: "the President", "state legislators", "police", "the
# opposition", "community leaders" in a story about one country are that country's. Armed
# groups without a state (REB, UAF, INS, SEP, RAD) and refugees often come from elsewhere,
# and keep their unknown country.
STATE_ROLES = frozenset(
    {
        "GOV",
        "LEG",
        "JUD",
        "MIL",
        "COP",
        "OPP",
        "SPY",
        "ELI",
        "CVL",
        "BUS",
        "MED",
        "EDU",
        "LAB",
        "HLH",
        "AGR",
        "ENV",
        "HRI",
        "CRM",
        "PPL",
    }
)
_MIN_MENTIONS = 2
_MIN_LEAD = 2.0  # the state named at least twice as often as the next one


def document_country(finder: ActorFinder, words: Sequence[Word], day: date | None) -> str | None:
    """The state the article's actor mentions name most, when one clearly leads: at least two
    mentions and twice as many as the next state (a White House readout: USA; a two-country
    story with about as many of each: None)."""
    counts: Counter[str] = Counter()
    blocks = state_blocks()
    for mention in finder.find(words, day):
        if mention.kind != "actor":
            continue
        countries = {code[:3] for code in mention.codes if code[:3] in blocks}
        counts.update(countries)
    if not counts:
        return None
    ranked = counts.most_common(2) + [("", 0)]
    (country, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_MENTIONS or top < _MIN_LEAD * second:
        return None
    return country


def with_document_country(doc: Doc, groups: Sequence[ActorGroup], country: str | None) -> None:
    """Give `country` to each country-less group of a state role (``---GOV`` → ``USAGOV``);
    not to a named person the dictionaries do not know (an American envoy in a story about
    Israel is not Israeli)."""
    if country is None:
        return
    for group in groups:
        if group.has_country or group.absorbed or not group.codes or group.person or group.name:
            continue
        if not group.head_covered and doc[group.head].pos_ != "PROPN":
            continue  # "troop deployments": a role word describing a thing is no actor to place
        if not all(code.startswith("---") and code[3:6] in STATE_ROLES for code in group.codes):
            continue
        if any(c.dep_ == "amod" and c.lower_ in _other_country_words() for c in doc[group.head].children):
            continue  # "a foreign government asked the FBI" is not the American government
        group.codes = [country + code[3:] for code in group.codes]
        group.has_country = True
        group.country_from_document = True


@cache
def _other_country_words() -> frozenset[str]:
    text = resources.files("tacitus.actors").joinpath("data", "other_country_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
