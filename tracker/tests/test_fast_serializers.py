"""The tracker's output serializers use FastReadMixin; their output must be exactly DRF's."""

import json

import pytest
from rest_framework import serializers

from careerhub.api.serializers import FastReadMixin
from tracker.api.serializers.analytics import ActivitySerializer
from tracker.api.serializers.applications import ApplicationSerializer
from tracker.api.serializers.records import ContactSerializer, DocumentSerializer, ReminderSerializer
from tracker.api.serializers.saved_jobs import SavedJobSerializer
from tracker.models import ActivityLog
from tracker.selectors.applications import application_list
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def drf_output(serializer_class, instances, monkeypatch):
    """What DRF's own Serializer.to_representation makes of the same rows."""
    with monkeypatch.context() as patch:
        patch.setattr(FastReadMixin, "to_representation", serializers.Serializer.to_representation)
        return serializer_class(instances, many=True).data


def test_applications_with_every_part_serialise_exactly_as_drf_does(user, monkeypatch):
    # given applications with and without stages, outcomes, reflections, tags and dates
    tag = factories.tag(user, name="dream")
    full = factories.application(
        user, status="Interviewing", job_type="full_time", work_mode="onsite", salary_min=90_000,
        applied_date="0999-01-02", follow_up_date="2030-12-31",
    )
    factories.stage(full, stage_date="2030-01-02", questions_asked=["Why us?"], duration_minutes=45)
    factories.outcome(full, salary=120_000, start_date="2031-01-01")
    factories.reflection(full, skill_gaps={"Go": "beginner"})
    factories.assign(full, tag)
    factories.application(user, company_name="Bare")
    rows = list(application_list(user=user))

    # then the fast path and DRF agree, field for field
    fast = ApplicationSerializer(rows, many=True).data
    assert json.dumps(fast) == json.dumps(drf_output(ApplicationSerializer, rows, monkeypatch))
    assert fast[0]["applied_date"] == "0999-01-02" or fast[1]["applied_date"] == "0999-01-02"


@pytest.mark.parametrize(
    "serializer_class, build",
    [
        (ContactSerializer, lambda user: factories.contact(user, email="a@b.co", last_contacted="2030-01-01")),
        (ReminderSerializer, lambda user: factories.reminder(user, description="Call back")),
        (SavedJobSerializer, lambda user: factories.saved_job(user, excitement_level=4, work_mode="hybrid")),
        (DocumentSerializer, lambda user: factories.document(factories.application(user), name="CV")),
        (ActivitySerializer, lambda user: ActivityLog.objects.create(user=user, action="Application Created", metadata={"auto": True})),
    ],
)
def test_flat_records_serialise_exactly_as_drf_does(user, monkeypatch, serializer_class, build):
    rows = [build(user), build(user)]
    assert json.dumps(serializer_class(rows, many=True).data) == json.dumps(drf_output(serializer_class, rows, monkeypatch))
