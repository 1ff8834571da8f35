"""Feedback that sticks, through the API: a reason with hidden/rejected, the match blocklist, and the
matches held back by a blocker (`include_blocked`)."""

import pytest

from jobs.matching.feedback import FEEDBACK_REPEATS
from jobs.models import LearnedPreferences, Match, MatchBlocklist
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/api/v1/matches"
REFRESH = "/api/v1/matches/refresh"
BLOCKLIST = "/api/v1/matches/blocklist"
ALLOWED_REASONS = "not_eligible, salary, seniority, location, role, company, other"


def status_url(match_id) -> str:
    return f"/api/v1/matches/{match_id}/status"


def blocked_match(user, job_, *, score: float = 35.0) -> Match:
    """A match as a refresh stores one held back by a blocker: capped, with the blocker in its reasoning."""
    reasoning = {
        "overall_score": score,
        "matching_skills": [],
        "missing_skills": [],
        "blockers": [{"code": "region", "detail": "the job is US-only and you can work in the EU"}],
        "caveats": [],
    }
    return Match.objects.create(user=user, job=job_, score=score, reasoning=reasoning, scoring_version=0)


# --- PUT /matches/{id}/status with a reason --------------------------------------------------------


@pytest.mark.parametrize("status", ["hidden", "rejected"])
def test_a_reason_is_recorded_with_hidden_or_rejected_and_answered_back(auth_client, user, status):
    # given
    match = f.match(user, f.job(f.STRONG_JOB))
    # when
    response = auth_client.put(status_url(match.pk), {"status": status, "reason": "salary"}, format="json")
    # then
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == (status, "salary")
    match.refresh_from_db()
    assert (match.status, match.feedback_reason) == (status, "salary")


def test_the_company_reason_puts_the_company_on_the_blocklist(auth_client, user):
    match = f.match(user, f.job(f.STRONG_JOB, company="Acme Robotics Inc."))
    auth_client.put(status_url(match.pk), {"status": "hidden", "reason": "company"}, format="json")
    assert auth_client.get(BLOCKLIST).json() == {"companies": ["Acme Robotics Inc."], "keywords": []}


def test_a_reason_given_again_and_again_tunes_soft_preferences(auth_client, user):
    # given pay turned down on enough matches, each job paying a little over the profile's 100k minimum
    f.candidate_profile(user)
    matches = [f.match(user, f.job(f.STRONG_JOB, salary_min=100_000, salary_max=110_000 + n)) for n in range(FEEDBACK_REPEATS)]
    # when
    for match in matches:
        auth_client.put(status_url(match.pk), {"status": "rejected", "reason": "salary"}, format="json")
    # then the salary component learns a floor: the highest of those tops plus 5 % (docs/matching.md)
    assert LearnedPreferences.objects.get(user=user).values["salary_floor"] == 116_000


def test_a_null_reason_is_no_reason(auth_client, user):
    match = f.match(user, f.job(f.STRONG_JOB))
    response = auth_client.put(status_url(match.pk), {"status": "hidden", "reason": None}, format="json")
    assert response.status_code == 200 and response.json()["reason"] is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"status": "hidden", "reason": "boring"}, f"'boring' is not a valid reason. Allowed values: {ALLOWED_REASONS}."),
        ({"status": "interested", "reason": "salary"}, f"A reason goes only with hidden or rejected. Allowed values: {ALLOWED_REASONS}."),
        ({"status": "applied", "reason": "company"}, f"A reason goes only with hidden or rejected. Allowed values: {ALLOWED_REASONS}."),
        ({"status": "hidden", "reason": 3}, "Not a valid string."),
    ],
)
def test_a_bad_reason_is_a_400_naming_the_allowed_values_and_changes_nothing(auth_client, user, body, message):
    match = f.match(user, f.job(f.STRONG_JOB))
    response = auth_client.put(status_url(match.pk), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["reason"] == [message]
    match.refresh_from_db()
    assert (match.status, match.feedback_reason) == ("matched", "")


def test_someone_elses_match_is_404_with_a_reason_too_and_anonymous_is_401(auth_client, api_client, other_user):
    theirs = f.match(other_user, f.job(f.STRONG_JOB, company="Theirs"))
    assert auth_client.put(status_url(theirs.pk), {"status": "hidden", "reason": "company"}, format="json").status_code == 404
    assert api_client.put(status_url(theirs.pk), {"status": "hidden", "reason": "company"}, format="json").status_code == 401
    theirs.refresh_from_db()
    assert theirs.status == "matched" and not MatchBlocklist.objects.exists()


# --- GET/PUT /matches/blocklist ------------------------------------------------------------------


def test_the_blocklist_is_empty_until_written_and_then_answers_what_was_written(auth_client):
    assert auth_client.get(BLOCKLIST).json() == {"companies": [], "keywords": []}
    body = {"companies": ["Acme", "ACME Inc.", " Blockhaus  GmbH "], "keywords": ["crypto", "Crypto", "sales engineer"]}
    response = auth_client.put(BLOCKLIST, body, format="json")
    # spellings of one company or keyword collapse to the first; whitespace is tidied
    expected = {"companies": ["Acme", "Blockhaus GmbH"], "keywords": ["crypto", "sales engineer"]}
    assert response.status_code == 200 and response.json() == expected
    assert auth_client.get(BLOCKLIST).json() == expected


def test_put_replaces_both_lists(auth_client):
    auth_client.put(BLOCKLIST, {"companies": ["Acme"], "keywords": ["crypto"]}, format="json")
    auth_client.put(BLOCKLIST, {"companies": [], "keywords": ["gambling"]}, format="json")
    assert auth_client.get(BLOCKLIST).json() == {"companies": [], "keywords": ["gambling"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"companies": ["Acme"]}, "keywords"),
        ({"keywords": []}, "companies"),
        ({"companies": "Acme", "keywords": []}, "companies"),
        ({"companies": [""], "keywords": []}, "companies"),
        ({"companies": ["   "], "keywords": []}, "companies"),
        ({"companies": [], "keywords": [7]}, "keywords"),
        ({"companies": [], "keywords": [None]}, "keywords"),
        ({"companies": [{"name": "Acme"}], "keywords": []}, "companies"),
        ({"companies": [f"Company {n}" for n in range(201)], "keywords": []}, "companies"),
        ({"companies": ["x" * 201], "keywords": []}, "companies"),
        ({"companies": ["!!!"], "keywords": []}, "companies"),
    ],
)
def test_anything_but_two_lists_of_non_empty_strings_up_to_200_is_a_400(auth_client, body, field):
    response = auth_client.put(BLOCKLIST, body, format="json")
    assert response.status_code == 400
    # (an entry's error is named by its path: "companies.0")
    assert response.json()["code"] and {key.split(".")[0] for key in response.json()["errors"]} == {field}
    assert auth_client.get(BLOCKLIST).json() == {"companies": [], "keywords": []}


def test_a_body_that_is_not_an_object_is_a_400(auth_client):
    assert auth_client.put(BLOCKLIST, ["Acme"], format="json").status_code == 400


def test_two_hundred_entries_are_accepted(auth_client):
    body = {"companies": [f"Company {n}" for n in range(200)], "keywords": [f"word{n}" for n in range(200)]}
    assert auth_client.put(BLOCKLIST, body, format="json").status_code == 200


def test_each_user_has_their_own_blocklist_and_anonymous_is_401(auth_client, other_client, api_client):
    auth_client.put(BLOCKLIST, {"companies": ["Acme"], "keywords": []}, format="json")
    assert other_client.get(BLOCKLIST).json() == {"companies": [], "keywords": []}
    assert api_client.get(BLOCKLIST).status_code == 401
    assert api_client.put(BLOCKLIST, {"companies": [], "keywords": []}, format="json").status_code == 401


def test_the_blocklist_empties_matches_at_the_next_refresh(auth_client, user, django_capture_on_commit_callbacks):
    # given a profile and three good matches, one from Acme (any spelling), one with a blocked word, one applied to
    f.candidate_profile(user)
    acme = f.job(f.STRONG_JOB, company="ACME Inc.")
    crypto = f.job(f.STRONG_JOB, title="Senior Backend Engineer, Crypto Exchange")
    applied = f.job(f.STRONG_JOB, company="Acme")
    kept = f.job(f.STRONG_JOB, company="Globex")
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(REFRESH)
    Match.objects.filter(user=user, job=applied).update(status="applied")
    assert {m["job_id"] for m in auth_client.get(LIST).json()["matches"]} == {acme.pk, crypto.pk, applied.pk, kept.pk}
    # when the user blocks the company and the word, then refreshes
    auth_client.put(BLOCKLIST, {"companies": ["acme"], "keywords": ["crypto"]}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(REFRESH)
    # then the open matches of blocked jobs are gone; the one applied to stays as the user's record
    assert {m["job_id"] for m in auth_client.get(LIST).json()["matches"]} == {applied.pk, kept.pk}
    assert not Match.objects.filter(job__in=[acme, crypto]).exists()


def test_get_costs_two_queries(auth_client, django_assert_num_queries):
    auth_client.put(BLOCKLIST, {"companies": ["Acme"], "keywords": ["crypto"]}, format="json")
    # 1: the user behind the token, 2: the blocklist
    with django_assert_num_queries(2):
        assert auth_client.get(BLOCKLIST).status_code == 200


@pytest.mark.parametrize("entries", [1, 200])
def test_put_costs_the_same_queries_for_one_entry_or_two_hundred(auth_client, user, entries, django_assert_num_queries):
    MatchBlocklist.objects.create(user=user)
    body = {"companies": [f"Company {n}" for n in range(entries)], "keywords": [f"word{n}" for n in range(entries)]}
    # 1: the user behind the token, 2: savepoint, 3: the blocklist row locked (get_or_create's get), 4: its update,
    # 5: savepoint released
    with django_assert_num_queries(5):
        assert auth_client.put(BLOCKLIST, body, format="json").status_code == 200


# --- GET /matches?include_blocked ----------------------------------------------------------------


def test_blocked_matches_are_listed_only_when_asked_for_with_their_blockers_and_caveats(auth_client, user):
    # given a good match and one held back by a blocker
    f.match(user, f.job(f.STRONG_JOB), score=90)
    held_back = blocked_match(user, f.job(f.STRONG_JOB))
    # when / then
    assert [m["score"] for m in auth_client.get(LIST).json()["matches"]] == [90.0]
    body = auth_client.get(LIST, {"include_blocked": "true"}).json()
    assert [m["score"] for m in body["matches"]] == [90.0, 35.0]
    reasoning = body["matches"][1]["reasoning"]
    assert body["matches"][1]["id"] == str(held_back.pk)
    assert reasoning["blockers"] == [{"code": "region", "detail": "the job is US-only and you can work in the EU"}]
    assert reasoning["caveats"] == []
    # a match scored before blockers existed still shows both lists
    assert body["matches"][0]["reasoning"]["blockers"] == body["matches"][0]["reasoning"]["caveats"] == []
    assert [m["score"] for m in auth_client.get(LIST, {"include_blocked": "false"}).json()["matches"]] == [90.0]


def test_a_refresh_stores_a_blocked_job_with_its_blocker_named_first_in_the_analysis(auth_client, user, django_capture_on_commit_callbacks):
    # given a profile that may work in the US only, and a great job that hires only in the UK and does not sponsor
    f.candidate_profile(user)
    f.job(f.STRONG_JOB, eligible_regions=["UK"], visa_sponsorship=0)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(REFRESH)
    # then
    assert auth_client.get(LIST).json()["matches"] == []
    (item,) = auth_client.get(LIST, {"include_blocked": "true"}).json()["matches"]
    assert item["score"] == 35.0 and [b["code"] for b in item["reasoning"]["blockers"]] == ["region"]
    assert item["analysis"].startswith("Not for you: the job is UK-only and you can work in the US.")


@pytest.mark.parametrize("value", ["yes", "1", "True", "", "null"])
def test_include_blocked_is_true_or_false_only(auth_client, value):
    response = auth_client.get(LIST, {"include_blocked": value})
    assert response.status_code == 400
    assert response.json()["errors"]["include_blocked"] == ["Must be true or false."]


def test_include_blocked_given_twice_is_a_400(auth_client):
    response = auth_client.get(f"{LIST}?include_blocked=true&include_blocked=false")
    assert response.status_code == 400
    assert response.json()["errors"]["include_blocked"] == ["Give this parameter once."]


@pytest.mark.parametrize("rows", [1, 30])
def test_include_blocked_costs_the_same_queries_for_one_match_or_thirty(auth_client, user, rows, django_assert_num_queries):
    for _ in range(rows):
        blocked_match(user, f.job(f.STRONG_JOB))
    # 1: the user behind the token, 2: the page with its jobs, its total (window) and the profile version (subquery)
    with django_assert_num_queries(2):
        body = auth_client.get(LIST, {"include_blocked": "true", "limit": 200}).json()
    assert body["total"] == rows


# --- Citizenship and clearance the profile states ---------------------------------------------------


def test_a_clearance_job_is_not_a_blocker_once_the_profile_says_it_is_held(auth_client, user, django_capture_on_commit_callbacks):
    # given a US candidate and a great job for US citizens holding an active Secret clearance
    f.candidate_profile(user)
    f.job(f.STRONG_JOB, description="Build our APIs with Python, Django and PostgreSQL. US citizenship and an active Secret clearance required.")
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(REFRESH)
    assert auth_client.get(LIST).json()["matches"] == []
    # when the profile says they hold one
    auth_client.put("/api/profile", {"preferences": {"citizenships": ["USA"], "security_clearances": ["TS/SCI"]}}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(REFRESH)
    # then the job is a match, with no clearance blocker or caveat
    (item,) = auth_client.get(LIST).json()["matches"]
    assert item["score"] > 90 and item["reasoning"]["blockers"] == []
    assert "clearance" not in [c["code"] for c in item["reasoning"]["caveats"]]
