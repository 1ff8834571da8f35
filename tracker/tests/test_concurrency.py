"""Concurrent writes: real threads, each on its own database connection, released together."""

import pytest

from careerhub.testing import all_at_once, needs_postgresql
from tracker.models import Application, Outcome, SavedJob, Tag
from tracker.tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_postgresql(),
]

THREADS = 6


def _race(request) -> list[int]:
    return [response.status_code for response in all_at_once(request, THREADS)]


def test_concurrent_converts_of_one_saved_job_create_one_application_and_answer_409(client_for, user):
    # given
    saved = factories.saved_job(user)
    # when
    statuses = _race(lambda: client_for(user).post(f"/api/v1/saved-jobs/{saved.pk}/convert"))
    # then
    assert sorted(statuses) == [201] + [409] * (THREADS - 1)
    assert Application.objects.count() == 1
    saved = SavedJob.objects.get(pk=saved.pk)
    assert saved.status == "Converted"
    assert saved.converted_to_application_id == Application.objects.get().pk


def test_concurrent_outcomes_for_one_application_leave_one_and_answer_409(client_for, user):
    application = factories.application(user, status="Interviewing")
    statuses = _race(lambda: client_for(user).post(f"/api/v1/applications/{application.pk}/outcome", {}, format="json"))
    assert sorted(statuses) == [201] + [409] * (THREADS - 1)
    assert Outcome.objects.filter(application=application).count() == 1


def test_concurrent_tags_of_one_name_leave_one_and_answer_400(client_for, user):
    statuses = _race(lambda: client_for(user).post("/api/v1/tags", {"name": "Dream"}, format="json"))
    assert sorted(statuses) == [201] + [400] * (THREADS - 1)
    assert Tag.objects.filter(user=user).count() == 1
