from tacitus.records import Actor, Event, Rule, Span


def make_event() -> Event:
    wang = Actor(text="Wang Yi", code="CHNGOV", country="CHN", sector="GOV", name="Wang Yi", start=0, end=7)
    lavrov = Actor(text="Sergei Lavrov", code="RUSGOV", country="RUS", sector="GOV", start=12, end=25)
    return Event(
        doc_id="d1",
        sentence=0,
        date="2021-02-04",
        source="CHNGOV",
        target="RUSGOV",
        code="041",
        root_code="04",
        quad_class=1,
        goldstein=1.0,
        plover={"event_type": "CONSULT", "mode": "phone"},
        source_actor=wang,
        target_actor=lavrov,
        evidence=Span("Wang Yi phoned Sergei Lavrov", 0, 28),
        verb="phone",
        rule=Rule(file="CAMEO.2.0.txt", line=10, pattern="- * + [041]"),
    )


def test_records_event_round_trips_through_dict():
    event = make_event()
    assert Event.from_dict(event.as_dict()) == event


def test_records_event_dict_has_contract_fields():
    keys = set(make_event().as_dict())
    contract = {
        "doc_id",
        "sentence",
        "date",
        "source",
        "target",
        "code",
        "root_code",
        "quad_class",
        "goldstein",
        "plover",
        "source_actor",
        "target_actor",
        "evidence",
        "verb",
        "rule",
        "negated",
        "modality",
    }
    assert contract <= keys
