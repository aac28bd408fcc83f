"""Regular English inflections the dictionaries leave implicit: verb forms and noun plurals."""

from __future__ import annotations

__all__ = ["noun_plural", "verb_forms"]

_VOWELS = frozenset("AEIOU")


def _consonant_y(word: str) -> bool:
    return len(word) > 1 and word.endswith("Y") and word[-2] not in _VOWELS


def _ends_cvc(word: str) -> bool:
    """Consonant–vowel–consonant ending (STOP, REGRET, TRAVEL): the final consonant
    may double before -ED/-ING. W, X and Y never double."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-1] not in "WXY"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def noun_plural(word: str) -> str | None:
    """PLURAL of an upper-case noun: ARMY→ARMIES, BUS→BUSES, DAY→DAYS, TROOP→TROOPS.

    None for a word that already looks plural (DOLLARS, FORCES; but not
    BUS, PRESS, CRISIS), where PETRARCH made DOLLARES."""
    if word.endswith("S") and not word.endswith(("SS", "US", "IS")):
        return None
    if _consonant_y(word):
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


def verb_forms(verb: str) -> list[str]:
    """The regular inflections of an upper-case verb, PETRARCH2's rules made exact.

    -S/-ES (ACCUSES, REACHES, DENIES), -ED (AGREED, DENIED), -ING with e-drop
    (MAKING, but AGREEING, DYING). Where the last consonant might double
    (STOP, REGRET, TRAVEL) both spellings are produced, since stress decides and
    the extra form simply never occurs in text (VISITTED).
    """
    if not verb:
        return []
    forms: list[str] = []
    if _consonant_y(verb):
        forms.append(verb[:-1] + "IES")
    elif verb.endswith(("S", "X", "Z", "CH", "SH")) or (
        len(verb) > 1 and verb.endswith("O") and verb[-2] not in _VOWELS
    ):
        forms.append(verb + "ES")
    else:
        forms.append(verb + "S")
    forms.append(_past(verb))
    forms.append(_present_participle(verb))
    if _ends_cvc(verb):
        doubled = verb + verb[-1]
        forms.extend((doubled + "ED", doubled + "ING"))
    return forms


def _past(verb: str) -> str:
    if verb.endswith("E"):
        return verb + "D"
    if _consonant_y(verb):
        return verb[:-1] + "IED"
    return verb + "ED"


def _present_participle(verb: str) -> str:
    if verb.endswith("IE"):
        return verb[:-2] + "YING"
    if verb.endswith(("EE", "YE", "OE")) or verb == "BE":
        return verb + "ING"
    if verb.endswith("E") and len(verb) > 2:
        return verb[:-1] + "ING"
    return verb + "ING"
