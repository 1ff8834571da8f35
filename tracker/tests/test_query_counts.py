"""Every list endpoint costs the same number of queries for 1 row and for many.

Each test lists its expected queries. "auth" is the JWT authentication loading the user.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.tests import factories

pytestmark = pytest.mark.django_db

MANY = 50


def _count(client, path, django_assert_num_queries, expected: int, params=None):
    with django_assert_num_queries(expected):
        response = client.get(path, params or {})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [1, MANY])
def test_the_application_list_costs_four_queries_however_full(auth_client, user, rows, django_assert_num_queries):
    # given applications each with two stages, an outcome, a reflection and two tags
    for n in range(rows):
        factories.full_application(user, n)
    # then: auth, applications (outcome + reflection joined), stages, tags
    body = _count(auth_client, "/api/v1/applications", django_assert_num_queries, 4, {"limit": 200}).json()
    assert len(body) == rows
    assert all(len(a["stages"]) == 2 and a["outcome"] and a["reflection"] and len(a["tags"]) == 2 for a in body)


@pytest.mark.parametrize("rows", [1, MANY])
def test_contacts_reminders_saved_jobs_tags_and_activity_cost_two_queries(auth_client, user, rows, django_assert_num_queries):
    # given
    application = factories.application(user)
    for n in range(rows):
        factories.contact(user, name=f"c{n}", application=application)
        factories.reminder(user, title=f"r{n}", application=application, remind_at=timezone.now() + timedelta(hours=n + 1))
        factories.saved_job(user, company_name=f"s{n}")
        factories.tag(user, f"t{n}")
        factories.stage(application, questions_asked=[f"q{n}"])
    from tracker.models import ActivityLog

    ActivityLog.objects.bulk_create(ActivityLog(user=user, application=application, action="Stage Added") for _ in range(rows))
    # then: auth + one page query each
    for path in (
        "/api/v1/contacts",
        "/api/v1/reminders",
        "/api/v1/reminders/upcoming",
        "/api/v1/saved-jobs",
        "/api/v1/tags",
        "/api/v1/analytics/activity",
        "/api/v1/analytics/questions",
    ):
        _count(auth_client, path, django_assert_num_queries, 2)


@pytest.mark.parametrize("rows", [1, MANY])
def test_an_applications_documents_and_tags_cost_three_queries(auth_client, user, rows, django_assert_num_queries):
    # given
    application = factories.application(user)
    for n in range(rows):
        factories.document(application, name=f"d{n}")
        factories.assign(application, factories.tag(user, f"t{n}"))
    # then: auth, the application (ownership), the rows (tags joined)
    _count(auth_client, f"/api/v1/documents/{application.pk}", django_assert_num_queries, 3)
    _count(auth_client, f"/api/v1/tags/application/{application.pk}", django_assert_num_queries, 3)


@pytest.mark.parametrize("rows", [1, MANY])
def test_the_dashboard_costs_ten_queries_when_computed(auth_client, user, rows, django_assert_num_queries):
    for n in range(rows):
        application = factories.full_application(user, n)
        application.applied_source = "LinkedIn"
        application.salary_min = 1000 * n
        application.save()
    # then: auth, pipeline + rates, sources, weekly applications, weekly stages,
    # salary currencies (applications, offers), expected salaries, offers, top companies
    _count(auth_client, "/api/v1/analytics/dashboard", django_assert_num_queries, 10)


@pytest.mark.parametrize("rows", [1, MANY])
def test_the_export_costs_three_queries_per_chunk(auth_client, user, rows, django_assert_num_queries):
    for n in range(rows):
        factories.full_application(user, n)
    # then: auth, applications, their stages (one chunk)
    with django_assert_num_queries(3):
        response = auth_client.get("/api/v1/applications/export")
        lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + 2 * rows


@pytest.mark.parametrize("rows", [1, MANY])
def test_the_calendar_feed_costs_five_queries(auth_client, api_client, user, rows, django_assert_num_queries):
    url = auth_client.get("/api/v1/calendar/feed").json()["url"]
    today = timezone.localdate()
    for _ in range(rows):
        application = factories.application(user, follow_up_date=today, status="Offer")
        factories.stage(application, stage_date=today)
        factories.outcome(application, deadline=today)
        factories.reminder(user, application=application)
    # then: the token's feed (user joined), reminders, stages, offer deadlines, follow-ups
    with django_assert_num_queries(5):
        response = api_client.get(url)
    assert response.content.count(b"BEGIN:VEVENT") == 4 * rows
