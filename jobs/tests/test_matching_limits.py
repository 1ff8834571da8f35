"""Blockers cap the score below the default min_score; caveats lower it and never block."""

import pytest

from jobs.matching import scoring as s
from jobs.tests.test_matching_scoring import candidate, job


def limits(c, j):
    why = s.reasoning(c, j)
    return [b["code"] for b in why["blockers"]], [c_["code"] for c_ in why["caveats"]], why


def mid():
    # a mid-level backend engineer (experience 4 years → level 2), so a plain "Backend Engineer" is at their level
    return dict(title="Backend Engineer", seniority_level=2)


class TestBlockers:
    def test_a_job_restricted_to_where_the_candidate_may_not_work_is_a_region_blocker_and_named_first(self):
        # given: she may work in the EU; the job is US-only and does not sponsor
        c = candidate(eligible_regions=["EU"])
        blockers, _, why = limits(c, job(eligible_regions=["USA"], **mid()))
        # then
        assert blockers == ["region"] and why["overall_score"] <= s.BLOCKER_CEILING
        assert s.analysis(why).startswith("Not for you: the job is US-only and you can work in the EU.")

    def test_needing_sponsorship_where_the_job_refuses_it_is_a_visa_blocker_wherever_it_is(self):
        c = candidate(eligible_regions=[], needs_visa_sponsorship=True)
        assert limits(c, job(eligible_regions=[], visa_sponsorship=0, **mid()))[0] == ["visa"]
        assert limits(c, job(eligible_regions=["USA"], visa_sponsorship=None, **mid()))[0] == ["visa"]

    def test_a_job_abroad_that_sponsors_is_a_visa_caveat_not_a_blocker(self):
        c = candidate(eligible_regions=["EU"], needs_visa_sponsorship=True)
        blockers, caveats, _ = limits(c, job(eligible_regions=["USA"], visa_sponsorship=1, **mid()))
        assert blockers == [] and "visa" in caveats

    def test_a_worldwide_job_needs_no_visa(self):
        c = candidate(eligible_regions=[], needs_visa_sponsorship=True)
        assert limits(c, job(eligible_regions=["Worldwide"], visa_sponsorship=0, **mid()))[0] == []

    def test_citizenship_of_a_country_they_cannot_work_in_or_a_needed_visa_is_a_clearance_blocker(self):
        assert limits(candidate(eligible_regions=["EU"]), job(eligible_regions=[], authorization="citizenship:US", **mid()))[0] == ["clearance"]
        visa = candidate(needs_visa_sponsorship=True)
        assert "clearance" in limits(visa, job(authorization="citizenship:US", visa_sponsorship=1, **mid()))[0]

    def test_a_clearance_to_be_held_already_blocks_and_one_to_obtain_is_a_caveat(self):
        assert limits(candidate(), job(authorization="clearance:US:secret:active", **mid()))[0] == ["clearance"]
        blockers, caveats, _ = limits(candidate(), job(authorization="clearance:US:secret", **mid()))
        assert blockers == [] and caveats == ["clearance"]

    def test_citizenship_where_they_may_work_is_only_a_caveat(self):
        blockers, caveats, _ = limits(candidate(), job(authorization="citizenship:US", **mid()))
        assert blockers == [] and caveats == ["clearance"]

    @pytest.mark.parametrize(("wants", "offered"), [(["contract"], "full_time"), (["full_time"], "contract"), (["full_time"], "internship")])
    def test_an_employment_type_they_did_not_list_is_a_blocker(self, wants, offered):
        assert limits(candidate(employment_types=wants), job(job_type=offered, **mid()))[0] == ["employment_type"]

    def test_contract_freelance_and_temporary_stand_in_for_each_other_and_openness_makes_a_caveat(self):
        blockers, caveats, _ = limits(candidate(employment_types=["contract"]), job(job_type="freelance", **mid()))
        assert blockers == [] and caveats == ["employment_type"]
        blockers, caveats, _ = limits(candidate(employment_types=["full_time", "contract"]), job(job_type="freelance", **mid()))
        assert blockers == [] and caveats == ["employment_type"]
        assert limits(candidate(employment_types=["full_time"]), job(job_type="freelance", **mid()))[0] == ["employment_type"]
        blockers, caveats, _ = limits(candidate(open_to_other_types=True), job(job_type="contract", **mid()))
        assert blockers == [] and caveats == ["employment_type"]

    def test_pay_far_below_the_minimum_is_a_blocker_and_just_under_a_caveat(self):
        # minimum 100k; "far" is more than 20 % under it
        assert limits(candidate(), job(salary_min=60_000, salary_max=79_000, **mid()))[0] == ["salary"]
        blockers, caveats, _ = limits(candidate(), job(salary_min=70_000, salary_max=85_000, **mid()))
        assert blockers == [] and caveats == ["salary"]

    @pytest.mark.parametrize(("title", "level", "code"), [("Junior Developer", 0, "blocker"), ("Principal Engineer", 4, "blocker"), ("Senior Backend Engineer", 3, "caveat"), ("Junior Backend Developer", 1, "caveat")])
    def test_seniority_two_levels_away_blocks_either_way_and_one_level_is_a_caveat(self, title, level, code):
        blockers, caveats, _ = limits(candidate(), job(title=title, seniority_level=level))
        assert ("seniority" in blockers) == (code == "blocker") and ("seniority" in caveats) == (code == "caveat")

    def test_a_level_named_by_a_target_role_is_not_too_senior(self):
        c = candidate(target_roles=["Backend Engineer", "Staff Backend Engineer"])
        assert limits(c, job(title="Staff Backend Engineer", seniority_level=4))[0] == []

    def test_another_role_family_is_a_blocker_and_its_skills_do_not_count(self):
        # given a sales job that name-drops every skill the engineer has
        stuffed = job(title="Account Executive, Developer Platform", skills=["Python", "Django", "PostgreSQL", "React"], seniority_level=2)
        blockers, _, why = limits(candidate(), stuffed)
        assert blockers == ["role_family"] and why["skill_score"] == 0.0
        assert s.analysis(why).startswith("Not for you: the job is in sales and you look for software engineering roles.")

    def test_an_adjacent_family_is_a_caveat(self):
        blockers, caveats, _ = limits(candidate(), job(title="DevOps Engineer", seniority_level=2))
        assert blockers == [] and caveats == ["role_family"]

    def test_the_blocklist_blocks_a_company_in_any_spelling_and_a_title_keyword(self):
        c = candidate(blocked_companies=["Acme"], blocked_keywords=["crypto"])
        assert limits(c, job(company="ACME Inc.", **mid()))[0] == ["blocklist"]
        assert limits(c, job(title="Backend Engineer, Crypto Exchange", seniority_level=2))[0] == ["blocklist"]
        assert s.blocklisted(c, job(company="Acme, Inc", **mid()))
        assert s.blocklisted(c, job(company="Acme S.L.", **mid())) and s.blocklisted(c, job(company="ACME Pty Ltd", **mid()))
        assert not s.blocklisted(c, job(company="Acmeville", title="Cryptography Engineer"))

    def test_any_blocker_caps_the_score_below_the_default_min_score(self):
        c = candidate(eligible_regions=["EU"], employment_types=["contract"])
        raw = s.reasoning(candidate(eligible_regions=["US"], employment_types=["full_time"]), job(**mid()))["overall_score"]
        capped = s.reasoning(c, job(**mid()))
        assert raw > 70 and capped["overall_score"] == s.BLOCKER_CEILING < 50
        assert [b["code"] for b in capped["blockers"]] == ["region", "employment_type"]
        assert s.ranked(c, job(**mid()))[1] > s.BLOCKER_CEILING  # the unblocked score is kept for ranking what is held back


class TestCaveats:
    def test_hybrid_in_their_own_city_for_a_remote_seeker_is_a_light_caveat_elsewhere_a_heavier_one(self):
        c = candidate(home_city="Austin")
        _, own, own_why = limits(c, job(remote_type="hybrid", cities=["austin"], **mid()))
        _, away, away_why = limits(c, job(remote_type="hybrid", cities=["boston"], **mid()))
        assert own == ["work_mode"] and away == ["work_mode", "relocation"]
        assert own_why["overall_score"] > away_why["overall_score"]

    def test_an_office_mode_they_did_not_ask_for_is_a_caveat_and_remote_never_is(self):
        hybrid_or_remote = candidate(home_city="Austin", work_modes=["remote", "hybrid"])
        assert limits(hybrid_or_remote, job(remote_type="onsite", cities=["austin"], **mid()))[1] == ["work_mode"]
        assert limits(hybrid_or_remote, job(remote_type="hybrid", cities=["austin"], **mid()))[1] == []
        office = candidate(home_city="Austin", work_modes=["hybrid", "onsite"])
        assert limits(office, job(remote_type="remote", **mid()))[1] == []

    def test_a_job_in_a_named_city_that_does_not_say_remote_is_worked_there(self):
        assert limits(candidate(home_city="Austin"), job(remote_type=None, cities=["boston"], **mid()))[1] == ["relocation"]

    def test_a_remote_job_for_residents_of_another_country_asks_them_to_move_unless_they_want_to(self):
        c = candidate(eligible_regions=["EU"], home_country="Germany", home_city="Berlin")
        assert limits(c, job(eligible_regions=["Spain"], **mid()))[1] == ["relocation"]
        wants_spain = candidate(eligible_regions=["EU"], home_country="Germany", preferred_countries=["Spain"])
        assert limits(wants_spain, job(eligible_regions=["Spain"], **mid()))[1] == []

    def test_travel_is_a_caveat(self):
        assert limits(candidate(), job(travel=True, **mid()))[1] == ["travel"]

    def test_caveats_add_up_and_never_block(self):
        blockers, caveats, why = limits(candidate(), job(title="Senior Backend Engineer", seniority_level=3, travel=True, salary_max=90_000))
        assert blockers == [] and sorted(caveats) == ["salary", "seniority", "travel"]
        weighted = sum(s.WEIGHTS[k] * why[f"{k if k != 'skills' else 'skill'}_score"] for k in s.WEIGHTS)
        assert why["overall_score"] == round(weighted - 8 - 6 - 6, 1)


class TestLearned:
    def test_learned_preferences_move_components_never_blockers(self):
        learned = {"salary_floor": 150_000, "avoid_modes": ["hybrid"], "avoid_roles": [["software_engineering", "backend"]], "avoid_countries": ["US"]}
        plain, taught = candidate(), candidate(learned=learned)
        j = job(remote_type="hybrid", **mid())
        assert s.salary_score(taught, j) < s.salary_score(plain, j)
        assert s.work_type_score(taught, j) < s.work_type_score(plain, j)
        assert s.title_score(taught, j) == s.title_score(plain, j) / 2
        assert s.location_score(taught, j) == 30.0
        assert s.reasoning(taught, j)["blockers"] == []

    def test_seniority_feedback_doubles_the_one_level_caveat_in_its_direction(self):
        below = job(title="Junior Backend Developer", seniority_level=1)
        assert s.ranked(candidate(learned={"seniority_below": True}), below)[0] == round(s.ranked(candidate(), below)[0] - 8, 1)


class TestCitizenshipAndClearance:
    """A profile may say which citizenships and security clearances its owner holds (docs/matching.md)."""

    def test_a_citizenship_they_hold_is_no_limit_and_lets_them_work_there(self):
        c = candidate(eligible_regions=["EU"], citizenships=["United States"])
        assert limits(c, job(eligible_regions=["USA"], authorization="citizenship:US", **mid()))[:2] == ([], [])

    def test_a_citizenship_their_profile_does_not_list_blocks_when_it_lists_others(self):
        c = candidate(citizenships=["France"], eligible_regions=["US", "EU"])
        blockers, _, why = limits(c, job(authorization="citizenship:US", **mid()))
        assert blockers == ["clearance"]
        assert why["blockers"][0]["detail"] == "the job is for US citizens only, and you are a citizen of France"

    def test_a_clearance_held_at_that_level_or_above_is_no_limit(self):
        for held in (["US Secret"], ["TS/SCI"], ["Top Secret clearance"]):
            assert limits(candidate(security_clearances=held), job(authorization="clearance:US:secret:active", **mid()))[:2] == ([], [])

    def test_a_clearance_below_the_level_or_of_another_country_still_blocks(self):
        for held in (["Public Trust"], ["UK SC"], ["NV1"]):
            blockers, _, why = limits(candidate(security_clearances=held), job(authorization="clearance:US:topsecret:active", **mid()))
            assert blockers == ["clearance"], held
            assert why["blockers"][0]["detail"].endswith("held already, and your profile lists no such clearance")

    def test_a_clearance_held_satisfies_a_job_that_names_no_level(self):
        assert limits(candidate(security_clearances=["UK DV"], eligible_regions=["UK"]), job(eligible_regions=["UK"], authorization="clearance:GB", **mid()))[:2] == ([], [])

    def test_an_entry_that_names_no_level_is_left_out(self):
        assert s.candidate_features(skills=[], security_clearances=["yes, I have one"]).clearances == frozenset()
        assert s.candidate_features(skills=[], security_clearances=["UK SC", "NV1"]).clearances == {("GB", "sc"), ("AU", "nv1")}
