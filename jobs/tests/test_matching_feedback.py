"""Feedback that sticks: reasons with hidden/rejected, the blocklist, learned preferences, and the refresh."""

import pytest
from django.core.exceptions import ValidationError

from jobs.matching.blocklist import MAX_BLOCKLIST_ENTRIES, match_blocklist_get, match_blocklist_set
from jobs.matching.feedback import learned_preferences_recompute
from jobs.matching.reextract import jobs_reextract
from jobs.matching.refresh import matches_refresh
from jobs.matching.selectors import candidate_get
from jobs.matching.services import match_status_set
from jobs.models import Job, LearnedPreferences, Match
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db


class TestBlocklist:
    def test_it_is_empty_until_set_and_a_put_replaces_it(self, user):
        assert match_blocklist_get(user_id=user.pk) == {"companies": [], "keywords": []}
        match_blocklist_set(user_id=user.pk, companies=["Acme", "ACME Inc.", " Globex "], keywords=["Crypto", "crypto", "intern"])
        assert match_blocklist_get(user_id=user.pk) == {"companies": ["Acme", "Globex"], "keywords": ["Crypto", "intern"]}
        match_blocklist_set(user_id=user.pk, companies=[], keywords=["web3"])
        assert match_blocklist_get(user_id=user.pk) == {"companies": [], "keywords": ["web3"]}

    @pytest.mark.parametrize(
        ("companies", "keywords", "field"),
        [("Acme", [], "companies"), (["Acme", ""], [], "companies"), ([1], [], "companies"), ([], [None], "keywords"),
         (["x"] * (MAX_BLOCKLIST_ENTRIES + 1), [], "companies"), ([], ["k" * 201], "keywords"), (["!!!"], [], "companies")],
    )
    def test_anything_but_lists_of_non_empty_strings_within_the_limits_is_refused(self, user, companies, keywords, field):
        with pytest.raises(ValidationError) as error:
            match_blocklist_set(user_id=user.pk, companies=companies, keywords=keywords)
        assert field in error.value.message_dict

    def test_a_blocked_job_is_never_matched_and_its_open_match_disappears_at_the_next_refresh(self, user):
        # given two good jobs, both matched, one of them applied to
        f.candidate_profile(user)
        acme, globex, applied = f.job(f.STRONG_JOB, company="ACME Inc."), f.job(f.STRONG_JOB, company="Globex"), f.job(f.STRONG_JOB, company="Acme")
        matches_refresh(user_id=user.pk)
        Match.objects.filter(job=applied).update(status="applied")
        assert Match.objects.filter(user=user).count() == 3
        # when the user blocks Acme and refreshes
        match_blocklist_set(user_id=user.pk, companies=["acme"], keywords=[])
        result = matches_refresh(user_id=user.pk)
        # then the open Acme match is gone, the applied one stays, Globex is rescored
        assert set(Match.objects.filter(user=user).values_list("job_id", flat=True)) == {globex.pk, applied.pk}
        assert result.matches_created == 0 and not Match.objects.filter(job=acme).exists()

    def test_a_title_keyword_blocks_new_jobs(self, user):
        f.candidate_profile(user)
        match_blocklist_set(user_id=user.pk, companies=[], keywords=["crypto"])
        f.job(f.STRONG_JOB, title="Senior Backend Engineer, Crypto Exchange")
        kept = f.job(f.STRONG_JOB)
        matches_refresh(user_id=user.pk)
        assert list(Match.objects.filter(user=user).values_list("job_id", flat=True)) == [kept.pk]


class TestReasons:
    def test_a_reason_is_recorded_with_hidden_or_rejected_and_cleared_when_the_match_reopens(self, user):
        f.candidate_profile(user)
        match = f.match(user, f.job(f.STRONG_JOB))
        match = match_status_set(match=match, status="hidden", reason="salary")
        assert match.feedback_reason == "salary"
        match = match_status_set(match=match, status="matched")
        assert match.feedback_reason == ""

    @pytest.mark.parametrize(("status", "reason"), [("hidden", "too_far"), ("applied", "salary"), ("interested", "other")])
    def test_an_unknown_reason_or_a_reason_with_another_status_is_refused(self, user, status, reason):
        match = f.match(user, f.job(f.STRONG_JOB))
        with pytest.raises(ValidationError) as error:
            match_status_set(match=match, status=status, reason=reason)
        assert "reason" in error.value.message_dict
        match.refresh_from_db()
        assert match.status == "matched"

    def test_company_puts_the_company_on_the_blocklist(self, user):
        f.candidate_profile(user)
        match = f.match(user, f.job(f.STRONG_JOB, company="Initech LLC"))
        match_status_set(match=match, status="rejected", reason="company")
        assert match_blocklist_get(user_id=user.pk)["companies"] == ["Initech LLC"]
        # a second job of the same company, spelled differently, is never matched
        f.job(f.STRONG_JOB, company="INITECH")
        matches_refresh(user_id=user.pk)
        assert not Match.objects.filter(user=user, job__company="INITECH").exists()


class TestLearnedPreferences:
    def test_a_reason_given_three_times_teaches_the_score_and_twice_does_not(self, user):
        # given a user with a 100k minimum who rejects jobs paying up to 120k for pay, and hybrid jobs for location
        f.candidate_profile(user, work_modes=["remote", "hybrid"])
        paid = [f.job(f.STRONG_JOB, salary_min=100_000, salary_max=top) for top in (110_000, 115_000, 120_000)]
        hybrid = [f.job(f.STRONG_JOB, remote_type="hybrid") for _ in range(2)]
        for job in paid:
            match_status_set(match=f.match(user, job), status="rejected", reason="salary")
        for job in hybrid:
            match_status_set(match=f.match(user, job), status="hidden", reason="location")
        # then the salary floor moved (5 % above the best pay they turned down) and the work mode did not
        values = LearnedPreferences.objects.get(user=user).values
        assert values["salary_floor"] == 126_000 and values["avoid_modes"] == []
        assert candidate_get(user_id=user.pk).features.learned.salary_floor == 126_000
        # when a third hybrid job is hidden for location
        match_status_set(match=f.match(user, f.job(f.STRONG_JOB, remote_type="hybrid")), status="hidden", reason="location")
        assert LearnedPreferences.objects.get(user=user).values["avoid_modes"] == ["hybrid"]

    def test_a_job_paying_the_old_minimum_now_scores_lower_but_is_never_blocked(self, user):
        f.candidate_profile(user)
        job = f.job(f.STRONG_JOB, salary_min=100_000, salary_max=110_000)
        before = candidate_get(user_id=user.pk).features
        LearnedPreferences.objects.create(user=user, values={"salary_floor": 150_000})
        after = candidate_get(user_id=user.pk).features
        from jobs.matching import scoring
        from jobs.matching.features import job_features_of

        features = job_features_of(job)
        assert scoring.score(after, features) < scoring.score(before, features)
        assert scoring.reasoning(after, features)["blockers"] == []

    def test_recomputing_without_reasons_stores_nothing_learned(self, user):
        f.candidate_profile(user)
        values = learned_preferences_recompute(user_id=user.pk)
        assert values["counts"] == {} and "salary_floor" not in values


def test_the_candidate_with_blocklist_and_learned_preferences_is_one_query(user, django_assert_num_queries):
    f.candidate_profile(user)
    match_blocklist_set(user_id=user.pk, companies=["Acme"], keywords=[])
    LearnedPreferences.objects.create(user=user, values={"avoid_modes": ["onsite"]})
    with django_assert_num_queries(1):
        features = candidate_get(user_id=user.pk).features
    assert features.blocked_companies == {"acme"} and features.learned.avoid_modes == {"onsite"}


def test_reextracting_recomputes_every_jobs_eligibility_in_batches(user):
    # given jobs stored before their eligibility was read
    jobs = [
        f.job(f.STRONG_JOB, title="Backend Engineer", location="Remote (US only)", eligible_regions=[], description="We cannot sponsor visas.")
        for _ in range(5)
    ]
    Job.objects.update(places=[], sponsorship="unknown", eligibility={}, role_family="")
    progress = []
    # when
    done = jobs_reextract(batch_size=2, progress=lambda d, t: progress.append((d, t)))
    # then
    assert done == 5 and progress == [(2, 5), (4, 5), (5, 5)]
    for job in Job.objects.filter(pk__in=[j.pk for j in jobs]):
        assert (job.places, job.sponsorship, job.role_family) == (["US"], "no", "software_engineering")
        assert job.eligibility["visa_sponsorship"] == {"value": "no", "source": "description"}


def test_blocked_matches_stay_below_the_default_min_score_unless_asked_for(user):
    # given a good match and a job held back by a blocker (US-only for someone who may work in the EU)
    f.candidate_profile(user, eligible_regions=["EU"])
    good = f.job(f.STRONG_JOB)
    blocked = f.job(f.STRONG_JOB, eligible_regions=["US"], location="Remote (US only)")
    matches_refresh(user_id=user.pk)
    held = Match.objects.get(user=user, job=blocked)
    assert held.score == 35.0 and held.reasoning["blockers"][0]["code"] == "region"
    assert held.analysis.startswith("Not for you: the job is US-only and you can work in the EU.")
    # when / then
    from jobs.matching.selectors import match_list

    assert [m.job_id for m in match_list(user=user)] == [good.pk]
    assert [m.job_id for m in match_list(user=user, include_blocked=True)] == [good.pk, blocked.pk]
