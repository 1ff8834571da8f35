"""A job match marked "applied" (event jobs.match_applied) becomes one tracker application."""

import uuid
from datetime import date

import pytest

from careerhub import events
from careerhub.testing import all_at_once, needs_postgresql
from tracker.models import ActivityLog, Application
from tracker.services.from_match import application_create_from_match
from tracker.tasks import application_from_match

PAYLOAD = {
    "company": "TechCorp",
    "title": "Senior Python Developer",
    "url": "https://techcorp.example/jobs/1",
    "location": "Remote (US)",
    "description": "Build APIs.",
    "salary_min": 120_000,
    "salary_max": 160_000,
    "salary_currency": "usd",
    "remote_type": "remote",
    "job_type": "contract",
    "applied_date": "2024-12-18",
}


def test_the_tracker_listens_to_applied_matches():
    assert "tracker.application_from_match" in events.subscribers("jobs.match_applied")


@pytest.mark.django_db
def test_it_records_the_job_as_an_application_applied_from_a_job_board(user):
    match_id = uuid.uuid4()
    application = application_create_from_match(user_id=user.pk, match_id=match_id, **PAYLOAD)
    assert application.source_match_id == match_id
    assert (application.user, application.company_name, application.role_title) == (user, "TechCorp", "Senior Python Developer")
    assert (application.status, application.applied_source, application.applied_date) == ("Applied", "Job Board", date(2024, 12, 18))
    assert (application.work_mode, application.job_type, application.salary_currency) == ("remote", "contract", "USD")
    assert (application.url, application.location, application.description) == (PAYLOAD["url"], "Remote (US)", "Build APIs.")
    entry = ActivityLog.objects.get(application=application)
    assert entry.metadata["origin"] == "job_match" and entry.metadata["match_id"] == str(match_id)


@pytest.mark.django_db
def test_a_second_delivery_of_the_same_match_finds_the_first_application(user):
    match_id = uuid.uuid4()
    first = application_from_match(user_id=str(user.pk), match_id=str(match_id), **PAYLOAD)
    second = application_from_match(user_id=str(user.pk), match_id=str(match_id), **PAYLOAD)
    assert first == second
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_job_with_gaps_still_makes_a_valid_application(user):
    application = application_create_from_match(
        user_id=user.pk,
        match_id=uuid.uuid4(),
        company="",
        title="Engineer",
        url="https://example.com/" + "x" * 600,
        salary_currency="",
        remote_type="somewhere",
        job_type=None,
        applied_date="not a date",
    )
    assert (application.company_name, application.url, application.work_mode, application.job_type) == (
        "Unknown company", None, None, None
    )
    assert application.salary_currency == "USD"


@pytest.mark.django_db
def test_fields_the_tracker_does_not_know_are_ignored(user):
    assert application_from_match(user_id=str(user.pk), match_id=str(uuid.uuid4()), title="Engineer", seniority="senior")
    assert Application.objects.get().role_title == "Engineer"


@pytest.mark.django_db
def test_a_deleted_user_gets_nothing():
    assert application_from_match(user_id=str(uuid.uuid4()), match_id=str(uuid.uuid4()), **PAYLOAD) is None
    assert not Application.objects.exists()


@pytest.mark.django_db(transaction=True)
@needs_postgresql()
def test_concurrent_deliveries_of_one_match_create_one_application(user):
    match_id = str(uuid.uuid4())

    outcomes = all_at_once(lambda: application_from_match(user_id=str(user.pk), match_id=match_id, **PAYLOAD), 4)

    assert [outcome for outcome in outcomes if isinstance(outcome, BaseException)] == []
    assert Application.objects.filter(source_match_id=match_id).count() == 1
