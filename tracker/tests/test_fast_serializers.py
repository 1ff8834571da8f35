"""The applications list's serializer uses FastReadMixin; its output must be exactly DRF's, nested rows included."""

import inspect
import json

import pytest

from careerhub.api import serializers
from careerhub.api.serializers import FastReadMixin
from tracker.api.serializers import analytics, applications, calendar, fields, records, saved_jobs, stages, tags
from tracker.selectors.applications import application_list
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def drf_output(serializer, instance) -> dict:
    """What DRF's own Serializer.to_representation makes of the same row (nested serializers are plain DRF)."""
    return serializers.Serializer.to_representation(serializer, instance)


def test_applications_with_every_part_serialise_exactly_as_drf_does(user):
    # given applications with and without stages, outcomes, reflections, tags and dates
    dream, remote = factories.tag(user, name="dream"), factories.tag(user, name="remote")
    full = factories.application(
        user, status="Interviewing", job_type="full_time", work_mode="onsite", salary_min=90_000,
        applied_date="0999-01-02", follow_up_date="2030-12-31",
    )
    factories.stage(full, stage_date="2030-01-02", questions_asked=["Why us?"], duration_minutes=45)
    factories.stage(full, stage_name="Onsite", stage_type="Technical", questions_asked=None)
    factories.outcome(full, salary=120_000, start_date="2031-01-01")
    factories.reflection(full, skill_gaps={"Go": "beginner", "nested": {"deep": [1, 2.5, None]}})
    factories.assign(full, dream)
    factories.assign(full, remote)
    factories.application(user, company_name="Bare")
    rows = list(application_list(user=user))
    serializer = applications.ApplicationSerializer()

    # when
    fast = applications.ApplicationSerializer(rows, many=True).data

    # then the fast path and DRF agree, field for field, down to the nested rows
    assert json.dumps(fast) == json.dumps([drf_output(serializer, row) for row in rows])
    by_company = {row["company_name"]: row for row in fast}
    assert by_company["Acme Corp"]["applied_date"] == "0999-01-02"
    assert [stage["stage_name"] for stage in by_company["Acme Corp"]["stages"]] == ["Phone Screen", "Onsite"]
    assert [tag["name"] for tag in by_company["Acme Corp"]["tags"]] == ["dream", "remote"]
    assert by_company["Bare"]["outcome"] is None and by_company["Bare"]["stages"] == []


def test_a_created_application_with_its_duplicates_serialises_exactly_as_drf_does(user):
    # given an application carrying its duplicates as a plain list (as the create endpoints set it)
    earlier = factories.application(user, applied_date="2030-01-01")
    application = application_list(user=user).get(pk=factories.application(user).pk)
    application.duplicates = [earlier]
    serializer = applications.ApplicationCreatedSerializer()

    # when
    fast = applications.ApplicationCreatedSerializer(application).data

    # then
    assert json.dumps(fast) == json.dumps(drf_output(serializer, application))
    assert [duplicate["id"] for duplicate in fast["duplicates"]] == [str(earlier.pk)]


def test_only_the_applications_list_uses_the_fast_path():
    # given every serializer of the tracker's API
    modules = (analytics, applications, calendar, fields, records, saved_jobs, stages, tags)
    declared = {
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__ and issubclass(cls, (serializers.Serializer, serializers.ModelSerializer))
    }
    # then the mixin is on the applications list's serializer (and its create variant) alone
    assert {cls for cls in declared if issubclass(cls, FastReadMixin)} == {
        applications.ApplicationSerializer,
        applications.ApplicationCreatedSerializer,
    }
