"""The bulk refresh of one user's matches, its lock and its state (run in-process here; on a real
worker in test_matching_worker.py)."""

import pytest

from jobs.matching import refresh_state, scoring
from jobs.matching.features import job_features_of
from jobs.matching.refresh import matches_refresh
from jobs.matching.selectors import candidate_get
from jobs.matching.services import match_refresh_run
from jobs.models import Match
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_stores_the_jobs_worth_keeping_with_their_reasoning_and_analysis(user):
    # given
    f.candidate_profile(user, scoring_version=3)
    strong, weak = f.job(f.STRONG_JOB), f.job(f.WEAK_JOB)
    # when
    result = matches_refresh(user_id=user.pk)
    # then
    assert result.as_dict() == {"matches_created": 1, "matches_updated": 0, "total_jobs_processed": 2}
    match = Match.objects.get(user=user)
    assert match.job_id == strong.pk and not Match.objects.filter(job=weak).exists()
    assert (match.score, match.status, match.scoring_version) == (99.2, "matched", 3)
    assert match.reasoning == scoring.reasoning(candidate_get(user_id=user.pk).features, job_features_of(strong))
    assert match.reasoning["matching_skills"] == ["Python", "Django", "PostgreSQL"]
    assert match.analysis.startswith("This is a strong match (99.2/100).")


def test_an_existing_match_is_rescored_even_below_the_threshold_and_keeps_the_users_data(user):
    # given a match the user applied to, with a cover letter, for a job that no longer fits
    f.candidate_profile(user)
    job = f.job(f.WEAK_JOB)
    match = f.match(user, job, score=90, status="applied", cover_letter="Dear team", cv_highlights=["Led a team"])
    # when
    result = matches_refresh(user_id=user.pk)
    # then
    assert (result.matches_created, result.matches_updated) == (0, 1)
    match.refresh_from_db()
    assert match.score < 20 and match.reasoning["overall_score"] == match.score
    assert (match.status, match.cover_letter, match.cv_highlights) == ("applied", "Dear team", ["Led a team"])


@pytest.mark.parametrize("status", ["rejected", "hidden"])
def test_a_rejected_or_hidden_job_is_never_rescored_nor_resuggested(user, status):
    f.candidate_profile(user)
    job = f.job(f.STRONG_JOB)
    match = f.match(user, job, score=12.0, status=status)
    result = matches_refresh(user_id=user.pk)
    assert result.as_dict() == {"matches_created": 0, "matches_updated": 0, "total_jobs_processed": 0}
    match.refresh_from_db()
    assert (match.score, match.status, match.scoring_version) == (12.0, status, 0)


def test_someone_elses_job_and_duplicate_listings_are_not_eligible(user, other_user):
    f.candidate_profile(user)
    own = f.job(f.STRONG_JOB, source="user_submitted", owner=user)
    f.job(f.STRONG_JOB, source="user_submitted", owner=other_user)
    primary = f.job(f.STRONG_JOB)
    f.job(f.STRONG_JOB, source="weworkremotely", duplicate_of=primary)
    matches_refresh(user_id=user.pk)
    assert set(Match.objects.filter(user=user).values_list("job_id", flat=True)) == {own.pk, primary.pk}


def test_a_second_run_changes_nothing_but_counts_the_matches_as_updated(user):
    f.candidate_profile(user)
    f.jobs(3, f.STRONG_JOB)
    first = matches_refresh(user_id=user.pk)
    before = list(Match.objects.order_by("job_id").values_list("id", "job_id", "score", "created_at"))
    second = matches_refresh(user_id=user.pk)
    assert (first.matches_created, second.matches_created, second.matches_updated) == (3, 0, 3)
    assert list(Match.objects.order_by("job_id").values_list("id", "job_id", "score", "created_at")) == before


def test_new_matches_are_stored_only_among_the_best_configured_number_of_jobs(user, settings):
    # given room for the best two of three jobs
    settings.MATCH_STORE_MAX_MATCHES = 2
    f.candidate_profile(user)
    best = f.job(f.STRONG_JOB)
    third = f.job(f.STRONG_JOB, remote_type="hybrid")  # work type 0.7·40 + 0.3·100 = 58 instead of 100
    second = f.job(f.STRONG_JOB, salary_min=90_000, salary_max=95_000)  # salary 90 instead of 100
    # when
    first_run = matches_refresh(user_id=user.pk)
    second_run = matches_refresh(user_id=user.pk)
    # then the best two are stored, and running again adds nothing
    assert set(Match.objects.values_list("job_id", flat=True)) == {best.pk, second.pk}
    assert (first_run.matches_created, second_run.matches_created, second_run.matches_updated) == (2, 0, 2)
    # an existing match outside the best two is still rescored, and no new one takes its place
    f.match(user, third, score=1.0)
    third_run = matches_refresh(user_id=user.pk)
    assert (third_run.matches_created, third_run.matches_updated) == (0, 3)
    assert Match.objects.get(job=third).score > 1.0


def test_the_profile_industry_years_give_the_industry_match(user):
    f.candidate_profile(user)
    f.industry_profile(user, {"fintech": 1.0, "banking": 3})
    f.job(f.STRONG_JOB, description="We are a fintech building payments APIs in Python.")
    matches_refresh(user_id=user.pk)
    # fintech: 60 + 20·1 = 80; payments is related to banking: min(70, 30 + 15·3) = 70 → best 80
    assert Match.objects.get().reasoning["industry_match_percent"] == 80.0


def test_a_user_without_a_profile_is_scored_on_neutral_features(user):
    f.job(f.STRONG_JOB)
    result = matches_refresh(user_id=user.pk)
    assert result.total_jobs_processed == 1
    assert Match.objects.get().scoring_version == 0


def test_a_user_that_no_longer_exists_gives_no_result():
    import uuid

    assert matches_refresh(user_id=uuid.uuid4()) is None


@pytest.mark.parametrize("count", [3, 60])
def test_the_queries_depend_on_the_batches_not_on_the_number_of_jobs(user, settings, count, django_assert_num_queries):
    # given batches of 1,000: 3 or 60 jobs are one batch either way (60 rows also fit one SQLite INSERT)
    settings.MATCH_REFRESH_BATCH_SIZE = 1000
    f.candidate_profile(user)
    f.jobs(count, f.STRONG_JOB)
    # candidate, existing matches, job count, one feature batch, the empty batch that ends the scan,
    # and one upsert inside the refresh's transaction (a savepoint and its release in the test's)
    with django_assert_num_queries(8):
        result = matches_refresh(user_id=user.pk)
    assert result.matches_created == count


def test_progress_is_reported_in_the_state_and_the_run_completes(user):
    f.candidate_profile(user)
    f.jobs(2, f.STRONG_JOB)
    seen = []
    result = match_refresh_run(user_id=user.pk, on_progress=lambda percentage, message: seen.append(percentage))
    assert result.matches_created == 2
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    state = refresh_state.refresh_state_get(user_id=user.pk)
    assert (state["status"], state["message"], state["progress"]) == ("completed", "Found 2 matches (2 new)", 100)
    assert refresh_state.refresh_lock_acquire(user_id=user.pk) is not None  # released


def test_a_run_whose_lock_another_run_holds_does_nothing(user):
    f.candidate_profile(user)
    f.job(f.STRONG_JOB)
    theirs = refresh_state.refresh_lock_acquire(user_id=user.pk)
    assert match_refresh_run(user_id=user.pk, token="not-the-holder") is None
    assert match_refresh_run(user_id=user.pk) is None  # the command's way: no token, lock busy
    assert not Match.objects.exists()
    assert match_refresh_run(user_id=user.pk, token=theirs).matches_created == 1


def test_a_failing_refresh_is_recorded_and_releases_the_lock(user, monkeypatch):
    # given a refresh whose job batch cannot be read
    from django.db import DatabaseError

    from jobs.matching import refresh

    def broken(**kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(refresh, "eligible_job_list", broken)
    token = refresh_state.refresh_lock_acquire(user_id=user.pk)
    # when
    assert match_refresh_run(user_id=user.pk, token=token) is None
    # then
    state = refresh_state.refresh_state_get(user_id=user.pk)
    assert (state["status"], state["message"]) == ("failed", "Match refresh failed: Database connection error")
    assert refresh_state.refresh_lock_acquire(user_id=user.pk) is not None
