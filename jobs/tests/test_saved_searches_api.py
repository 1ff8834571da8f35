"""Saved searches (issue 18): CRUD with its outsider rules, running one now, and the no-login unsubscribe link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import SavedSearch
from jobs.services.saved_searches import unsubscribe_token, unsubscribe_url
from jobs.tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/saved-searches"
BODY = {
    "name": "Remote Python",
    "query": {"search": "python", "remote_type": "full", "min_salary": 100000},
    "min_match_score": 60,
    "frequency": "weekly",
}


def create(client, **fields):
    response = client.post(URL, {**BODY, **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


# --- Create, read, update, delete ---------------------------------------------------------------


def test_a_saved_search_is_created_and_shown_in_get_jobs_spelling(auth_client, user):
    # when
    body = create(auth_client)
    # then
    assert set(body) == {"id", "name", "query", "min_match_score", "frequency", "last_digest_at", "created_at", "updated_at"}
    assert body["query"] == {"search": "python", "remote_type": "full", "min_salary": 100000}
    assert (body["name"], body["min_match_score"], body["frequency"], body["last_digest_at"]) == ("Remote Python", 60.0, "weekly", None)
    # stored canonical
    assert SavedSearch.objects.get(user=user).query == {"search": "python", "remote_type": "remote", "min_salary": 100000}


def test_frequency_defaults_to_daily_and_the_query_may_be_empty(auth_client):
    body = auth_client.post(URL, {"name": "All", "query": {}}, format="json").json()
    assert (body["frequency"], body["query"], body["min_match_score"]) == ("daily", {}, None)


def test_an_unknown_filter_is_a_400_naming_the_allowed_ones(auth_client):
    response = auth_client.post(URL, {**BODY, "query": {"search": "python", "colour": "blue"}}, format="json")
    assert response.status_code == 400
    message = response.json()["errors"]["query"][0]
    assert "colour" in message
    for allowed in ("search", "remote_type", "job_type", "location", "min_salary", "max_salary", "source", "include_closed", "sort"):
        assert allowed in message


@pytest.mark.parametrize(
    "query, named",
    [
        ({"min_salary": "lots"}, "min_salary"),
        ({"remote_type": "moon"}, "remote_type"),
        ({"source": "monster"}, "source"),
        ({"sort": "oldest"}, "sort"),
        ("python", "object"),
        ([], "object"),
    ],
)
def test_a_query_that_get_jobs_would_refuse_is_a_400(auth_client, query, named):
    response = auth_client.post(URL, {**BODY, "query": query}, format="json")
    assert response.status_code == 400
    assert named in response.json()["errors"]["query"][0]


@pytest.mark.parametrize(
    "field, value", [("frequency", "hourly"), ("min_match_score", 101), ("min_match_score", "high"), ("name", ""), ("name", "x" * 101)]
)
def test_bad_fields_are_400_naming_the_field(auth_client, field, value):
    response = auth_client.post(URL, {**BODY, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_frequency_error_names_the_allowed_values(auth_client):
    response = auth_client.post(URL, {**BODY, "frequency": "hourly"}, format="json")
    assert "daily, weekly, off" in response.json()["errors"]["frequency"][0]


def test_a_user_keeps_at_most_20(auth_client, other_client):
    # given 20 saved searches
    for n in range(20):
        create(auth_client, name=f"Search {n}")
    # when a 21st is saved
    response = auth_client.post(URL, BODY, format="json")
    # then it is refused, and someone else is not affected
    assert response.status_code == 400
    assert "at most 20 saved searches" in response.json()["detail"]
    assert SavedSearch.objects.count() == 20
    create(other_client)


def test_the_list_holds_only_your_own_and_costs_the_same_queries_for_one_or_twenty(
    auth_client, other_client, django_assert_num_queries
):
    create(other_client, name="Not mine")
    create(auth_client, name="First")
    # 1: the user behind the token, 2: the page with its total
    with django_assert_num_queries(2):
        body = auth_client.get(URL).json()
    assert [row["name"] for row in body["saved_searches"]] == ["First"]
    assert (body["total"], body["limit"], body["offset"], body["has_more"]) == (1, 20, 0, False)
    for n in range(19):
        create(auth_client, name=f"Search {n}")
    with django_assert_num_queries(2):
        assert auth_client.get(URL).json()["total"] == 20


def test_put_changes_only_the_fields_sent(auth_client):
    search = create(auth_client)
    response = auth_client.put(f"{URL}/{search['id']}", {"name": "Renamed", "query": {"location": "Berlin"}}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["query"], body["frequency"], body["min_match_score"]) == ("Renamed", {"location": "Berlin"}, "weekly", 60.0)


def test_turning_emails_back_on_starts_from_now(auth_client):
    # given a search whose emails were off for a long time
    search = create(auth_client, frequency="off")
    SavedSearch.objects.filter(pk=search["id"]).update(last_digest_at=timezone.now() - timedelta(days=90))
    # when they are turned on again
    body = auth_client.put(f"{URL}/{search['id']}", {"frequency": "daily"}, format="json").json()
    # then the next digest counts from now, not from three months ago
    assert timezone.now() - timedelta(minutes=1) < SavedSearch.objects.get(pk=search["id"]).last_digest_at
    assert body["last_digest_at"]


def test_delete_answers_with_a_message_and_the_search_is_gone(auth_client):
    search = create(auth_client)
    response = auth_client.delete(f"{URL}/{search['id']}")
    assert (response.status_code, response.json()) == (200, {"detail": "Saved search deleted"})
    assert auth_client.get(f"{URL}/{search['id']}").status_code == 404


@pytest.mark.parametrize("method, suffix", [("get", ""), ("put", ""), ("delete", ""), ("get", "/results")])
def test_someone_elses_saved_search_is_not_found_and_anonymous_is_401(auth_client, other_client, api_client, method, suffix):
    # given A's search
    search = create(auth_client)
    url = f"{URL}/{search['id']}{suffix}"
    # when B or nobody asks for it
    response = getattr(other_client, method)(url, {"name": "Mine now"}, format="json")
    anonymous = getattr(api_client, method)(url, {"name": "Mine now"}, format="json")
    # then B gets 404 and nobody 401, and it is unchanged
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert anonymous.status_code == 401
    assert SavedSearch.objects.get(pk=search["id"]).name == "Remote Python"


# --- Results -------------------------------------------------------------------------------------


def test_results_run_the_query_now_with_your_match_score(auth_client, user, make_job):
    # given jobs, one of which matches the query, and a profile to score against
    factories.candidate_profile(user)
    make_job(factories.STRONG_JOB, title="Senior Python Backend Engineer")
    make_job(title="Python intern", remote_type="onsite")
    make_job(title="Closed Python role", remote_type="remote", salary_min=120_000, closed_at=timezone.now())
    search = create(auth_client, min_match_score=None)
    # when
    body = auth_client.get(f"{URL}/{search['id']}/results").json()
    # then only the open job that matches every filter, with the user's score
    assert (body["total"], body["limit"], body["offset"], body["has_more"]) == (1, 50, 0, False)
    [job] = body["jobs"]
    assert job["title"] == "Senior Python Backend Engineer"
    assert job["match"]["score"] > 80
    assert job["freshness"]["status"] == "new"


def test_results_with_a_minimum_score_keep_only_jobs_scoring_at_least_that(auth_client, user, make_job):
    factories.candidate_profile(user)
    make_job(factories.STRONG_JOB, title="Strong")
    make_job(factories.WEAK_JOB, title="Weak")
    search = create(auth_client, query={}, min_match_score=50)
    body = auth_client.get(f"{URL}/{search['id']}/results", {"limit": 10}).json()
    assert [job["title"] for job in body["jobs"]] == ["Strong"]
    assert body["total"] == 1
    # and without the minimum both are there
    auth_client.put(f"{URL}/{search['id']}", {"min_match_score": None}, format="json")
    assert auth_client.get(f"{URL}/{search['id']}/results").json()["total"] == 2


def test_results_count_their_total_as_the_job_list_does(auth_client, make_job, settings):
    from django.db import connection

    # given 12 jobs the query finds and a bound of 4 on exact totals
    settings.JOBS_EXACT_TOTAL_UP_TO = 4
    for n in range(12):
        make_job(title=f"Python developer {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
    search = create(auth_client, query={"search": "python"}, min_match_score=None)
    # when the first page of 5 and the last page are read
    first = auth_client.get(f"{URL}/{search['id']}/results", {"limit": 5}).json()
    last = auth_client.get(f"{URL}/{search['id']}/results", {"limit": 5, "offset": 10}).json()
    # then above the bound the total is GET /jobs's estimate, flagged; on the last page it is exact
    listed = auth_client.get("/api/v1/jobs", {"search": "python", "limit": 5}).json()
    assert (first["total"], first["total_is_estimate"], first["has_more"]) == (listed["total"], True, True)
    assert first["total"] > 4
    assert (last["total"], last["total_is_estimate"], last["has_more"], len(last["jobs"])) == (12, False, False, 2)
    assert [job["id"] for job in first["jobs"]] == [job["id"] for job in listed["jobs"]]


# --- Unsubscribe ---------------------------------------------------------------------------------


def test_the_unsubscribe_link_turns_emails_off_without_signing_in(auth_client, api_client):
    # given a search and the link its digests carry
    search = create(auth_client, frequency="daily")
    link = unsubscribe_url(SavedSearch.objects.get(pk=search["id"]))
    path = link.split("://", 1)[1].split("/", 1)[1]
    # when someone with no token follows it
    response = api_client.get(f"/{path}")
    # then the search's emails are off
    assert response.status_code == 200, response.content
    assert "Remote Python" in response.json()["detail"]
    assert SavedSearch.objects.get(pk=search["id"]).frequency == "off"
    # and following it again is fine
    assert api_client.get(f"/{path}").status_code == 200


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_wrong_or_missing_token_is_a_404_and_changes_nothing(auth_client, api_client, token):
    search = create(auth_client, frequency="daily")
    params = {} if token is None else {"token": token}
    response = api_client.get(f"{URL}/{search['id']}/unsubscribe", params)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert SavedSearch.objects.get(pk=search["id"]).frequency == "daily"


def test_a_token_is_good_for_its_own_search_only(auth_client, api_client):
    first, second = create(auth_client, name="First"), create(auth_client, name="Second")
    response = api_client.get(f"{URL}/{second['id']}/unsubscribe", {"token": unsubscribe_token(first["id"])})
    assert response.status_code == 404
    assert SavedSearch.objects.get(pk=second["id"]).frequency == "weekly"
