"""New jobs scored for everyone (issue 19): the vectorised score is the pure function's, a chunk stores
only what reaches MATCH_STORE_MIN_SCORE, runs twice without effect, and a scrape's new jobs reach everyone."""

from datetime import UTC, datetime

import pytest

from bench import _synthetic
from jobs.matching import fanout, scoring, vectorized
from jobs.matching.features import FEATURE_COLUMNS, candidate_features_of, job_features_from_row
from jobs.models import Job, Match, MatchStatus, ScrapeLog
from jobs.tests import factories as f
from profiles.models import Profile


def _population(candidates: int, jobs: int) -> tuple[list, list]:
    """Realistic job seekers (some with a blocklist or learned preferences) and jobs read as ingestion reads them."""
    rows = list(_synthetic.JobGenerator(jobs, seed=5, prefix="fanout").rows(with_features=True))
    job_features = [job_features_from_row([n + 1, *(row[column] for column in FEATURE_COLUMNS[1:])]) for n, row in enumerate(rows)]
    seekers = _synthetic.SeekerGenerator(candidates, seed=11)
    now = datetime.now(UTC)
    people = []
    for n in range(candidates):
        _, profile = seekers.seeker(n, now)
        learned = {}
        if n % 7 == 0:
            learned = {"salary_floor": 150_000, "avoid_modes": ["onsite"], "avoid_roles": [["software_engineering", "frontend"]],
                       "avoid_countries": ["US"], "seniority_below": True, "seniority_above": n % 2 == 0}
        blocklist = type("Blocklist", (), {"companies": [rows[n % jobs]["company"]], "keywords": ["senior"]})() if n % 11 == 0 else None
        people.append(candidate_features_of(profile=Profile(**profile), industry_years=None, blocklist=blocklist, learned=learned))
    return people, job_features


def test_the_vectorised_score_is_the_pure_functions_to_the_last_bit_on_every_pair():
    # given 300 job seekers and 150 jobs
    people, jobs = _population(300, 150)
    plain = [person for person in people if not (person.blocked_companies or person.blocked_keywords)]
    scorer = vectorized.BatchScorer(plain, jobs)
    # when every pair is scored both ways
    for j, job in enumerate(jobs):
        blocked, raw = scorer.unrounded(j)
        for c, person in enumerate(plain):
            pure_blocked, penalty = scoring.limits(person, job)
            # then the same blocker verdict and the same double before rounding
            assert bool(blocked[c]) == pure_blocked
            assert raw[c] == max(0.0, scoring._weighted(person, job) - penalty), (c, j)


@pytest.mark.parametrize("threshold", [40.0, 60.0, 30.0])
def test_the_pairs_kept_are_exactly_those_the_pure_function_keeps(threshold):
    # given job seekers and jobs of every kind; when kept by the vectorised path; then exactly the pure function's pairs
    people, jobs = _population(200, 120)
    expected = sorted((c, j) for c, person in enumerate(people) for j, job in enumerate(jobs) if scoring.ranked(person, job)[0] >= threshold)
    assert sorted(vectorized.kept(people, jobs, threshold=threshold)) == expected
    assert expected  # the population does reach the threshold


# --- The chunk -----------------------------------------------------------------------------------


@pytest.fixture
def seekers(make_user):
    """Three job seekers: a backend engineer (PROFILE), a salesperson, a designer who needs a visa."""
    backend = make_user(email="backend@example.com")
    f.candidate_profile(backend)
    sales = make_user(email="sales@example.com")
    f.candidate_profile(sales, skills=["Salesforce"], target_roles=["Account Executive"], current_role="Account Executive")
    designer = make_user(email="designer@example.com")
    f.candidate_profile(designer, skills=["Figma"], target_roles=["Product Designer"], current_role="Designer", needs_visa_sponsorship=True, eligible_regions=[])
    make_user(email="no-profile@example.com")
    return [backend, sales, designer]


@pytest.fixture
def new_jobs(db):
    return [
        f.job(f.STRONG_JOB),
        f.job(f.WEAK_JOB),
        f.job(f.STRONG_JOB, title="Backend Developer", eligible_regions=["UK"]),
        f.job(title="Account Executive", description="Sell to mid-market teams.", tags=["Salesforce"], remote_type="remote"),
        f.job(title="Product Designer", description="Figma all day. Visa sponsorship available.", tags=["Figma"], remote_type="remote"),
    ]


def test_job_ids_travel_as_runs_of_consecutive_ids():
    runs = fanout.id_runs([3, 4, 5, 9, 11, 12])
    assert runs == [[3, 5], [9, 9], [11, 12]]
    assert fanout.ids_of_runs(runs) == [3, 4, 5, 9, 11, 12]


def _everyone(job_ids) -> fanout.FanoutResult:
    (first, last), = fanout.user_ranges(size=100)
    return fanout.matches_fanout_chunk(job_ids=job_ids, first_user_id=first, last_user_id=last)


@pytest.mark.django_db
def test_a_chunk_stores_the_pure_scorers_matches_at_or_above_the_threshold_and_nothing_else(seekers, new_jobs, settings):
    from jobs.matching.features import job_features_of
    from jobs.matching.selectors import candidate_get

    # when the new jobs are fanned out to everyone
    result = _everyone([job.pk for job in new_jobs])
    # then each stored match is what the pure scorer says, and every pair it keeps is stored
    expected = {}
    for user in seekers:
        candidate = candidate_get(user_id=user.pk)
        for job in new_jobs:
            why = scoring.reasoning(candidate.features, job_features_of(Job.objects.get(pk=job.pk)))
            if why["overall_score"] >= settings.MATCH_STORE_MIN_SCORE:
                expected[(user.pk, job.pk)] = why
    stored = {(m.user_id, m.job_id): m for m in Match.objects.all()}
    assert set(stored) == set(expected) and len(expected) >= 3
    for key, match in stored.items():
        assert match.reasoning == expected[key] and match.score == expected[key]["overall_score"]
        assert match.status == MatchStatus.MATCHED and match.scoring_version == 0 and match.analysis
    assert (result.users, result.jobs, result.matches_kept) == (3, 5, len(expected))


@pytest.mark.django_db
def test_a_job_closed_before_its_chunk_runs_is_neither_queued_nor_scored(seekers, new_jobs):
    from django.utils import timezone

    # given the strong job left its board after the scrape that added it
    strong = new_jobs[0]
    Job.objects.filter(pk=strong.pk).update(closed_at=timezone.now())
    ids = [job.pk for job in new_jobs]
    # when the fan-out is asked for and a chunk runs with every id
    queued_ids = fanout.fanout_job_ids(ids)
    result = _everyone(ids)
    # then the closed job is left out of both, and nobody got a match for it
    assert strong.pk not in queued_ids and len(queued_ids) == len(ids) - 1
    assert result.jobs == len(ids) - 1
    assert not Match.objects.filter(job=strong).exists() and Match.objects.exists()


@pytest.mark.django_db
def test_a_chunk_run_twice_changes_nothing_and_leaves_existing_matches_as_they_are(seekers, new_jobs):
    backend = seekers[0]
    # given the backend engineer already hid the strong job
    hidden = Match.objects.create(user=backend, job=new_jobs[0], score=12.0, status=MatchStatus.HIDDEN, reasoning={})
    ids = [job.pk for job in new_jobs]
    # when the chunk runs twice
    _everyone(ids)
    first = sorted(Match.objects.values_list("user_id", "job_id", "score", "status", "updated_at"))
    _everyone(ids)
    # then the second run wrote nothing, and the hidden match is untouched
    assert sorted(Match.objects.values_list("user_id", "job_id", "score", "status", "updated_at")) == first
    hidden.refresh_from_db()
    assert (hidden.status, hidden.score) == (MatchStatus.HIDDEN, 12.0)


@pytest.mark.django_db
def test_a_chunk_costs_the_same_queries_for_3_users_or_30(seekers, new_jobs, make_user, django_assert_num_queries):
    ids = [job.pk for job in new_jobs]
    (first, last), = fanout.user_ranges(size=100)
    # 1: the candidates, 2: the jobs' features, 3: a savepoint (the transaction), 4: the temporary table,
    # 5: COPY into it, 6: INSERT ... ON CONFLICT DO NOTHING from it, 7: dropping it, 8: releasing the savepoint
    with django_assert_num_queries(8):
        fanout.matches_fanout_chunk(job_ids=ids, first_user_id=first, last_user_id=last)
    Match.objects.all().delete()
    for n in range(27):
        f.candidate_profile(make_user(email=f"more{n}@example.com"))
    (first, last), = fanout.user_ranges(size=100)
    with django_assert_num_queries(8):
        fanout.matches_fanout_chunk(job_ids=ids, first_user_id=first, last_user_id=last)
    assert Match.objects.values("user").distinct().count() > 20


@pytest.mark.django_db
def test_the_request_queues_a_task_per_user_range_and_job_batch_and_skips_duplicates_and_users_jobs(
    seekers, new_jobs, settings, user, django_capture_on_commit_callbacks
):
    settings.MATCH_FANOUT_USERS_PER_TASK = 2
    settings.MATCH_FANOUT_JOBS_PER_TASK = 3
    duplicate = f.job(f.STRONG_JOB, duplicate_of=new_jobs[0])
    own = f.job(f.STRONG_JOB, owner=user, title="My own posting")
    # when the fan-out is requested (tasks run in process once the transaction commits)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = fanout.matches_fanout_request(job_ids=[job.pk for job in [*new_jobs, duplicate, own]])
    # then 2 user ranges (3 seekers) × 2 job batches (5 jobs), and every seeker got their strong matches
    assert queued == 4 and len(callbacks) == 4
    assert Match.objects.filter(job__in=[duplicate, own]).count() == 0
    assert Match.objects.filter(user=seekers[0], job=new_jobs[0]).exists()
    assert Match.objects.filter(user=seekers[1], job=new_jobs[3]).exists()


@pytest.mark.django_db
def test_a_scrape_that_adds_jobs_scores_them_for_everyone_with_a_profile(auth_client, user, all_boards_serving, django_capture_on_commit_callbacks):
    # given a backend engineer and no jobs yet
    f.candidate_profile(user, target_roles=["Software Engineer"], eligible_regions=["Worldwide"], work_modes=[], employment_types=[])
    # when a scrape stores new jobs
    with django_capture_on_commit_callbacks(execute=True):
        body = auth_client.post("/api/v1/jobs/refresh").json()
    assert ScrapeLog.objects.get(pk=body["scrape_log_id"]).jobs_created == 9
    # then the user has matches for the new jobs without asking for a refresh
    assert Match.objects.filter(user=user).exists()
    assert all(score >= 40 for score in Match.objects.filter(user=user).values_list("score", flat=True))

