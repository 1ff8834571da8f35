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


def test_the_matrix_path_scores_blocks_of_jobs_sharing_keys_as_the_pure_function_does(monkeypatch):
    # given job seekers and jobs with many shared keys (the same titles, places, salaries, skills), several jobs per
    # block and a block boundary inside the list
    people, jobs = _population(240, 40)
    jobs = [*jobs, *(job._replace(id=1000 + n) for n, job in enumerate(jobs[:20]))]
    monkeypatch.setattr(vectorized, "JOB_BLOCK", 7)
    plain = [person for person in people if not (person.blocked_companies or person.blocked_keywords)]
    # when every block is scored as a matrix, twice (the second time from the table rows kept in memory)
    for _ in range(2):
        scorer = vectorized.BatchScorer(plain, jobs)
        for start in range(0, len(jobs), vectorized.JOB_BLOCK):
            stop = min(start + vectorized.JOB_BLOCK, len(jobs))
            blocked, raw = scorer.block(start, stop)
            # then every cell is the pure function's verdict and double
            for c, person in enumerate(plain):
                for column, job in enumerate(jobs[start:stop]):
                    pure_blocked, penalty = scoring.limits(person, job)
                    assert bool(blocked[c, column]) == pure_blocked
                    assert raw[c, column] == max(0.0, scoring._weighted(person, job) - penalty), (c, start + column)


def test_the_kept_scores_are_the_pure_functions_and_the_best_per_user_are_chosen():
    # given job seekers and jobs
    people, jobs = _population(120, 60)
    # when the pairs reaching 40 are kept with their scores, then cut to each seeker's best 3
    kept = vectorized.kept_scored(people, jobs, threshold=40.0)
    best = kept.best_per_candidate(3)
    # then each score is scoring.ranked's, and each seeker keeps their 3 best (the earlier job first among equals)
    for c, j, value in zip(kept.candidates.tolist(), kept.jobs.tolist(), kept.scores, strict=True):
        assert value == scoring.ranked(people[c], jobs[j])[0]
    for c in set(kept.candidates.tolist()):
        theirs = sorted(((-value, j) for n, j, value in zip(kept.candidates.tolist(), kept.jobs.tolist(), kept.scores, strict=True) if n == c))
        chosen = sorted((-value, j) for n, j, value in zip(best.candidates.tolist(), best.jobs.tolist(), best.scores, strict=True) if n == c)
        assert chosen == theirs[:3]
    assert len(best) < len(kept)


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


# --- Reading the candidates ------------------------------------------------------------------------


@pytest.fixture
def varied_seekers(make_user):
    """Job seekers with each kind of scoring input: a profile, a parsed CV's years, industry years, a blocklist, learned preferences."""
    from jobs.matching.blocklist import match_blocklist_set
    from jobs.models import LearnedPreferences

    plain = make_user(email="plain@example.com")
    f.candidate_profile(plain)
    cv = make_user(email="cv@example.com")
    f.candidate_profile(cv, experience_years=None, parsed_cv={"years_of_experience": 7, "summary": "x"}, skill_tags=[{"name": "Go"}])
    industry = make_user(email="industry@example.com")
    f.candidate_profile(industry, citizenships=["DE"], security_clearances=["UK SC"], preferred_countries=["Canada"])
    f.industry_profile(industry, {"fintech": 4, "saas": 2})
    picky = make_user(email="picky@example.com")
    f.candidate_profile(picky, parsed_cv=["not", "an", "object"], experience_years=None)
    match_blocklist_set(user_id=picky.pk, companies=["Acme"], keywords=["senior"])
    LearnedPreferences.objects.create(user=picky, values={"avoid_modes": ["onsite"], "salary_floor": 140_000})
    return [plain, cv, industry, picky]


def _read_all():
    from jobs.matching.selectors import candidate_list

    (first, last), = fanout.user_ranges(size=100)
    return {candidate.user_id: candidate for candidate in candidate_list(first_user_id=first, last_user_id=last)}


@pytest.mark.django_db
def test_a_chunk_reads_each_candidate_as_candidate_get_does(varied_seekers):
    from jobs.matching.selectors import candidate_get

    # when a chunk's candidates are read; then each is the candidate of the single-user read, feature for feature
    read = _read_all()
    assert set(read) == {user.pk for user in varied_seekers}
    for user in varied_seekers:
        assert read[user.pk] == candidate_get(user_id=user.pk)
    assert read[varied_seekers[1].pk].features.experience_years == 7.0
    assert read[varied_seekers[3].pk].features.learned.salary_floor == 140_000


@pytest.mark.django_db
def test_a_change_to_any_scoring_input_is_read_by_the_next_chunk(varied_seekers):
    from jobs.matching.blocklist import match_blocklist_set
    from jobs.models import LearnedPreferences
    from profiles.models import IndustryProfile

    plain, cv, industry, picky = varied_seekers
    before = _read_all()
    # given a change to a profile, a parsed CV, industry years, a blocklist and learned preferences
    Profile.objects.filter(user=plain).update(skills=["Rust"], scoring_version=3)
    Profile.objects.filter(user=cv).update(parsed_cv={"years_of_experience": 2})
    IndustryProfile.objects.filter(user=industry).update(industry_years_json={"gaming": 1})
    match_blocklist_set(user_id=picky.pk, companies=[], keywords=[])
    LearnedPreferences.objects.filter(user=picky).update(values={})
    # when the next chunk reads them
    after = _read_all()
    # then each change is there
    assert after[plain.pk].features.skill_keys == {"rust"} and after[plain.pk].scoring_version == 3
    assert (before[cv.pk].features.experience_years, after[cv.pk].features.experience_years) == (7.0, 2.0)
    assert after[industry.pk].features.industry_years == {"gaming": 1.0}
    assert before[picky.pk].features.blocked_keywords and not after[picky.pk].features.blocked_keywords
    assert after[picky.pk].features.learned == scoring.NO_LEARNING


def test_job_ids_travel_as_runs_of_consecutive_ids():
    runs = fanout.id_runs([3, 4, 5, 9, 11, 12])
    assert runs == [[3, 5], [9, 9], [11, 12]]
    assert fanout.ids_of_runs(runs) == [3, 4, 5, 9, 11, 12]


def _everyone(job_ids) -> fanout.FanoutResult:
    (first, last), = fanout.user_ranges(size=100)
    return fanout.matches_fanout_chunk(job_ids=job_ids, first_user_id=first, last_user_id=last)


@pytest.mark.django_db
def test_a_chunk_stores_the_pure_scorers_scores_at_or_above_the_threshold_and_nothing_else(seekers, new_jobs, settings):
    # when the new jobs are fanned out to everyone
    result = _everyone([job.pk for job in new_jobs])
    # then each stored match has the pure scorer's score and no explanation yet, and every pair it keeps is stored
    expected = _pure_matches(seekers, new_jobs, settings.MATCH_STORE_MIN_SCORE)
    stored = {(m.user_id, m.job_id): m for m in Match.objects.all()}
    assert set(stored) == set(expected) and len(expected) >= 3
    for key, match in stored.items():
        assert match.score == expected[key]["overall_score"] and (match.reasoning, match.analysis) == ({}, "")
        assert match.status == MatchStatus.MATCHED and match.scoring_version == 0
    assert (result.users, result.jobs, result.matches_kept) == (3, 5, len(expected))


def _pure_matches(users, jobs, threshold) -> dict:
    """(user id, job id) -> the pure scorer's reasoning, for the pairs reaching `threshold`."""
    from jobs.matching.features import job_features_of
    from jobs.matching.selectors import candidate_get

    expected = {}
    for user in users:
        candidate = candidate_get(user_id=user.pk)
        for job in jobs:
            why = scoring.reasoning(candidate.features, job_features_of(Job.objects.get(pk=job.pk)))
            if why["overall_score"] >= threshold:
                expected[(user.pk, job.pk)] = why
    return expected


@pytest.mark.django_db
def test_a_chunk_stores_each_users_best_new_matches_up_to_the_limit(seekers, new_jobs, settings):
    # given at most one new match per user and fan-out
    settings.MATCH_FANOUT_MAX_NEW_PER_USER = 1
    # when the new jobs are fanned out
    _everyone([job.pk for job in new_jobs])
    # then each user got their single best pair among those reaching the threshold
    expected = _pure_matches(seekers, new_jobs, settings.MATCH_STORE_MIN_SCORE)
    for user in seekers:
        theirs = sorted((-why["overall_score"], job_id) for (user_id, job_id), why in expected.items() if user_id == user.pk)
        assert list(Match.objects.filter(user=user).values_list("job_id", flat=True)) == [theirs[0][1]]


def _more_backend_jobs() -> list[Job]:
    return [f.job(f.STRONG_JOB, title="Python Developer"), f.job(f.STRONG_JOB, title="Django Engineer", salary_min=90_000, salary_max=110_000)]


@pytest.mark.django_db
def test_a_fanned_out_match_is_shown_with_the_explanation_a_refresh_would_have_stored(seekers, new_jobs, client_for, settings):
    from jobs.matching.refresh import matches_refresh

    backend = seekers[0]
    # given the new jobs (and two more backend roles) fanned out, and what a refresh stores for the same pairs
    _everyone([job.pk for job in [*new_jobs, *_more_backend_jobs()]])
    client = client_for(backend)
    shown = client.get("/api/v1/matches", {"min_score": 0}).json()["matches"]
    matches_refresh(user_id=backend.pk)
    refreshed = client.get("/api/v1/matches", {"min_score": 0}).json()["matches"]
    # then the list showed the same scores, reasoning and analysis before the refresh as after it
    assert [m["reasoning"]["overall_score"] for m in shown] == [m["score"] for m in shown] and len(shown) >= 2
    fanned_out = {m["job_id"] for m in shown}
    assert [(m["job_id"], m["score"], m["reasoning"], m["analysis"]) for m in shown] == [
        (m["job_id"], m["score"], m["reasoning"], m["analysis"]) for m in refreshed if m["job_id"] in fanned_out
    ]
    assert all(m["analysis"] for m in shown)


@pytest.mark.django_db
@pytest.mark.parametrize("users", [1, 3])
def test_filling_a_page_of_fanned_out_matches_costs_one_query_per_user(seekers, new_jobs, users, django_assert_num_queries):
    from jobs.matching.selectors import match_explanations_fill

    # given fanned-out matches of one or three users, loaded with their jobs
    _everyone([job.pk for job in [*new_jobs, *_more_backend_jobs()]])
    page = list(Match.objects.select_related("job").filter(user__in=seekers[:users]))
    assert len({m.user_id for m in page}) == users and len(page) >= users + 2
    # when their explanations are filled in: one query per user (their candidate), none per match
    with django_assert_num_queries(users):
        match_explanations_fill(page)
    # then each has the pure scorer's, and filling again costs nothing
    assert all(m.reasoning["overall_score"] == m.score and m.analysis for m in page)
    with django_assert_num_queries(0):
        match_explanations_fill(page)


@pytest.mark.django_db
def test_listing_fanned_out_matches_costs_one_query_more_than_listing_refreshed_ones(seekers, new_jobs, client_for, django_assert_num_queries):
    _everyone([job.pk for job in new_jobs])
    client = client_for(seekers[0])
    # 1: the user behind the token, 2: the page with its jobs, total and profile version, 3: the user's candidate
    with django_assert_num_queries(3):
        body = client.get("/api/v1/matches", {"min_score": 0}).json()
    assert body["matches"] and all(m["reasoning"] for m in body["matches"])


@pytest.mark.django_db
def test_the_material_of_a_fanned_out_match_names_the_skills_its_explanation_finds(seekers, new_jobs):
    from jobs.generation.material import posting_for

    _everyone([job.pk for job in new_jobs])
    match = Match.objects.select_related("job").get(user=seekers[0], job=new_jobs[0])
    assert set(posting_for(match=match).matching_skills) == {"Python", "Django", "PostgreSQL"}


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



def test_the_vectorised_score_reads_states_as_the_pure_function_does():
    # given people in several states (or none known) and remote jobs restricted to states, or not
    people = [
        scoring.candidate_features(skills=["Python"], target_roles=["Backend Engineer"], work_modes=modes,
                                   home_country=country, home_city=city, home_region=region)
        for modes in (["remote"], ["remote", "hybrid"])
        for country, city, region in (("US", "Austin", ""), ("US", "", "California"), ("US", "", ""), ("Canada", "Toronto", ""))
    ]  # fmt: skip
    jobs = [
        scoring.job_features(id=n, title="Backend Engineer", skills=["Python"], required_years=None, work_mode=mode,
                             places=places, cities=cities)
        for n, (mode, places, cities) in enumerate([
            ("remote", ["US", "US-CA", "US-OR", "US-WA"], []),
            ("remote", ["US", "US-TX"], []),
            ("remote", ["US", "US-CA"], ["san francisco"]),
            ("remote", ["CA", "CA-ON"], []),
            ("hybrid", ["US", "US-CA"], ["san francisco"]),
            (None, ["US"], []),
        ])
    ]  # fmt: skip
    scorer = vectorized.BatchScorer(people, jobs)
    penalties = set()
    # when every pair is scored both ways, then the same double
    for j, job in enumerate(jobs):
        blocked, raw = scorer.unrounded(j)
        for c, person in enumerate(people):
            pure_blocked, penalty = scoring.limits(person, job)
            penalties.add(penalty)
            assert bool(blocked[c]) == pure_blocked
            assert raw[c] == max(0.0, scoring._weighted(person, job) - penalty), (c, j)
    assert scoring.CAVEAT_PENALTIES["relocation"] in penalties  # the state rule was exercised
