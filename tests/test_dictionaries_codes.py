"""Actor-code checks: shape, and blocks used once in a set (typo candidates)."""

from __future__ import annotations

import pytest

from tacitus.dictionaries.codes import check_actor_code, rare_blocks


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("USAGOV", None),
        ("---", None),
        ("###", None),
        ("ITHTV", "actor code ITHTV is not made of 3-letter blocks"),
        ("RUS-GOV", "actor code RUS-GOV has characters other than letters and digits"),
    ],
)
def test_dictionaries_codes_shape(code: str, reason: str | None) -> None:
    assert check_actor_code(code) == reason


def test_dictionaries_codes_rare_blocks() -> None:
    uses = {"IGOUNOIAE": 10, "IGOUNOAIE": 1, "IGOAEAASN": 1, "IGOEUREEC": 2, "USAGOV": 1}
    assert rare_blocks(uses) == {
        "IGOAEAASN": (["AEA", "ASN"], []),
        "IGOUNOAIE": (["AIE"], ["IAE"]),
    }
