"""One company under its many spellings (jobs/matching/data/legal_forms.json), for the blocklist."""

import pytest

from jobs.matching.companies import company_match_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme", "acme"),
        ("ACME Inc.", "acme"),
        ("Apuestix S.L.", "apuestix"),
        ("Kauri Bank Ltd.", "kauri bank"),
        ("Brezel Pay GmbH & Co. KG", "brezel pay"),
        ("Polder Mobility B.V.", "polder mobility"),
        ("Warta Health Sp. z o.o.", "warta health"),
        ("Merlion Data Pte. Ltd.", "merlion data"),
        ("Tapti Tech Pvt Ltd", "tapti tech"),
    ],
)
def test_legal_forms_are_taken_off_the_end(name, key):
    assert company_match_key(name) == key


def test_a_name_that_is_only_a_legal_form_keeps_its_words_and_a_form_inside_a_name_stays():
    assert company_match_key("Sp. z o.o.") == "sp z o o"
    assert company_match_key("AS Roma Foundation") == "as roma foundation"
    assert company_match_key("") == ""
