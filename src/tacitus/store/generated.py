"""A generated event store with the real schema, filled by SQL: the load benchmarks' and tests' data.

`build_store(path, n)` writes `n` events (10 per article) over ten years, 40 countries, six
sectors and 26 CAMEO codes, with quotes and places, deterministically: the same `n` gives the same
store. `benchmarks/api.py` measures the API on it; tests check the API's indexes against it.
"""

from __future__ import annotations

from pathlib import Path

from tacitus.cameo import code_info
from tacitus.store.connection import connect

__all__ = ["CODES", "COUNTRIES", "EVENTS_PER_ARTICLE", "SECTORS", "build_store"]

COUNTRIES = [
    "CHN",
    "RUS",
    "USA",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "PSE",
    "SYR",
    "TUR",
    "UKR",
    "DEU",
    "FRA",
    "GBR",
    "JPN",
    "PRK",
    "KOR",
    "AFG",
    "IRQ",
    "SAU",
    "EGY",
    "NGA",
    "ETH",
    "SDN",
    "VEN",
    "COL",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "IDN",
    "PHL",
    "VNM",
    "MMR",
    "BLR",
    "POL",
    "LBY",
    "MLI",
    "YEM",
    "LBN",
]
SECTORS = ["", "GOV", "MIL", "OPP", "BUS", "MED"]
CODES = [
    "010",
    "020",
    "036",
    "040",
    "042",
    "043",
    "051",
    "057",
    "061",
    "070",
    "081",
    "090",
    "100",
    "111",
    "112",
    "120",
    "130",
    "138",
    "141",
    "150",
    "163",
    "173",
    "180",
    "190",
    "193",
    "195",
]
EVENTS_PER_ARTICLE = 10


def build_store(path: Path, n_events: int) -> None:
    """A store with the real schema filled by SQL: `n_events` events in date order, 10 per article."""
    con = connect(path)
    con.execute(
        "CREATE TEMP TABLE codes AS SELECT * FROM (VALUES "
        + ", ".join(
            f"({i}, '{c}', '{code_info(c).root_code}', {code_info(c).quad_class}, {code_info(c).goldstein})"
            for i, c in enumerate(CODES)
        )
        + ") AS t(idx, code, root_code, quad_class, goldstein)"
    )
    con.execute(
        "CREATE TEMP TABLE countries AS SELECT unnest(?::VARCHAR[]) AS c, "
        "generate_subscripts(?::VARCHAR[], 1) - 1 AS idx",
        [COUNTRIES, COUNTRIES],
    )
    con.execute(
        "CREATE TEMP TABLE sectors AS SELECT unnest(?::VARCHAR[]) AS s, "
        "generate_subscripts(?::VARCHAR[], 1) - 1 AS idx",
        [SECTORS, SECTORS],
    )
    n_articles = n_events // EVENTS_PER_ARTICLE
    # Dates advance with the row number over ten years, as an append-only ingest would store them.
    con.execute(
        "INSERT INTO articles (id, title, date, source, status, text, n_events) "
        "SELECT 'bench-' || lpad(a::VARCHAR, 7, '0'), 'Generated article ' || a, "
        "DATE '2015-01-01' + CAST(a * 3650 // ? AS INTEGER), 'bench wire', 'coded', "
        "repeat('Generated sentence. ', 10), ? FROM range(?) AS r(a)",
        [n_articles, EVENTS_PER_ARTICLE, n_articles],
    )
    con.execute(
        "INSERT INTO events BY NAME SELECT 'bench-' || lpad((i // ?)::VARCHAR, 7, '0') AS doc_id, "
        "(i % ?)::INTEGER AS ordinal, (i % ?)::INTEGER AS sentence, "
        "DATE '2015-01-01' + CAST((i // ?) * 3650 // ? AS INTEGER) AS date, "
        "sc.c || ss.s AS source, tc.c || ts.s AS target, k.code, k.root_code, k.quad_class, k.goldstein, "
        "MAP {'event': 'GENERATED'} AS plover, sc.c AS source_actor_text, sc.c || ss.s AS source_actor_code, "
        "sc.c AS source_actor_country, tc.c AS target_actor_text, tc.c || ts.s AS target_actor_code, "
        "tc.c AS target_actor_country, 'Generated sentence.' AS evidence_text, "
        "((i % ?) * 20)::INTEGER AS evidence_start, ((i % ?) * 20 + 19)::INTEGER AS evidence_end, "
        "'generated' AS verb, false AS negated, 'asserted' AS modality, []::VARCHAR[] AS issues, "
        # Confidence spread over 0.45-0.99, as the model gives (about three in four pass 0.59).
        "(0.45 + ((i * 37) % 55) / 100.0)::DOUBLE AS confidence "
        "FROM range(?) AS r(i) "
        "JOIN countries AS sc ON sc.idx = (i * 7919) % 40 "
        "JOIN countries AS tc ON tc.idx = (i * 104729 + 13) % 40 "
        "JOIN sectors AS ss ON ss.idx = (i * 31) % 6 JOIN sectors AS ts ON ts.idx = (i * 17 + 3) % 6 "
        "JOIN codes AS k ON k.idx = (i * 2654435761) % 26 ORDER BY i",
        [EVENTS_PER_ARTICLE] * 3 + [EVENTS_PER_ARTICLE, n_articles] + [EVENTS_PER_ARTICLE] * 2 + [n_events],
    )
    con.execute(
        "INSERT INTO quotes (doc_id, ordinal, kind, sentence, content_text, content_start, content_end, "
        "speaker_text, speaker_start, speaker_end, speaker_code, speaker_country) "
        "SELECT id, 0, 'direct', 0, 'Generated sentence.', 0, 19, 'Someone', 0, 7, "
        "source_actor_code, source_actor_country FROM "
        "(SELECT a.id, e.source_actor_code, e.source_actor_country "
        "FROM articles AS a JOIN events AS e ON e.doc_id = a.id AND e.ordinal = 0)"
    )
    con.execute(
        "INSERT INTO places (doc_id, ordinal, name, gazetteer_id, country, lat, lon, confidence, "
        "evidence_text, evidence_start, evidence_end) "
        "SELECT id, 0, 'Place ' || (h % 500), (h % 500)::VARCHAR, "
        "'CHN', (h % 500) / 500.0 * 120 - 50, (h % 500) / 500.0 * 340 - 170, 0.9, 'Generated', 0, 9 "
        "FROM (SELECT id, (hash(id) % 1000)::BIGINT AS h FROM articles)"
    )
    con.execute("CHECKPOINT")
    con.close()
