import pytest

from tacitus.cameo import code_info, event_codes


@pytest.mark.parametrize(
    "code,goldstein,quad,plover,mode",
    [
        ("041", 1.0, 1, "CONSULT", "phone"),
        ("190", -10.0, 4, "ASSAULT", None),
        ("0311", 5.2, 1, "AGREE", None),
    ],
)
def test_cameo_code_info_reads_table(code, goldstein, quad, plover, mode):
    info = code_info(code)
    assert (info.goldstein, info.quad_class, info.plover_event, info.plover_mode) == (
        goldstein,
        quad,
        plover,
        mode,
    )


def test_cameo_code_info_unknown_code_keeps_root():
    info = code_info("174K")
    assert info.root_code == "17" and info.goldstein is None and info.quad_class == 4


def test_cameo_table_has_all_roots():
    roots = {info.root_code for info in event_codes().values()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(
    ("code", "name"), [("FRA", "FRANCE"), ("GBR", "UNITED_KINGDOM"), ("USA", "UNITED_STATES_OF_AMERICA")]
)
def test_cameo_countries_keyed_by_the_countrys_own_row(code, name):
    """Territories listed under a country's code later in the table (Mayotte, Jersey) do not
    replace the country."""
    from tacitus.cameo import countries

    assert countries()[code]["name"] == name
    assert "" not in countries()


@pytest.mark.parametrize(
    ("code", "name"),
    [("FRA", "France"), ("GBR", "United Kingdom"), ("CHN", "China"), ("USA", "United States of America")],
)
def test_cameo_country_names_for_people(code, name):
    """The names the API and dashboard show for a country code, from the same rows as `countries()`."""
    from tacitus.cameo import country_names

    assert country_names()[code] == name
