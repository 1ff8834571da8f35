"""The scoring function, component by component, against hand-computed expectations."""

import pytest

from jobs.eligibility import gazetteer, roles
from jobs.matching import scoring as s


def candidate(**overrides):
    fields = dict(
        skills=["Python", "Django", "postgres", "React"],
        target_roles=["Backend Engineer"],
        current_role="Software Developer",
        experience_years=4,
        work_modes=["remote"],
        employment_types=["full_time"],
        min_salary=100_000,
        salary_currency="USD",
        eligible_regions=["US"],
        needs_visa_sponsorship=False,
        industry_years={"fintech": 1.5},
    )
    fields.update(overrides)
    return s.candidate_features(**fields)


def job(**overrides):
    """JobFeatures in the words a posting uses: `eligible_regions` names places, `remote_type` and
    `job_type` are the canonical values, `visa_sponsorship` 1/0/None."""
    fields = dict(
        id=1,
        title="Senior Backend Engineer",
        skills=["Python", "PostgreSQL", "Docker", "Kubernetes"],
        required_years=None,
        remote_type="remote",
        job_type="full_time",
        eligible_regions=["USA"],
        visa_sponsorship=None,
        salary_min=90_000,
        salary_max=130_000,
        salary_currency="USD",
        industries=["fintech"],
    )
    fields.update(overrides)
    role = roles.role_of(fields["title"])
    level = overrides.get("seniority_level", roles.title_level(fields["title"]))
    return s.job_features(
        id=fields["id"],
        title=fields["title"],
        skills=fields["skills"],
        required_years=fields["required_years"],
        work_mode=fields["remote_type"],
        employment_types=[fields["job_type"]] if fields["job_type"] else [],
        places=fields["places"] if "places" in fields else sorted(gazetteer.codes_of(fields["eligible_regions"])),
        cities=fields.get("cities", []),
        sponsorship={1: "yes", 0: "no"}.get(fields["visa_sponsorship"], "unknown"),
        authorization=fields.get("authorization", ""),
        seniority_level=level,
        role_family=role.family if role else "",
        role_specialism=role.specialism if role else "",
        travel=fields.get("travel", False),
        salary_min=fields["salary_min"],
        salary_max=fields["salary_max"],
        salary_currency=fields["salary_currency"],
        industries=fields["industries"],
        company=fields.get("company", "Acme"),
    )


class TestSkills:
    def test_it_counts_the_share_of_the_jobs_skills_the_candidate_has_through_aliases(self):
        # Python and PostgreSQL (as "postgres") of 4 → 50
        assert s.skill_score(candidate(), job()) == 50.0

    def test_a_long_skill_list_is_capped_at_eight(self):
        many = ["Python", "Django", "React", "PostgreSQL", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]
        # 4 matched / min(12, 8) → 50
        assert s.skill_score(candidate(), job(skills=many)) == 50.0

    def test_a_job_without_skills_is_neutral(self):
        assert s.skill_score(candidate(), job(skills=[])) == 50.0

    def test_k8s_and_js_match_their_full_names(self):
        assert s.skill_score(candidate(skills=["k8s", "js"]), job(skills=["Kubernetes", "JavaScript"])) == 100.0


class TestTitle:
    def test_a_target_role_fully_inside_the_title_scores_by_coverage_and_jaccard(self):
        # same family and specialism (backend): 60 + 40·words, where words for role {back-end, developer}
        # (engineer ≡ developer) in title {senior, back-end, developer} is 0.7·(2/2) + 0.3·(2/3) = 0.9 → 96
        assert s.title_score(candidate(), job()) == pytest.approx(96.0)

    def test_the_best_role_wins(self):
        # current role "Software Developer" vs "Software Developer": 0.7 + 0.3 = 100
        assert s.title_score(candidate(), job(title="Software Developer")) == pytest.approx(100.0)

    def test_no_roles_is_neutral_and_an_unrelated_title_is_zero(self):
        assert s.title_score(candidate(target_roles=[], current_role=""), job()) == 50.0
        assert s.title_score(candidate(), job(title="Account Executive")) == 0.0


class TestExperience:
    def test_the_title_implies_five_years_for_senior_and_four_is_short(self):
        # need 5 (senior), have 4 → 100·5/6
        assert s.experience_score(candidate(), job()) == pytest.approx(500 / 6)

    def test_enough_years_is_full_marks(self):
        assert s.experience_score(candidate(experience_years=7), job(required_years=5)) == 100.0

    def test_unknown_requirement_and_unknown_candidate(self):
        assert s.experience_score(candidate(), job(title="Backend Engineer", required_years=None)) == 75.0
        assert s.experience_score(candidate(experience_years=None), job(required_years=3)) == 50.0

    def test_the_candidates_seniority_stands_in_for_missing_years(self):
        assert s.experience_score(candidate(experience_years=None, seniority="senior"), job(required_years=5)) == 100.0

    @pytest.mark.parametrize(
        "text, years",
        [("5+ years of Python", 5), ("3-5 years experience", 3), ("at least 4 years", 4), ("7 years of professional experience", 7), ("no number", None),
         ("Minimum 3 years in backend", 3), ("minimum of 6 years", 6), ("min. 2 yrs", 2)],
    )
    def test_required_years_are_parsed_from_text(self, text, years):
        assert s.required_years_from_text(text) == years


class TestWorkType:
    def test_a_matching_mode_and_type_is_100(self):
        assert s.work_type_score(candidate(), job()) == 100.0

    def test_hybrid_for_a_remote_seeker_and_a_contract(self):
        # 0.7·40 + 0.3·30 = 37
        assert s.work_type_score(candidate(), job(remote_type="hybrid", job_type="contract")) == pytest.approx(37.0)

    def test_no_preferences_are_neutral(self):
        assert s.work_type_score(candidate(work_modes=[], employment_types=[]), job()) == 75.0


class TestLocation:
    def test_worldwide_and_overlapping_regions_are_100(self):
        assert s.location_score(candidate(), job(eligible_regions=["Worldwide"])) == 100.0
        assert s.location_score(candidate(), job(eligible_regions=["North America"])) == 100.0

    def test_a_country_counts_inside_its_region(self):
        assert s.location_score(candidate(eligible_regions=["Germany"]), job(eligible_regions=["EU"])) == 100.0

    def test_a_region_the_candidate_cannot_work_in_scores_low_and_visa_decides(self):
        abroad = dict(eligible_regions=["EU"])
        assert s.location_score(candidate(needs_visa_sponsorship=True), job(**abroad, visa_sponsorship=0)) == 0.0
        assert s.location_score(candidate(needs_visa_sponsorship=True), job(**abroad, visa_sponsorship=None)) == 20.0
        assert s.location_score(candidate(needs_visa_sponsorship=True), job(**abroad, visa_sponsorship=1)) == 70.0

    def test_a_preferred_country_needing_a_visa_is_decided_by_the_jobs_sponsorship(self):
        # given: prefers Germany, may work in the US, needs sponsorship
        wants_germany = candidate(preferred_countries=["Germany"], eligible_regions=["US"], needs_visa_sponsorship=True)
        germany = dict(eligible_regions=["Germany"])
        # when / then: a Germany-only job is abroad for them
        assert s.location_score(wants_germany, job(**germany, visa_sponsorship=0)) == 0.0
        assert s.location_score(wants_germany, job(**germany, visa_sponsorship=None)) == 20.0
        assert s.location_score(wants_germany, job(**germany, visa_sponsorship=1)) == 70.0
        # and a job in a region they may work in is still a full match
        assert s.location_score(wants_germany, job(eligible_regions=["USA"], visa_sponsorship=0)) == 100.0

    def test_a_preferred_country_without_a_visa_need_is_a_full_match(self):
        # given: prefers Germany, eligible only in the US, needs no sponsorship
        wants_germany = candidate(preferred_countries=["Germany"], eligible_regions=["US"], needs_visa_sponsorship=False)
        # when / then: even a job that refuses sponsorship fits, and Germany counts inside the EU
        assert s.location_score(wants_germany, job(eligible_regions=["Germany"], visa_sponsorship=0)) == 100.0
        assert s.location_score(wants_germany, job(eligible_regions=["EU"], visa_sponsorship=0)) == 100.0

    def test_preferred_countries_alone_are_known_regions(self):
        # given: no eligible regions, only a preferred country
        wants_germany = candidate(preferred_countries=["Germany"], eligible_regions=[], needs_visa_sponsorship=True)
        # when / then: the job is judged against it rather than scored "unknown" (60)
        assert s.location_score(wants_germany, job(eligible_regions=["Germany"], visa_sponsorship=0)) == 0.0
        assert s.location_score(candidate(preferred_countries=["Germany"], eligible_regions=[]), job(eligible_regions=["Germany"])) == 100.0

    def test_unknowns(self):
        assert s.location_score(candidate(), job(eligible_regions=[])) == 70.0
        assert s.location_score(candidate(eligible_regions=[]), job()) == 60.0


class TestSalary:
    def test_a_range_reaching_the_minimum_is_100(self):
        assert s.salary_score(candidate(), job()) == 100.0

    def test_below_the_minimum_falls_linearly_to_zero_at_half(self):
        # top 75k vs min 100k: 100·(75k−50k)/50k = 50
        assert s.salary_score(candidate(), job(salary_min=60_000, salary_max=75_000)) == pytest.approx(50.0)
        assert s.salary_score(candidate(), job(salary_min=None, salary_max=40_000)) == 0.0

    def test_unknown_or_foreign_salary_is_likely_fine_and_no_minimum_is_100(self):
        # a posting that states no pay is graded as fine (bench/data/matching/RULES.md), below one that meets the minimum
        assert s.salary_score(candidate(), job(salary_min=None, salary_max=None)) == 75.0
        assert s.salary_score(candidate(), job(salary_currency="EUR")) == 75.0
        assert s.salary_score(candidate(min_salary=None), job(salary_max=1)) == 100.0


def test_the_overall_score_is_the_weighted_sum_less_the_caveats():
    # skills 50, title 96, experience 83.33, work type 100, location 100, salary 100; four years is
    # mid-level and the job is senior: one level above, a caveat of 8 points
    expected = 0.35 * 50 + 0.20 * 96 + 0.15 * (500 / 6) + 0.10 * 100 + 0.10 * 100 + 0.10 * 100 - 8
    assert s.score(candidate(), job()) == round(expected, 1) == 71.2


def test_the_reasoning_object_has_the_seed_fields_and_the_limits():
    reasoning = s.reasoning(candidate(), job())
    assert reasoning["overall_score"] == 71.2
    assert reasoning["matching_skills"] == ["Python", "PostgreSQL"]
    assert reasoning["missing_skills"] == ["Docker", "Kubernetes"]
    assert reasoning["weights"] == {"skills": 0.35, "title": 0.2, "experience": 0.15, "work_type": 0.1, "location": 0.1, "salary": 0.1}
    assert set(reasoning) >= {"skill_score", "title_score", "experience_score", "work_type_score", "location_score", "salary_score"}
    assert reasoning["blockers"] == []
    assert reasoning["caveats"] == [{"code": "seniority", "detail": "the job is one level above yours (a senior role)"}]


def test_scoring_is_deterministic():
    assert s.reasoning(candidate(), job()) == s.reasoning(candidate(), job())


class TestIndustryMatch:
    def test_exact_industry_years(self):
        # 60 + 20·1.5 = 90
        assert s.industry_match(["fintech"], {"fintech": 1.5}) == 90.0
        assert s.industry_match(["fintech"], {"fintech": 5}) == 100.0

    def test_related_industry_counts_less(self):
        # banking is related to fintech: 30 + 15·2 = 60
        assert s.industry_match(["fintech"], {"banking": 2}) == 60.0
        assert s.industry_match(["fintech"], {"banking": 10}) == 70.0

    def test_no_job_industry_is_none_and_no_experience_is_zero(self):
        assert s.industry_match([], {"fintech": 3}) is None
        assert s.industry_match(["gaming"], {}) == 0.0


def test_the_analysis_reads_the_reasoning():
    text = s.analysis(s.reasoning(candidate(), job()))
    assert text.startswith("This is a good match (71.2/100). Keep in mind: the job is one level above yours (a senior role).")
    assert "You have 2 of the 4 skills it names (Python, PostgreSQL); missing Docker, Kubernetes." in text
    assert "Industry experience match: 90%." in text


def test_the_analysis_names_as_many_skills_as_it_counts():
    # given a job naming nine skills, six of which the candidate has
    have = ["Python", "Django", "PostgreSQL", "React", "Docker", "Redis"]
    missing = ["Go", "Rust", "Kafka"]
    text = s.analysis(s.reasoning(candidate(skills=have), job(skills=[*have, *missing])))
    # then the lists shown say how many more there are, so they add up to the counts
    assert "You have 6 of the 9 skills it names (Python, Django, PostgreSQL, React and 2 more); missing Go, Rust, Kafka." in text


def test_a_blocker_ending_with_a_full_stop_is_not_doubled():
    reasoning = {**s.reasoning(candidate(), job()), "blockers": [{"code": "region", "detail": "it hires in Washington D.C."}]}

    assert s.analysis(reasoning).startswith("Not for you: it hires in Washington D.C. This is")


def test_a_candidate_with_one_more_skill_scores_it():
    # Python and PostgreSQL of 4 → 50; with Docker 3 of 4 → 75
    assert s.skill_score(s.with_skill(candidate(), "docker"), job()) == 75.0
    assert s.skill_score(candidate(), job()) == 50.0


def test_a_narrower_skill_meets_a_posting_that_asks_for_the_broader_one_and_not_the_reverse():
    # given a posting asking for Python and SQL, and one asking for Django and PostgreSQL
    broad = job(skills=["Python", "SQL"])
    narrow = job(skills=["Django", "PostgreSQL"])

    # then someone who lists Django and PostgreSQL has both broad skills ...
    specialist = candidate(skills=["Django", "PostgreSQL"])
    assert s.skill_score(specialist, broad) == 100.0
    assert s.reasoning(specialist, broad)["matching_skills"] == ["Python", "SQL"]
    assert s.reasoning(specialist, broad)["missing_skills"] == []
    # ... while someone who lists Python and SQL has neither narrow one
    generalist = candidate(skills=["Python", "SQL"])
    assert s.skill_score(generalist, narrow) == 0.0
    assert s.reasoning(generalist, narrow)["missing_skills"] == ["Django", "PostgreSQL"]
    # adding a skill adds what it implies
    assert s.skill_score(s.with_skill(candidate(skills=["SQL"]), "flask"), broad) == 100.0


class TestStates:
    """Remote, but only for some states of the candidate's country: a move inside it (a caveat)."""

    WEST_COAST = ["US", "US-CA", "US-OR", "US-WA"]

    def caveats(self, person, posting):
        return [note["code"] for note in s.reasoning(person, posting)["caveats"]]

    def test_someone_in_another_state_would_have_to_move(self):
        texan = candidate(home_city="Austin", home_country="United States")
        posting = job(places=self.WEST_COAST)
        assert texan.home_state == "US-TX"
        assert posting.states == {"US-CA", "US-OR", "US-WA"} and posting.places == {"US"}
        assert {"code": "relocation", "detail": "the job asks you to live in California, Oregon or Washington"} in (
            s.reasoning(texan, posting)["caveats"]
        )
        assert s.score(texan, posting) == s.score(texan, job()) - s.CAVEAT_PENALTIES["relocation"]

    def test_someone_in_one_of_those_states_or_whose_state_is_unknown_need_not(self):
        # the region written out or as its code, or the state the city is in
        for person in (
            candidate(home_country="US", home_region="California"),
            candidate(home_country="United States", home_region="OR"),
            candidate(home_country="US", home_city="Seattle"),
            candidate(home_country="US"),  # no state known: no caveat on a guess
        ):
            assert "relocation" not in self.caveats(person, job(places=self.WEST_COAST)), person.home_state

    def test_a_remote_posting_that_names_its_office_city_restricts_no_state(self):
        texan = candidate(home_country="US", home_city="Austin")
        assert "relocation" not in self.caveats(texan, job(places=["US", "US-CA"], cities=["san francisco"]))

    def test_states_of_another_country_are_the_country_rule(self):
        # a Canadian province for someone in the US who may not work in Canada is a region blocker, not a move
        texan = candidate(home_country="US", home_city="Austin")
        posting = job(places=["CA", "CA-ON"], eligible_regions=["Canada"])
        assert texan.home_state == "US-TX" and posting.states == {"CA-ON"}
        assert [note["code"] for note in s.reasoning(texan, posting)["blockers"]] == ["region"]
