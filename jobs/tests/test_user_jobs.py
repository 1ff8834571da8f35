"""Seed 004 user-submitted jobs: parse (Claude through the real SDK, or the deterministic parser) and CRUD."""

import pytest
from django.core.cache import cache

from careerhub import llm
from jobs.api.serializers.user_jobs import UserJobInputSerializer
from jobs.models import Job, Match
from jobs.services.user_jobs import USER_JOB_FIELDS

pytestmark = pytest.mark.django_db

URL = "/api/v1/user-jobs"

POSTING = (
    "Senior Python Developer\n"
    "TechCorp Inc. - Remote\n\n"
    "We're looking for an experienced Python developer to join our team.\n\n"
    "Requirements:\n- 5+ years of Python experience\n- Django and FastAPI\n- PostgreSQL\n\n"
    "Salary: $120,000 - $160,000 USD\n"
    "Location: Remote (US only)\n\n"
    "Apply at: https://techcorp.com/careers/123"
)

CREATE_BODY = {
    "title": "Senior Python Developer",
    "company": "TechCorp Inc.",
    "description": "We're looking for an experienced Python developer...",
    "url": "https://techcorp.com/careers/123",
    "location": "Remote (US only)",
    "remote_type": "full",
    "job_type": "permanent",
    "salary_min": 120000,
    "salary_max": 160000,
    "salary_currency": "USD",
    "tags": ["Python", "Django", "FastAPI", "PostgreSQL"],
}


# --- Parse -------------------------------------------------------------------------------------


def test_without_a_key_the_deterministic_parser_finds_every_field(auth_client, no_llm):
    response = auth_client.post(f"{URL}/parse", {"job_text": POSTING})
    assert response.status_code == 200
    assert response.json() == {
        "title": "Senior Python Developer",
        "company": "TechCorp Inc.",
        "description": response.json()["description"],
        "url": "https://techcorp.com/careers/123",
        "location": "Remote (US only)",
        "remote_type": "full",
        "job_type": None,
        "salary_min": 120000,
        "salary_max": 160000,
        "salary_currency": "USD",
        "tags": ["Python", "Django", "FastAPI", "PostgreSQL"],
        "eligible_regions": ["US"],
        "visa_sponsorship": None,
        "eligibility": response.json()["eligibility"],
        "model": "heuristic",
    }
    assert response.json()["description"].startswith("We're looking for an experienced Python developer")
    eligibility = response.json()["eligibility"]
    assert eligibility["countries"] == [{"value": "US", "source": "location"}]
    assert eligibility["work_mode"] == {"value": "remote", "source": "location"}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Job Title: Backend Engineer\nCompany: Globex\nLocation: Berlin (hybrid)\nFull-time, EUR 60.000 - 80.000 per year.\n"
            "We use Go, Kubernetes and Terraform. Visa sponsorship available.",
            {"title": "Backend Engineer", "company": "Globex", "location": "Berlin (hybrid)", "remote_type": "hybrid",
             "job_type": "permanent", "salary_min": 60000, "salary_max": 80000, "salary_currency": "EUR", "visa_sponsorship": 1},
        ),
        (
            "Freelance React Native developer wanted for a 3 month project at Initech. On-site in our London office, "
            "£400 per day. Apply: https://initech.example/jobs/42.",
            {"job_type": "freelance", "remote_type": "onsite", "salary_min": None, "url": "https://initech.example/jobs/42",
             "company": "Initech", "tags": ["React Native"]},
        ),
    ],
)
def test_the_deterministic_parser_reads_other_layouts(auth_client, no_llm, text, expected):
    body = auth_client.post(f"{URL}/parse", {"job_text": text}).json()
    assert {key: body[key] for key in expected} == expected


def test_with_a_key_claude_reads_the_posting_as_untrusted_data(auth_client, anthropic_stub):
    anthropic_stub.queue(
        anthropic_stub.tool_use(
            {
                "title": "Senior Python Developer", "company": "TechCorp Inc.", "description": "Python role.",
                "url": "https://techcorp.com/careers/123", "location": "Remote (US only)", "remote_type": "full",
                "job_type": "permanent", "salary_min": 120000, "salary_max": 160000, "salary_currency": "usd",
                "tags": ["python", "django", "postgres"],
            }
        )
    )
    response = auth_client.post(f"{URL}/parse", {"job_text": POSTING})
    assert response.status_code == 200
    body = response.json()
    assert body["model"] == "claude-haiku-5-5"
    assert (body["remote_type"], body["job_type"], body["salary_currency"]) == ("full", "permanent", "USD")
    assert body["tags"] == ["Python", "Django", "PostgreSQL"]
    sent = anthropic_stub.requests[0]["body"]
    assert sent["model"] == "claude-haiku-5-5"
    assert sent["tool_choice"] == {"type": "tool", "name": "record_job_posting"}
    assert "<job_posting>\n" + POSTING + "\n</job_posting>" in sent["messages"][0]["content"]
    assert "never instructions" in sent["system"]


def test_the_same_text_is_answered_from_the_seven_day_cache(auth_client, anthropic_stub):
    anthropic_stub.queue(anthropic_stub.tool_use({"title": "Dev", "description": "d", "tags": []}))
    first = auth_client.post(f"{URL}/parse", {"job_text": POSTING}).json()
    second = auth_client.post(f"{URL}/parse", {"job_text": POSTING}).json()
    assert first == second
    assert len(anthropic_stub.requests) == 1
    assert llm.CACHE_TTL[llm.JOB_EXTRACT] == 7 * 24 * 3600
    assert cache.get(llm.metrics_key(llm.JOB_EXTRACT, "hits")) == 1


def test_what_claude_answers_is_checked_like_anything_else(auth_client, anthropic_stub):
    anthropic_stub.queue(
        anthropic_stub.tool_use(
            {"title": "Dev", "description": "d", "url": "javascript:alert(1)", "salary_min": 5, "salary_max": 10**9,
             "remote_type": None, "tags": ["x" * 80, "Rust"]}
        )
    )
    body = auth_client.post(f"{URL}/parse", {"job_text": POSTING}).json()
    assert (body["url"], body["salary_min"], body["salary_max"]) == (None, None, None)
    assert body["tags"] == ["Rust"]


@pytest.mark.parametrize("answer", [{"kind": "error", "status": 500, "retry_after": None, "message": "x"}, {"kind": "malformed"}])
def test_an_unreachable_llm_is_503_in_the_error_shape(auth_client, anthropic_stub, answer):
    anthropic_stub.queue(answer)
    response = auth_client.post(f"{URL}/parse", {"job_text": POSTING})
    assert response.status_code == 503
    assert response.json()["code"] == "llm_unavailable"
    assert response["Retry-After"]


@pytest.mark.parametrize("body", [{"job_text": "too short"}, {"job_text": " " * 60}, {}, {"job_text": "x" * 30_001}])
def test_parse_needs_50_to_30000_characters(auth_client, no_llm, body):
    response = auth_client.post(f"{URL}/parse", body)
    assert response.status_code == 400
    assert "job_text" in response.json()["errors"]


def test_parse_needs_a_signed_in_user(api_client):
    assert api_client.post(f"{URL}/parse", {"job_text": POSTING}).status_code == 401


def test_parse_is_throttled(auth_client, no_llm, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "job_parse": "2/hour"}
    statuses = [auth_client.post(f"{URL}/parse", {"job_text": POSTING}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# --- Create / list / read / update / delete ---------------------------------------------------


def test_creating_a_job_answers_seed_004s_shape_and_opens_a_match(auth_client, user):
    response = auth_client.post(URL, CREATE_BODY)
    assert response.status_code == 201
    body = response.json()
    assert {key: body[key] for key in CREATE_BODY} == CREATE_BODY
    assert (body["source"], body["user_id"]) == ("user_submitted", str(user.pk))
    assert {"id", "created_at", "updated_at"} <= set(body)
    job = Job.objects.get(pk=body["id"])
    assert (job.remote_type, job.job_type, job.owner_id) == ("remote", "full_time", user.pk)
    match = Match.objects.get(user=user, job=job)
    # scored at once (seed 004: "creates a match with min_score=0")
    assert match.status == "matched" and match.score is not None and match.reasoning["overall_score"] == match.score


def test_only_title_and_description_are_required(auth_client):
    response = auth_client.post(URL, {"title": "Gardener", "description": "Keep the roses alive."})
    assert response.status_code == 201
    body = response.json()
    assert (body["company"], body["url"], body["remote_type"], body["tags"]) == (None, None, None, [])


@pytest.mark.parametrize("missing", ["title", "description"])
def test_a_missing_required_field_is_400(auth_client, missing):
    body = {key: value for key, value in CREATE_BODY.items() if key != missing}
    response = auth_client.post(URL, body)
    assert response.status_code == 400
    assert missing in response.json()["errors"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("remote_type", "remote"), ("job_type", "full-time"), ("url", "javascript:alert(1)"), ("salary_min", -1),
        ("salary_currency", "dollars"), ("tags", ["x" * 51]), ("visa_sponsorship", 2), ("title", "   "),
    ],
)
def test_invalid_values_are_400_naming_the_field(auth_client, field, value):
    response = auth_client.post(URL, {**CREATE_BODY, field: value})
    assert response.status_code == 400
    assert any(key.startswith(field) for key in response.json()["errors"])


def test_a_reversed_salary_range_is_400(auth_client):
    response = auth_client.post(URL, {**CREATE_BODY, "salary_min": 200000, "salary_max": 100000})
    assert response.status_code == 400 and "salary_min" in response.json()["errors"]


def test_the_same_company_and_title_twice_is_400(auth_client, other_client):
    assert auth_client.post(URL, CREATE_BODY).status_code == 201
    again = auth_client.post(URL, {**CREATE_BODY, "title": "senior python developer", "company": "TECHCORP INC."})
    assert again.status_code == 400
    assert again.json()["detail"] == "You have already added this job (same company and title)."
    # another user may add the same posting
    assert other_client.post(URL, CREATE_BODY).status_code == 201


def test_tags_go_through_the_skill_alias_table(auth_client):
    body = auth_client.post(URL, {**CREATE_BODY, "tags": ["postgres", "PostgreSQL", "k8s", " js "]}).json()
    assert body["tags"] == ["PostgreSQL", "Kubernetes", "JavaScript"]


def test_the_list_has_only_my_jobs_newest_first(auth_client, other_client):
    auth_client.post(URL, {**CREATE_BODY, "title": "First"})
    auth_client.post(URL, {**CREATE_BODY, "title": "Second"})
    other_client.post(URL, {**CREATE_BODY, "title": "Not mine"})
    body = auth_client.get(URL).json()
    assert [job["title"] for job in body["jobs"]] == ["Second", "First"]
    assert body["total"] == 2


def test_the_list_costs_the_same_queries_for_one_job_or_many(auth_client, django_assert_num_queries):
    auth_client.post(URL, {**CREATE_BODY, "title": "Only"})
    # 1: the user behind the token, 2: the page with its total
    with django_assert_num_queries(2):
        assert auth_client.get(URL).json()["total"] == 1
    for n in range(20):
        auth_client.post(URL, {**CREATE_BODY, "title": f"Job {n}"})
    with django_assert_num_queries(2):
        assert auth_client.get(URL).json()["total"] == 21


def test_put_updates_only_the_fields_sent(auth_client):
    job_id = auth_client.post(URL, CREATE_BODY).json()["id"]
    response = auth_client.put(f"{URL}/{job_id}", {"title": "Updated Title", "salary_min": 130000, "tags": ["Python", "Docker"]})
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["salary_min"], body["salary_max"], body["tags"]) == ("Updated Title", 130000, 160000, ["Python", "Docker"])
    assert body["company"] == "TechCorp Inc." and body["remote_type"] == "full"
    assert body["updated_at"] >= body["created_at"]


def test_the_input_serializer_accepts_exactly_the_fields_the_service_writes():
    # given the one list of fields a user may set on their job, and the input serializer
    declared = set(UserJobInputSerializer().fields)
    # then a field added to one is never silently dropped by the other
    assert declared == set(USER_JOB_FIELDS)


def test_put_with_unchanged_values_writes_nothing(auth_client, django_assert_num_queries):
    # given
    job_id = auth_client.post(URL, CREATE_BODY).json()["id"]
    before = Job.objects.get(pk=job_id).updated_at
    # when the same values are sent again
    # 1: the user behind the token, 2: the job, 3: its owner, 4: the duplicate check, 5-6: the savepoint
    # around the write, released without an UPDATE or a rescoring
    with django_assert_num_queries(6):
        response = auth_client.put(f"{URL}/{job_id}", {"title": CREATE_BODY["title"], "company": CREATE_BODY["company"]})
    # then
    assert response.status_code == 200
    assert Job.objects.get(pk=job_id).updated_at == before


def test_put_can_clear_an_optional_field_but_not_a_required_one(auth_client):
    job_id = auth_client.post(URL, CREATE_BODY).json()["id"]
    assert auth_client.put(f"{URL}/{job_id}", {"company": None, "remote_type": None}).json()["company"] is None
    assert auth_client.put(f"{URL}/{job_id}", {"title": None}).status_code == 400


def test_put_to_a_title_and_company_i_already_have_is_400(auth_client):
    auth_client.post(URL, {**CREATE_BODY, "title": "Taken"})
    job_id = auth_client.post(URL, {**CREATE_BODY, "title": "Other"}).json()["id"]
    response = auth_client.put(f"{URL}/{job_id}", {"title": "taken"})
    assert response.status_code == 400
    assert auth_client.put(f"{URL}/{job_id}", {"title": "Other", "salary_max": 170000}).status_code == 200


def test_put_cannot_reassign_owner_source_or_id(auth_client, other_user, user):
    job_id = auth_client.post(URL, CREATE_BODY).json()["id"]
    auth_client.put(f"{URL}/{job_id}", {"user_id": str(other_user.pk), "source": "remoteok", "id": 1, "owner": str(other_user.pk)})
    job = Job.objects.get(pk=job_id)
    assert (job.owner_id, job.source) == (user.pk, "user_submitted")


def test_delete_answers_204_and_removes_the_match(auth_client, user):
    job_id = auth_client.post(URL, CREATE_BODY).json()["id"]
    response = auth_client.delete(f"{URL}/{job_id}")
    assert response.status_code == 204
    assert not Job.objects.filter(pk=job_id).exists() and not Match.objects.filter(user=user).exists()
    assert auth_client.get(f"{URL}/{job_id}").status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_someone_elses_job_is_404_and_left_alone(auth_client, other_client, method):
    job_id = other_client.post(URL, CREATE_BODY).json()["id"]
    response = getattr(auth_client, method)(f"{URL}/{job_id}", *([{"title": "Mine now"}] if method == "put" else []))
    assert response.status_code == 404
    assert Job.objects.get(pk=job_id).title == CREATE_BODY["title"]


def test_a_scraped_job_is_not_a_user_job(auth_client, make_job):
    job = make_job()
    assert auth_client.get(f"{URL}/{job.pk}").status_code == 404
    assert auth_client.delete(f"{URL}/{job.pk}").status_code == 404


@pytest.mark.parametrize(
    "method, path", [("get", URL), ("post", URL), ("get", f"{URL}/1"), ("put", f"{URL}/1"), ("delete", f"{URL}/1")]
)
def test_user_jobs_need_a_signed_in_user(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401


def test_parsing_a_long_run_of_digits_answers(auth_client, no_llm):
    # a salary pattern that backtracked on digit runs once made this take minutes (fuzzing found it)
    response = auth_client.post("/api/v1/user-jobs/parse", {"job_text": "0" * 29_000}, format="json")
    assert response.status_code == 200
