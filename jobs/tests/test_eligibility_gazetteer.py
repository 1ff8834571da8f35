"""The gazetteer: places as data on pycountry, read the way postings and profiles write them."""

import pytest

from jobs.eligibility import gazetteer as g


def codes(text, prose=False):
    return [(entry.kind, entry.code) for entry in g.find_places(text, prose=prose).entries]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote (US only)", [("country", "US")]),
        ("Toronto, ON, Canada", [("city", "CA-ON"), ("subdivision", "CA-ON"), ("country", "CA")]),
        ("London, UK (Hybrid)", [("city", "GB"), ("country", "GB")]),
        ("San Francisco, CA", [("city", "US-CA"), ("subdivision", "US-CA")]),
        ("Remote — worldwide", [("region", "WORLDWIDE")]),
        ("US/Canada", [("country", "US"), ("country", "CA")]),
        ("EU/EEA", [("region", "EU"), ("region", "EEA")]),
        ("Remote (LATAM)", [("region", "LATAM")]),
        ("UK&I", [("region", "UKI")]),
        ("U.S.-based", [("country", "US")]),
        ("São Paulo, Brazil", [("city", "BR"), ("country", "BR")]),
        ("Washington, D.C.", [("city", "US-DC")]),
        ("New Mexico", [("subdivision", "US-NM")]),
        ("Remote - DACH", [("region", "DACH")]),
    ],
)
def test_location_lines_resolve_to_codes(text, expected):
    assert codes(text) == expected


class TestLookalikes:
    def test_georgia_is_the_state_next_to_a_us_city_and_the_country_next_to_tbilisi(self):
        assert codes("Atlanta, Georgia")[-1] == ("subdivision", "US-GA")
        assert codes("Tbilisi, Georgia")[-1] == ("country", "GE")
        assert codes("Remote - Georgia") == [("subdivision", "US-GA")]

    def test_ca_after_a_city_is_california_and_alone_is_canada(self):
        assert codes("Palo Alto, CA")[-1] == ("subdivision", "US-CA")
        assert codes("Remote - CA") == [("country", "CA")]

    def test_a_two_letter_code_is_a_state_after_an_unknown_city_and_the_citys_country_after_a_known_one(self):
        assert codes("Wilmington, DE") == [("subdivision", "US-DE")]
        assert codes("Berlin, DE") == [("city", "DE"), ("country", "DE")]
        assert codes("Indianapolis, IN")[-1] == ("subdivision", "US-IN")
        assert codes("Remote, IN") == [("country", "IN")]

    def test_an_australian_state_code_after_an_australian_city_is_that_state(self):
        assert codes("Perth WA") == [("city", "AU-WA"), ("subdivision", "AU-WA")]
        assert codes("Seattle, WA")[-1] == ("subdivision", "US-WA")
        assert codes("Adelaide, SA")[-1] == ("subdivision", "AU-SA")
        assert codes("Remote - SA") == [("country", "SA")]

    def test_a_state_after_a_city_says_which_city_it_is(self):
        assert codes("Cambridge, MA")[0] == ("city", "US-MA")
        assert codes("Cambridge") == [("city", "GB")]
        assert codes("London, ON") == [("city", "CA-ON")]

    @pytest.mark.parametrize(
        "sentence",
        ["Join us in building the future", "We are a global team", "IT and QA work closely with HR", "Jordan will be your manager",
         "reading and writing are part of the job", "you will work in our european office"],
    )
    def test_words_that_look_like_places_are_not_places_in_prose(self, sentence):
        assert codes(sentence, prose=True) == []

    def test_a_name_that_is_also_a_word_is_a_place_after_a_preposition(self):
        assert codes("Candidates must be based in India.", prose=True) == [("country", "IN")]
        assert codes("India will be your onboarding buddy.", prose=True) == []
        assert codes("Act now and apply.", prose=True) == []

    def test_capitalised_places_and_us_are_read_in_prose(self):
        assert codes("Candidates must be based in the EU/EEA.", prose=True) == [("region", "EU"), ("region", "EEA")]
        assert codes("US citizens only", prose=True) == [("country", "US")]


class TestProfiles:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("Germany", {"DE"}), ("EU", {"EU"}), ("us", {"US"}), ("USA", {"US"}), ("United Kingdom", {"GB"}), ("UK", {"GB"}),
         ("Georgia", {"GE"}), ("ca", {"CA"}), ("Worldwide", {"WORLDWIDE"}), ("Europe", {"EUROPE"}), ("Holland", {"NL"}),
         ("South Korea", {"KR"}), ("Remote (EU)", {"EU"}), ("nowhere-land", set())],
    )
    def test_a_profiles_place_names_resolve_leniently_preferring_countries(self, name, expected):
        assert g.resolve(name) == frozenset(expected)

    def test_regions_expand_to_their_member_countries(self):
        eu = g.member_countries(frozenset({"EU"}))
        assert len(eu) == 27 and "DE" in eu and "GB" not in eu
        assert g.member_countries(frozenset({"EEA"})) == eu | {"IS", "LI", "NO"}
        assert {"DE", "GB", "AE", "ZA"} <= g.member_countries(frozenset({"EMEA"}))
        assert g.member_countries(frozenset({"WORLDWIDE"})) == {"WORLDWIDE"}

    def test_every_iso_country_is_known_by_its_name_and_code(self):
        import pycountry

        for country in pycountry.countries:
            assert g.resolve(country.alpha_2) == {country.alpha_2}, country


def test_codes_read_as_english():
    assert g.labels(["US", "CA"]) == "Canada or the US"
    assert g.label("EU") == "the EU" and g.label("GB") == "the UK" and g.label("WORLDWIDE") == "Worldwide"
