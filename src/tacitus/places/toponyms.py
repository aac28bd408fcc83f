"""Toponym recognition: place-name mentions from the parse's entities, the dateline and demonyms."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.dateline import find_dateline as read_dateline
from tacitus.places.gazetteer import Gazetteer, Place, name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

__all__ = ["Mention", "find_dateline", "find_mentions"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_LABELS = frozenset({"NORP", "GPE"})

# Words a recogniser leaves on a place name that the gazetteer does not carry.
LEADING_QUALIFIERS = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "greater",
        "downtown",
        "occupied",
        "mainland",
    }
)
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "through",
        "to",
        "from",
        "into",
        "outside",
        "across",
        "around",
        "inside",
        "toward",
        "towards",
    }
)
PLACE_NOUNS_BEFORE_OF = frozenset(
    {"city", "town", "village", "port", "capital", "province", "region", "district", "suburb", "outskirts"}
)
CALENDAR_WORDS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
# Words around a capitalised run that make it a person's or a company's name.
NAME_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "senator",
        "sen",
        "gov",
        "rep",
        "minister",
        "general",
        "gen",
        "judge",
        "prince",
        "king",
        "queen",
        "pope",
    }
)
COMPANY_WORDS = frozenset(
    {
        "corp",
        "inc",
        "co",
        "ltd",
        "plc",
        "bank",
        "group",
        "airlines",
        "airways",
        "university",
        "college",
        "times",
        "post",
        "journal",
        "company",
        "corporation",
        "holdings",
        "industries",
        "trust",
        "fund",
    }
)
TRAILING_FEATURES = frozenset(
    {
        "province",
        "region",
        "city",
        "state",
        "district",
        "county",
        "governorate",
        "prefecture",
        "peninsula",
        "area",
        "oblast",
        "republic",
        "territory",
        "valley",
        "island",
        "port",
    }
)


@dataclass(slots=True)
class Mention:
    """A stretch of the article that names a place.

    `kind` says how it was found: ``entity`` (a GPE/LOC/FAC entity of the parse), ``dateline``,
    ``demonym`` (a NORP entity such as "Iraqi"; `names_place` when it modifies a place noun, as
    in "the Iraqi city") or ``token`` (a proper noun the recogniser missed). `lookup` is the name looked
    up in the gazetteer (the text without "the", "'s" or "northern"); `container` the place that
    follows after a comma ("Springfield, Illinois"), as text; `demonym_iso2` the country a demonym
    names; `root` the index of the entity's head token in the Doc.
    """

    text: str
    start: int
    end: int
    kind: str
    lookup: str
    container: str | None = None
    demonym_iso2: str | None = None
    root: int | None = None
    header_end: int | None = None  # for a dateline: where the whole "KYIV, Ukraine (AP) —" ends
    names_place: bool = True  # False for a demonym that only says nationality ("Iraqi officials")


def find_dateline(text: str) -> Mention | None:
    """The dateline place at the head of `text` (`tacitus.dateline`), as a mention, or None."""
    dateline = read_dateline(text)
    if dateline is None or dateline.place is None:
        return None
    return Mention(
        text=dateline.place,
        start=dateline.start,
        end=dateline.end,
        kind="dateline",
        lookup=dateline.place.title(),
        container=dateline.region,
        header_end=dateline.header_end,
    )


def _clean_entity(ent: DocSpan) -> tuple[str, int, int]:
    """The entity text without a leading "the" and a trailing possessive, with its offsets."""
    text, start = ent.text, ent.start_char
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text, start, start + len(text)


def _lookup_name(gazetteer: Gazetteer, text: str) -> str | None:
    """The form of `text` the gazetteer knows: as is, or less a leading qualifier or feature."""
    if name_key(text) in gazetteer.not_places:
        return None  # "North America" is not America with a qualifier
    if gazetteer.lookup(text):
        return text
    words = text.split()
    if len(words) > 1 and words[0].lower() in LEADING_QUALIFIERS:
        if gazetteer.lookup(" ".join(words[1:])):
            return " ".join(words[1:])
    if len(words) > 1 and words[-1].lower() in TRAILING_FEATURES:
        if gazetteer.lookup(" ".join(words[:-1])):
            return " ".join(words[:-1])
    return None


@lru_cache(maxsize=1)
def _demonym_place_nouns() -> frozenset[str]:
    text = resources.files("tacitus.places").joinpath("data", "syntax.json").read_text("utf-8")
    return frozenset(json.loads(text)["demonym_place_nouns"])


def _modifies_place_noun(ent: DocSpan) -> bool:
    """Whether a demonym names a place: "the Iraqi city of Basra", "on Iranian soil"."""
    root = ent.root
    return root.dep_ in ("amod", "compound", "nmod") and (root.head.lemma_.lower() in _demonym_place_nouns())


def _demonym_country(gazetteer: Gazetteer, text: str) -> str | None:
    key = name_key(text)
    if key in gazetteer.demonyms:
        return gazetteer.demonyms[key]
    if key.endswith("s") and key[:-1] in gazetteer.demonyms:
        return gazetteer.demonyms[key[:-1]]
    return None


def _container_after(doc: Doc, end: int, next_ent: DocSpan | None, gazetteer: Gazetteer) -> str | None:
    """The place right after ", " at `end` ("Springfield, Illinois" / "Springfield, Ill.")."""
    text = doc.text
    if not text.startswith(",", end):
        return None
    rest = text[end + 1 : end + 40].lstrip()
    for abbreviation in sorted(gazetteer.state_abbreviations, key=len, reverse=True):
        if rest.casefold().startswith(abbreviation):
            return rest[: len(abbreviation)]
    if next_ent is not None and next_ent.label_ in PLACE_LABELS:
        gap = text[end : next_ent.start_char]
        if gap.strip() == "," and len(gap) <= 3:
            return _clean_entity(next_ent)[0]
    return None


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every place mention of `doc` (whose text is the article text), in text order."""
    mentions: list[Mention] = []
    dateline = find_dateline(doc.text)
    if dateline is not None:
        mentions.append(dateline)
    tagged = doc.has_annotation("ENT_IOB")
    ents = list(doc.ents) if tagged else gazetteer_spans(doc, gazetteer)
    for position, ent in enumerate(ents):
        if dateline is not None and ent.start_char < (dateline.header_end or dateline.end):
            continue  # the dateline's own words ("KYIV, Ukraine (AP) —") are not news places
        text, start, end = _clean_entity(ent)
        if not text:
            continue
        mention = _entity_mention(doc, gazetteer, ent, text, start, end)
        if mention is None:
            continue
        if mention.kind == "entity":
            following = ents[position + 1] if position + 1 < len(ents) else None
            mention.container = _container_after(doc, end, following, gazetteer)
        mentions.append(mention)
    if tagged:
        mentions.extend(_untagged_names(doc, gazetteer, dateline))
    mentions.sort(key=lambda m: m.start)
    return mentions


def gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> list[DocSpan]:
    """Entity-like spans for a Doc parsed without NER: runs of capitalised proper nouns that are
    a gazetteer name as a whole (GPE), and capitalised demonyms (NORP).

    A run next to a title ("Mr", "President") or before a company word ("Corp", "Bank") is a
    name, not a place; a run longer than the name ("Paris Hilton") is not the place either.
    """
    spans: list[DocSpan] = []
    index = 0
    while index < len(doc):
        end = index
        while end < len(doc) and _capitalised(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        if end == index:
            if _capitalised(doc[index]) and _demonym_country(gazetteer, doc[index].text):
                spans.append(_labelled(doc, index, index + 1, "NORP"))
            index += 1
            continue
        label = _run_label(doc, index, end, gazetteer)
        if label:
            spans.append(_labelled(doc, index, end, label))
        index = end
    return spans


def _capitalised(token: Token) -> bool:
    return token.is_title or (token.is_upper and len(token) > 1)


def _labelled(doc: Doc, start: int, end: int, label: str) -> DocSpan:
    from spacy.tokens import Span as DocSpanClass

    return DocSpanClass(doc, start, end, label=label)


def _run_label(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    after = doc[end].lower_.rstrip(".") if end < len(doc) else ""
    if before in NAME_TITLES or after in COMPANY_WORDS:
        return None
    text = doc[start:end].text
    if text.lower() in CALENDAR_WORDS:
        return None
    if text.isalpha() and text.isupper() and len(text) <= 4 and start > 0:
        return None  # "GAO", "ICO": acronyms (a dateline's capitals are read apart)
    lookup = _lookup_name(gazetteer, text)
    if lookup is not None and _plausible_place(doc, start, end, gazetteer.lookup(lookup)):
        return "GPE"
    if _demonym_country(gazetteer, text) is not None:
        return "NORP"
    return None


def _plausible_place(doc: Doc, start: int, end: int, readings: list[tuple[Place, float]]) -> bool:
    """Without NER, a name is taken for a place by its primary name or an English alias only, and
    a small town's name ("Douglas", "Wilson") only after a locative preposition or before
    ", <place>": elsewhere such names are mostly people and companies."""
    primary = [place for place, weight in readings if weight >= 1.0]
    if any(place.kind != "city" or place.population >= 100_000 for place in primary):
        return True
    after_preposition = start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPOSITIONS
    before_comma = end < len(doc) and doc[end].text == ","
    return bool(primary) and (after_preposition or before_comma)


def _untagged_names(doc: Doc, gazetteer: Gazetteer, dateline: Mention | None) -> list[Mention]:
    """Proper nouns the recogniser missed that can only be a place.

    Single capitalised tokens outside every entity (or a one-word PERSON/ORG/NORP after a locative
    preposition) whose primary name is a country, a capital or a city of a million people ("Kyiv's
    mayor"), or any gazetteer place named as "the town of X": the small model misses these often,
    and such names are seldom anything else.
    """
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.is_title or len(token) < 3:
            continue
        if token.ent_type_ in PLACE_LABELS:
            continue  # already a mention, or a place the gazetteer does not know
        if token.ent_type_ and not (_misread_place(token) or _named_place_noun(token)):
            continue
        if dateline is not None and token.idx < (dateline.header_end or dateline.end):
            continue
        readings = gazetteer.lookup(token.text)
        if _named_place_noun(token) and any(p.kind != "country" for p, _ in readings):
            found.append(
                Mention(token.text, token.idx, token.idx + len(token), "token", token.text, root=token.i)
            )
        elif any(weight >= 1.0 and _well_known(place) for place, weight in readings):
            found.append(
                Mention(token.text, token.idx, token.idx + len(token), "token", token.text, root=token.i)
            )
    return found


def _named_place_noun(token: Token) -> bool:
    """The X of "the town of X", "the city of X": a place whatever the recogniser said."""
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in PLACE_NOUNS_BEFORE_OF


def _misread_place(token: Token) -> bool:
    """A one-word PERSON/ORG/NORP entity governed by a locative preposition: "marched through
    Kiev", "the museum in Tunis" (NORP to the small model)."""
    return (
        token.ent_type_ in ("PERSON", "ORG", "NORP")
        and token.ent_iob_ == "B"
        and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
        and token.dep_ == "pobj"
        and token.head.lower_ in LOCATIVE_PREPOSITIONS
    )


def _well_known(place: Place) -> bool:
    return place.kind == "country" or place.feature_code == "PPLC" or place.population >= 1_000_000


def _entity_mention(
    doc: Doc, gazetteer: Gazetteer, ent: DocSpan, text: str, start: int, end: int
) -> Mention | None:
    root = ent.root.i
    if ent.label_ in PLACE_LABELS:
        lookup = _lookup_name(gazetteer, text)
        if lookup is not None:
            return Mention(text, start, end, "entity", lookup, root=root)
    if ent.label_ in DEMONYM_LABELS:
        iso2 = _demonym_country(gazetteer, text)
        if iso2 is not None:
            return Mention(
                text,
                start,
                end,
                "demonym",
                text,
                demonym_iso2=iso2,
                root=root,
                names_place=_modifies_place_noun(ent),
            )
    return None
