import json

import pytest

from tacitus.errors import GoldFileError
from tacitus.evaluate.gold import GoldRecord, read_gold
from tacitus.evaluate.metrics import judge, relax, score
from tacitus.records import Event, Span


def event(source: str, target: str, code: str, plover: str | None = None) -> Event:
    return Event(
        doc_id="d",
        sentence=0,
        date=None,
        source=source,
        target=target,
        code=code,
        root_code=code[:2],
        quad_class=1,
        goldstein=0.0,
        plover={"event_type": plover, "mode": None},
        source_actor=None,
        target_actor=None,
        evidence=Span("x", 0, 1),
        verb="v",
        rule=None,
    )


def events_record(expected):
    return GoldRecord(id="r", text="t", date=None, kind="events", category="C", expected=frozenset(expected))


@pytest.mark.parametrize(
    "triple,relaxed",
    [
        (("CHNGOV", "RUSGOV", "041"), ("CHN", "RUS", "04")),
        (('"INJURY TOLL"', "OSG", "223"), ('"INJURY TOLL"', "OSG", "22")),
    ],
)
def test_evaluate_relax_keeps_country_and_root(triple, relaxed):
    assert relax(triple) == relaxed


def test_evaluate_record_passes_only_on_equal_sets():
    record = events_record({("ARN", "GON", "064")})
    assert judge(record, [event("ARN", "GON", "064")]).passed
    assert not judge(record, [event("ARN", "GON", "064"), event("GON", "ARN", "064")]).passed


def test_evaluate_empty_expectation_fails_with_any_event():
    record = events_record(set())
    assert judge(record, []).passed and not judge(record, [event("A", "B", "010")]).passed


def test_evaluate_scores_precision_recall_exact_and_relaxed():
    results = [
        judge(events_record({("ARNGOV", "GON", "064")}), [event("ARN", "GON", "064")]),
        judge(events_record({("ARN", "GON", "064"), ("GON", "ARN", "064")}), [event("ARN", "GON", "064")]),
    ]
    overall = score(results).as_dict()["overall"]
    assert overall["exact"] == {"tp": 1, "fp": 1, "fn": 2, "precision": 0.5, "recall": 0.3333, "f1": 0.4}
    assert overall["relaxed"]["tp"] == 2 and overall["relaxed"]["fn"] == 1


def test_evaluate_plover_record_checks_type_and_countries():
    record = GoldRecord(
        id="p",
        text="t",
        date=None,
        kind="plover",
        category="AGREE",
        plover_type="AGREE",
        actor_countries=frozenset({"HUN"}),
        recipient_countries=frozenset({"ROU"}),
    )
    result = judge(record, [event("HUNGOV", "ROU", "030", plover="AGREE")])
    assert result.passed and result.detail == {"source_country_ok": True, "target_country_ok": True}


def test_evaluate_read_gold_skips_inactive_and_rejects_unknown(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "A-1", "text": "x", "date": "19950101", "expected": [], "active_in_original_suite": True},
        {"id": "A-2", "text": "y", "expected": [], "active_in_original_suite": False},
        {"code": "041", "text": "z"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    records = read_gold(path)
    assert [(r.id, r.kind, r.date) for r in records] == [
        ("A-1", "events", "1995-01-01"),
        ("line-3", "code", None),
    ]
    path.write_text(json.dumps({"text": "no expectation"}), encoding="utf-8")
    with pytest.raises(GoldFileError, match="neither 'expected', 'code'"):
        read_gold(path)


def test_evaluate_gold_options_parsed_as_the_floor_test_parses_them(tmp_path):
    """`tacitus eval` reads config_overrides with CoderOptions.from_overrides (as
    tests/test_coder_gold.py does): strings convert, an unknown key is a gold-file error."""
    from tacitus.coder import CoderOptions
    from tacitus.evaluate import _options, code_gold

    record = GoldRecord(
        id="A-1", text="x", date=None, kind="events", config={"comma_bmin": "3", "require_dyad": "false"}
    )
    assert _options(record) == CoderOptions.from_overrides(record.config)
    assert (_options(record).comma_bmin, _options(record).require_dyad) == (3, False)
    path = tmp_path / "gold.jsonl"
    row = {"id": "A-1", "text": "x", "expected": [], "config_overrides": {"comma_nmax": "2"}}
    path.write_text(json.dumps(row), encoding="utf-8")
    with pytest.raises(GoldFileError, match="A-1: config_overrides: unknown coder option 'comma_nmax'"):
        code_gold(path)
