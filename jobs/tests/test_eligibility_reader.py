"""The posting reader, rule by rule, each in many of the phrasings real postings use."""

import time

import pytest

from jobs.eligibility.reader import read_posting


def places(**posting):
    """The countries and regions read (states have their own tests)."""
    reading = read_posting(**posting)
    return sorted(value.value for value in (*reading.countries, *reading.regions))


def states(**posting):
    return sorted(value.value for value in read_posting(**posting).states)


@pytest.mark.parametrize(
    ("location", "description", "expected"),
    [
        ("Remote - CA, OR or WA only", "", ["US-CA", "US-OR", "US-WA"]),
        ("Remote", "This role is remote, but you must be based in California or Texas.", ["US-CA", "US-TX"]),
        ("Austin, TX (Hybrid)", "", ["US-TX"]),
        ("Toronto, ON, Canada", "", ["CA-ON"]),
        ("Remote (US only)", "", []),
        ("Berlin, Germany", "", []),
    ],
)
def test_states_and_provinces_it_names_are_read_with_their_country(location, description, expected):
    assert states(location=location, description=description) == expected
    # and are among the places the job hires in, beside the country they are in
    hires_in = read_posting(location=location, description=description).places()
    assert set(expected) <= set(hires_in) and all(state.split("-")[0] in hires_in for state in expected)


class TestPlaces:
    @pytest.mark.parametrize(
        ("location", "expected"),
        [
            ("Remote (US only)", ["US"]),
            ("USA Only", ["US"]),
            ("Remote - United States", ["US"]),
            ("Toronto, ON, Canada", ["CA"]),
            ("London, UK (Hybrid)", ["GB"]),
            ("San Francisco, CA", ["US"]),
            ("Austin, TX", ["US"]),
            ("Berlin, Germany or Remote (EU)", ["DE", "EU"]),
            ("Remote — worldwide", ["WORLDWIDE"]),
            ("Anywhere in the World", ["WORLDWIDE"]),
            ("Remote, anywhere in the US", ["US"]),
            ("Remote (EMEA)", ["EMEA"]),
            ("Bengaluru, India", ["IN"]),
            ("Perth WA (On-site)", ["AU"]),
            ("Sydney NSW (Hybrid)", ["AU"]),
            ("Canberra ACT", ["AU"]),
            ("Seattle, WA", ["US"]),
            ("Sydney, Nova Scotia, Canada", ["CA"]),
            ("Remote", []),
            ("", []),
        ],
    )
    def test_the_location_line_says_where_the_job_hires(self, location, expected):
        assert places(location=location) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Candidates must be based in the EU/EEA.", ["EEA", "EU"]),
            ("You must be located in the United States or Canada to apply.", ["CA", "US"]),
            ("This role is open to candidates in Germany, Austria or Switzerland.", ["AT", "CH", "DE"]),
            ("We are hiring in Spain and Portugal.", ["ES", "PT"]),
            ("Must be authorized to work in the US.", ["US"]),
            ("You must have the right to work in the UK.", ["GB"]),
            ("This is a remote role within the EU.", ["EU"]),
            ("EU-only: we cannot hire elsewhere yet.", ["EU"]),
            ("We hire globally and you can work from anywhere.", ["WORLDWIDE"]),
            ("You can work from anywhere in the world.", ["WORLDWIDE"]),
            ("Applicants must live in India.", ["IN"]),
            ("The role is listed as remote across APAC, but candidates must be based in Metro Manila, Philippines.", ["PH"]),
            ("This role is open to candidates anywhere in India, and we work on IST with some overlap with our London office.", ["IN"]),
            ("Because of our employment set-up we can only hire people who are resident in the UK.", ["GB"]),
        ],
    )
    def test_a_sentence_about_who_may_apply_restricts_the_job(self, text, expected):
        assert places(location="Remote", description=text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "We are based in Berlin, with offices in London and New York.",
            "Our customers are in the US, Canada and Mexico.",
            "Our team is distributed across Europe.",
            "You will work with US time zones and overlap with EST.",
            "Join us in building payments for everyone.",
        ],
    )
    def test_a_sentence_about_the_company_restricts_nothing(self, text):
        assert places(location="Remote", description=text) == []

    def test_places_after_except_are_left_out(self):
        assert places(description="We are hiring in Germany and Spain, except Madrid-based roles in Portugal.") == ["DE", "ES"]

    def test_a_must_be_based_sentence_overrides_the_location_line_and_a_board_region(self):
        reading = read_posting(location="Remote (US)", eligible_regions=["US"], description="Applicants must be based in Canada.")
        assert reading.places() == ["CA"]
        assert reading.countries[0].source == "description"

    def test_structured_regions_come_before_the_location_line(self):
        reading = read_posting(location="Remote", eligible_regions=["Germany"])
        assert reading.places() == ["DE"] and reading.countries[0].source == "structured"

    def test_cities_are_kept_with_their_source(self):
        reading = read_posting(location="Toronto, ON, Canada")
        assert [(c.value, c.source) for c in reading.cities] == [("Toronto", "location")]

    @pytest.mark.parametrize(
        ("location", "cities"),
        [("Springfield, IL (Hybrid)", ["Springfield"]), ("Bendigo VIC", ["Bendigo"]), ("Remote - CA, OR or WA only", []), ("Remote, US", [])],
    )
    def test_a_city_the_gazetteer_does_not_know_is_read_from_before_its_state(self, location, cities):
        assert [c.value for c in read_posting(location=location).cities] == cities


class TestVisa:
    @pytest.mark.parametrize(
        "text",
        [
            "Unfortunately we cannot sponsor visas now or in the future.",
            "No visa sponsorship is available for this role.",
            "We are unable to offer visa sponsorship.",
            "We do not sponsor.",
            "Sponsorship is not available.",
            "Must be authorized to work in the United States without sponsorship.",
            "You must have the right to work in the UK.",
            "Applicants requiring sponsorship will not be considered.",
            "We can't provide visa support.",
            "We cannot provide a work visa for this role.",
        ],
    )
    def test_a_sentence_ruling_sponsorship_out_reads_no(self, text):
        assert read_posting(description=text).visa_sponsorship.value == "no"

    @pytest.mark.parametrize(
        "text",
        [
            "Visa sponsorship available for the right candidate.",
            "We happily sponsor work permits.",
            "We offer relocation and visa support.",
            "H-1B sponsorship available.",
            "Sponsorship for work visas is available.",
            "We are happy to sponsor work visas.",
            "Candidates who need sponsorship are welcome.",
            "We provide an employment visa, health insurance and annual flights home.",
            "Visa and relocation provided.",
            "We will arrange your work permit and help your family settle in.",
        ],
    )
    def test_a_sentence_offering_sponsorship_reads_yes(self, text):
        assert read_posting(description=text).visa_sponsorship.value == "yes"

    @pytest.mark.parametrize("text", ["We sponsor hackathons and meetups.", "We sponsor your conference tickets.", "Nothing about it."])
    def test_sponsoring_something_else_or_silence_is_unknown(self, text):
        assert read_posting(description=text).visa_sponsorship.value == "unknown"

    def test_a_refusal_wins_over_an_offer_elsewhere(self):
        text = "Visa sponsorship available for senior roles. We cannot sponsor visas for this position."
        assert read_posting(description=text).visa_sponsorship.value == "no"

    def test_the_structured_field_wins(self):
        reading = read_posting(description="We cannot sponsor visas.", visa_sponsorship=1)
        assert (reading.visa_sponsorship.value, reading.visa_sponsorship.source) == ("yes", "structured")


class TestClearance:
    @pytest.mark.parametrize(
        ("text", "kind", "country", "active"),
        [
            ("US citizens only.", "citizenship", "US", False),
            ("This role is open to US citizens only due to government contracts.", "citizenship", "US", False),
            ("You must be a U.S. citizen.", "citizenship", "US", False),
            ("Applicants must be British citizens.", "citizenship", "GB", False),
            ("You must hold an active Secret clearance.", "clearance", "US", True),
            ("Active TS/SCI clearance required.", "clearance", "US", True),
            ("DV clearance required.", "clearance", "GB", True),
            ("Ability to obtain a Secret security clearance.", "clearance", "US", False),
            ("SC clearance required or the ability to obtain it.", "clearance", "GB", False),
            ("Must be eligible for an NV1 clearance.", "clearance", "AU", False),
        ],
    )
    def test_a_citizenship_or_clearance_asked_for_is_read(self, text, kind, country, active):
        asked = read_posting(description=text).citizenship_or_clearance_required
        assert asked is not None and asked.source == "description"
        assert (asked.value["kind"], asked.value["country"], asked.value["active"]) == (kind, country, active)

    @pytest.mark.parametrize(
        "text",
        [
            "No clearance required.",
            "This role does not require a security clearance.",
            "Clearance is not required.",
            "Our customs clearance team handles imports.",
            "Citizenship is not required; we hire worldwide.",
            "Senior citizens get a discount on our product.",
        ],
    )
    def test_negations_and_lookalikes_ask_for_nothing(self, text):
        assert read_posting(description=text).citizenship_or_clearance_required is None


class TestTimezones:
    @pytest.mark.parametrize(
        ("text", "window"),
        [
            ("You'll work within ±3 hours of CET.", (-2, 4)),
            ("Work hours: UTC-5 to UTC+1.", (-5, 1)),
            ("Candidates should be in CET +/- 2 hours.", (-1, 3)),
            ("Overlap with US time zones.", (-10, -3)),
            ("You must be within 3 hours of GMT.", (-3, 3)),
        ],
    )
    def test_a_time_zone_window_is_read(self, text, window):
        found = read_posting(description=text).timezones
        assert found and (found[0].value["from"], found[0].value["to"]) == window

    def test_no_time_zone_is_no_window(self):
        assert read_posting(description="We meet every Tuesday.").timezones == []


class TestWorkModeAndType:
    @pytest.mark.parametrize(
        ("location", "title", "text", "mode"),
        [
            ("London, UK (Hybrid)", "", "", "hybrid"),
            ("Remote (US only)", "", "", "remote"),
            ("On-site - Austin, TX", "", "", "onsite"),
            ("", "Backend Engineer (Remote)", "", "remote"),
            ("", "", "This is a hybrid role: 2 days a week in our Berlin office.", "hybrid"),
            ("", "", "You'll be in the office 3 days a week.", "hybrid"),
            ("", "", "This is a fully remote position.", "remote"),
            ("", "", "We are remote-first, but this role is on-site.", "onsite"),
            ("", "", "On site in our Munich office five days a week.", "onsite"),
            ("", "", "This is not a remote role.", "onsite"),
            ("", "", "We build hybrid cloud tools.", None),
        ],
    )
    def test_the_work_mode_is_read_where_it_is_said(self, location, title, text, mode):
        found = read_posting(location=location, title=title, description=text).work_mode
        assert (found.value if found else None) == mode

    @pytest.mark.parametrize(
        ("title", "text", "types"),
        [
            ("DevOps Engineer (Contract)", "", ["contract"]),
            ("Contract Site Reliability Engineer", "", ["contract"]),
            ("Software Engineering Intern", "", ["internship"]),
            ("Freelance Designer", "", ["freelance"]),
            ("Backend Engineer", "This is a 6-month contract, outside IR35.", ["contract"]),
            ("Backend Engineer", "Contract-to-hire role.", ["contract"]),
            ("Backend Engineer", "12-month fixed-term contract.", ["temporary"]),
            ("Backend Engineer", "Full-time, permanent position.", ["full_time"]),
            ("Backend Engineer", "Part-time, 20 hours a week.", ["part_time"]),
            ("Backend Engineer", "Full-time or contract considered.", ["contract", "full_time"]),
            ("Account Executive", "You'll lead contract negotiations. Full-time role.", ["full_time"]),
            ("Contract Manager", "Manage our supplier contracts.", []),
            ("Engineering Manager", "You will mentor our interns.", []),
            ("Campus Recruiter", "You will build our internship and new graduate program.", []),
            ("Recruiting Coordinator", "You will coordinate our summer internship program and its cohorts.", []),
            ("Analyst", "A paid internship for students in their final year.", ["internship"]),
        ],
    )
    def test_the_employment_type_is_read_from_the_title_then_the_text(self, title, text, types):
        assert sorted(v.value for v in read_posting(title=title, description=text).employment_types) == types

    def test_the_structured_type_wins(self):
        found = read_posting(title="Engineer (Contract)", job_type="full_time").employment_types
        assert [(v.value, v.source) for v in found] == [("full_time", "structured")]


class TestLevelFamilyTravel:
    @pytest.mark.parametrize(
        ("title", "text", "level"),
        [
            ("Senior Backend Engineer", "", 3),
            ("Junior Python Developer", "", 1),
            ("Staff Engineer", "", 4),
            ("Engineering Manager", "", 4),
            ("Senior Engineering Manager", "", 5),
            ("Director of Engineering", "", 6),
            ("Software Engineer II", "", 2),
            ("Backend Engineer", "You have 5+ years of experience.", 3),
            ("Backend Engineer", "At least 2 years of experience.", 2),
            ("Backend Engineer", "Two to four years of experience with Go.", 2),
            ("Backend Engineer", "You bring six or more years of experience.", 3),
            ("Analytics Manager", "Eight or more years of analytics experience.", 4),
            ("Backend Engineer", "We need you for two years.", None),
            ("Backend Engineer", "", None),
        ],
    )
    def test_the_level_comes_from_the_title_else_the_years_asked(self, title, text, level):
        found = read_posting(title=title, description=text).seniority
        assert (found.value["level"] if found else None) == level

    def test_the_role_family_is_read_from_the_title(self):
        found = read_posting(title="Software Engineer, Backend").role_family
        assert found.value == {"family": "software_engineering", "specialism": "backend"} and found.source == "structured"

    @pytest.mark.parametrize(
        "text",
        [
            "Travel up to 25% required.",
            "Some travel to customer sites.",
            "Willingness to travel monthly.",
            "The role involves travel: once a quarter you spend a week with the team.",
            "You will travel to hiring events around 30 percent of the time.",
            "Remote in the US with travel to campuses in the fall.",
        ],
    )
    def test_travel_is_read(self, text):
        assert read_posting(description=text).travel is not None

    @pytest.mark.parametrize(
        "text",
        [
            "No travel required.",
            "We reimburse travel costs for the offsite? No, travel is not required.",
            "Travel costs are of course covered.",
            "Our benefits include travel insurance and travel discounts.",
        ],
    )
    def test_no_travel_is_no_travel(self, text):
        assert read_posting(description=text).travel is None


class TestLlm:
    def test_the_llms_values_fill_what_structured_fields_leave_empty_and_the_text_the_rest(self):
        reading = read_posting(
            description="We cannot sponsor visas. Must hold an active Secret clearance.",
            remote_type="hybrid",
            llm={"work_mode": "remote", "countries": ["Canada"], "visa_sponsorship": "yes"},
        )
        assert (reading.work_mode.value, reading.work_mode.source) == ("hybrid", "structured")
        assert [(v.value, v.source) for v in reading.countries] == [("CA", "llm")]
        assert (reading.visa_sponsorship.value, reading.visa_sponsorship.source) == ("yes", "llm")
        assert reading.citizenship_or_clearance_required.source == "description"


def test_every_value_says_where_it_was_read():
    reading = read_posting(
        title="Senior Backend Engineer", location="Berlin, Germany (Hybrid)", description="You have 5+ years of experience. We cannot sponsor visas."
    ).as_json()
    sources = {reading["work_mode"]["source"], reading["visa_sponsorship"]["source"], reading["seniority"]["source"], reading["countries"][0]["source"]}
    assert sources <= {"structured", "llm", "location", "description"}


def test_reading_a_realistic_posting_takes_under_two_milliseconds():
    # given a 450-word posting (three times a typical description), read once to load the data
    text = (
        "We are Acme, a fintech building payment rails across Europe. As a Senior Backend Engineer you will design APIs in "
        "Python and Go, run PostgreSQL at scale and mentor two engineers. You have 5+ years of experience with distributed "
        "systems. This is a hybrid role: 2 days a week in our Berlin office. Candidates must be based in Germany and have the "
        "right to work in the EU; unfortunately we are unable to offer visa sponsorship. Salary 80,000–95,000 EUR. Occasional "
        "travel to our Lisbon hub. We offer a learning budget, flexible hours and 30 days of holiday. "
    ) * 3
    read_posting(title="Senior Backend Engineer", location="Berlin, Germany (Hybrid)", description=text)
    # when
    started = time.perf_counter()
    for n in range(50):
        read_posting(title="Senior Backend Engineer", location="Berlin, Germany (Hybrid)", description=text + str(n))
    per_posting = (time.perf_counter() - started) / 50
    # then (generous against a busy machine: measured ~1 ms, docs/matching.md)
    assert per_posting < 0.006
