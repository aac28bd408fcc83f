"""The one event-filter model: which stored events a CLI command, an API request or the API's
start-up index selects, and its SQL condition.

Rules (the same in `tacitus events`, `/api/events` and `tacitus.api.hot`):
- actor codes match by prefix (``CHN`` matches ``CHNGOV``), the event `code` by prefix (``04``
  matches ``042``), `root` and `quad_class` exactly;
- `dyad` ``A,B`` is directed: source A → target B (the same events as `source=A` and `target=B`);
  `pair` ``A,B`` is either direction (A → B or B → A); `actor` is either side;
- `since`/`until` are inclusive days; an event without a date matches neither;
- `min_confidence` leaves out events scored below it; events never scored (stored before
  schema 3) always pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tacitus.dates import required_day
from tacitus.errors import UserInputError

if TYPE_CHECKING:
    from tacitus.store.query import NearPlace

__all__ = ["EventFilter", "actor_pair", "confidence_condition"]

_ROOT_CODES = {f"{n:02d}" for n in range(1, 21)}


def actor_pair(value: str) -> tuple[str, str] | None:
    """``chn, rus`` → (``CHN``, ``RUS``); None unless the value is two non-empty codes."""
    parts = [part.strip().upper() for part in value.split(",")]
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


def confidence_condition(alias: str = "e") -> str:
    """The SQL test of an event against a confidence threshold (one parameter): unscored events
    (stored before schema 3) pass."""
    col = f"{alias}." if alias else ""
    return f"({col}confidence IS NULL OR {col}confidence >= ?)"


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise UserInputError(
            f"--country {value!r} is not an ISO 3166 alpha-3 code - use three letters, e.g. --country GEO"
        )
    return code


def _cli_pair(value: str | None, option: str, form: str) -> tuple[str, str] | None:
    if value is None:
        return None
    found = actor_pair(value)
    if found is None:
        raise UserInputError(
            f"{option} {value!r} is not a pair of actor codes - use {form}, e.g. {option} CHN,RUS"
        )
    return found


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which events a query returns (the module docstring has the matching rules).
    `EventFilter()` selects every stored event; `EventFilter.build`, what the commands use,
    starts from the readers' defaults (the default threshold, neither negated nor
    hypothetical events); the API builds it from a request (`tacitus.api.filters`).

    `country` is where the event happened (its location's ISO3, `tacitus events --country`);
    `actor_country` is either actor's country or code prefix (the API's `country=`); `place` is
    the event's location or a place its article names (the API's `place=`); `near` a gazetteer
    place and radius (`--near`). `include_negated` / `include_hypothetical` False leave out
    negated and hypothetical mentions; `q` keeps events whose evidence sentence holds the words.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None  # directed: source A, target B
    pair: tuple[str, str] | None = None  # either direction
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    actor_country: str | None = None
    place: str | None = None
    near: NearPlace | None = None
    q: str | None = None
    min_confidence: float | None = None
    include_negated: bool = True
    include_hypothetical: bool = True
    limit: int | None = None

    def __post_init__(self) -> None:
        # Days given as text (``2021-01-01``) are read once here, so every reader compares dates.
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, dt.date):
                object.__setattr__(self, name, required_day(value, f"--{name}"))

    @classmethod
    def build(
        cls,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        pair: str | None = None,
        code: str | None = None,
        root: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        country: str | None = None,
        near: str | None = None,
        within: float | None = None,
        min_confidence: float | None = None,
        include_negated: bool = False,
        include_hypothetical: bool = False,
    ) -> EventFilter:
        """Validate CLI-style values (``--dyad CHN,RUS``, ``--pair CHN,RUS``) into a filter.
        `min_confidence` None is the default threshold
        (`tacitus.events.confidence.default_min_confidence`), 0 keeps every event; negated and
        hypothetical events are left out unless included."""
        from tacitus.events.confidence import default_min_confidence
        from tacitus.store.query import NearPlace

        if root is not None and root.zfill(2) not in _ROOT_CODES:
            raise UserInputError(f"--root {root!r} is not a CAMEO root code - use 01 to 20, e.g. --root 04")
        threshold = default_min_confidence() if min_confidence is None else min_confidence
        if not 0.0 <= threshold <= 1.0:
            raise UserInputError(
                f"--min-confidence {threshold} is not a probability - use 0 to 1, e.g. --min-confidence 0.5"
            )
        return cls(
            source=source.upper() if source else None,
            target=target.upper() if target else None,
            dyad=_cli_pair(dyad, "--dyad", "SOURCE,TARGET"),
            pair=_cli_pair(pair, "--pair", "A,B"),
            code=code,
            root=root.zfill(2) if root is not None else None,
            since=required_day(since, "--since"),
            until=required_day(until, "--until"),
            limit=limit,
            country=_country(country),
            near=NearPlace.resolve(near, within) if near else None,
            min_confidence=threshold or None,
            include_negated=include_negated,
            include_hypothetical=include_hypothetical,
        )

    def sides(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The source and the target code prefixes every matching event has: `source` and a
        directed `dyad`'s A; `target` and its B."""
        # Plain tests, no generators: the API's index calls this on every request.
        source, target, dyad = self.source, self.target, self.dyad
        if dyad is None:
            return ((source,) if source is not None else ()), ((target,) if target is not None else ())
        return (
            (source, dyad[0]) if source is not None else (dyad[0],),
            (target, dyad[1]) if target is not None else (dyad[1],),
        )

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """A parameterised SQL condition over `events [AS alias]` (``TRUE`` when nothing is set)
        and its values."""
        col = f"{alias}." if alias else ""
        conditions: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            conditions.append(sql)
            params.extend(values)

        sources, targets = self.sides()
        for prefix in sources:
            add(f"starts_with({col}source, ?)", prefix)
        for prefix in targets:
            add(f"starts_with({col}target, ?)", prefix)
        if self.actor:
            add(f"(starts_with({col}source, ?) OR starts_with({col}target, ?))", self.actor, self.actor)
        if self.pair:
            a, b = self.pair
            add(
                f"((starts_with({col}source, ?) AND starts_with({col}target, ?)) OR "
                f"(starts_with({col}source, ?) AND starts_with({col}target, ?)))",
                a,
                b,
                b,
                a,
            )
        if self.code:
            add(f"starts_with({col}code, ?)", self.code)
        if self.root:
            add(f"{col}root_code = ?", self.root)
        if self.quad_class is not None:
            add(f"{col}quad_class = ?", self.quad_class)
        if self.since:
            add(f"{col}date >= ?", self.since)
        if self.until:
            add(f"{col}date <= ?", self.until)
        if self.country:
            add(f"{col}location ->> '$.country' = ?", self.country)
        if self.actor_country:
            add(
                f"(? IN ({col}source_actor_country, {col}target_actor_country) OR "
                f"starts_with({col}source, ?) OR starts_with({col}target, ?))",
                *(self.actor_country,) * 3,
            )
        if self.place:
            # Where the event happened (its location) or a place its article names.
            loc = f"{col}location"
            add(
                f"(lower({loc} ->> '$.name') = lower(?) OR {loc} ->> '$.gazetteer_id' = ? "
                f"OR {loc} ->> '$.country' = ? OR EXISTS (SELECT 1 FROM places AS p "
                f"WHERE p.doc_id = {col}doc_id AND "
                "(lower(p.name) = lower(?) OR p.gazetteer_id = ? OR p.country = ?)))",
                *(self.place, self.place, self.place.upper()) * 2,
            )
        if self.near:
            sql, values = self.near.condition(f"{col}location")
            add(sql, *values)
        if self.q:
            add(f"contains(lower({col}evidence_text), lower(?))", self.q)
        if self.min_confidence is not None:
            add(confidence_condition(alias), self.min_confidence)
        if not self.include_negated:
            conditions.append(f"NOT {col}negated")
        if not self.include_hypothetical:
            conditions.append(f"{col}modality <> 'hypothetical'")
        return (" AND ".join(conditions) or "TRUE"), params

    def without_confidence(self) -> EventFilter:
        """The same filter at any confidence (to count what the threshold leaves out)."""
        return replace(self, min_confidence=None)
