"""The coder's options: the PETRARCH validation knobs and Tacitus's own switches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from tacitus.errors import UserInputError

__all__ = ["CoderOptions"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CoderOptions:
    """How the coder decides; defaults follow PETRARCH's configuration.

    Attributes:
        require_dyad: drop events missing a source or a target (else ``---``).
        new_actor_length: an unknown noun phrase of up to this many words in an
            actor's place becomes an actor coded by its quoted text (0: off).
        comma_min, comma_max: internal comma clauses of this many words are deleted.
        comma_bmin, comma_bmax: the same for a sentence's initial clause.
        comma_emin, comma_emax: the same for its terminal clause (max 0: off).
        include_negated: keep events whose verb is negated (flagged `negated`).
        batch_size: articles per `nlp.pipe` batch.
        skip_unparsed: parse only sentences that mention an actor or agent (the
            other sentences of `CodedArticle.doc` then carry tokens only).
        max_chars: longer articles are skipped (the parser needs ~1 GB per 100k characters).
        max_sentence_tokens: longer "sentences" (tables, lists, debris) are not coded.
    """

    require_dyad: bool = True
    new_actor_length: int = 0
    comma_min: int = 2
    comma_max: int = 8
    comma_bmin: int = 0
    comma_bmax: int = 0
    comma_emin: int = 2
    comma_emax: int = 8
    include_negated: bool = False
    batch_size: int = 32
    skip_unparsed: bool = False
    max_chars: int = 200_000
    max_sentence_tokens: int = 250

    @property
    def comma_limits(self) -> tuple[int, int, int, int, int, int]:
        return (
            self.comma_min, self.comma_max, self.comma_bmin,
            self.comma_bmax, self.comma_emin, self.comma_emax,
        )

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, Any] | None, base: CoderOptions | None = None) -> CoderOptions:
        """Options from a gold record's ``config_overrides`` (values may be strings:
        ``"false"``, ``"3"``). Unknown keys raise UserInputError naming the known ones."""
        options = base or cls()
        if not overrides:
            return options
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for key, value in overrides.items():
            if key not in known:
                raise UserInputError(
                    f"unknown coder option {key!r} - use one of: {', '.join(sorted(known))}"
                )
            current = getattr(options, key)
            changes[key] = _convert(key, value, type(current))
        return replace(options, **changes)


def _convert(key: str, value: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise UserInputError(f"option {key} must be true or false, not {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise UserInputError(f"option {key} must be a whole number, not {value!r}") from exc
