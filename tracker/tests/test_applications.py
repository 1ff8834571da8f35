from datetime import date, timedelta

import pytest
from django.utils import timezone

from profiles.models import ResumeVersion
from tracker.models import (
    ActivityLog,
    Application,
    ApplicationStage,
    ApplicationTag,
    Contact,
    Document,
    Outcome,
    Reflection,
    Reminder,
    Tag,
)
from tracker.tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications/"


def create(client, **body):
    body.setdefault("company_name", "Acme Corp")
    body.setdefault("role_title", "Software Engineer")
    return client.post(URL, body, format="json")


def test_only_company_and_role_are_required_and_the_documented_defaults_apply(auth_client, user):
    # when
    response = create(auth_client)
    # then
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "Saved"
    assert body["salary_currency"] == "USD"
    assert body["applied_date"] is None
    assert body["user_id"] == str(user.pk)
    assert body["stages"] == [] and body["outcome"] is None and body["reflection"] is None
    assert body["tags"] == [] and body["duplicates"] == []
    for name in ("url", "description", "location", "job_type", "work_mode", "salary_min", "priority", "notes"):
        assert body[name] is None


def test_the_response_carries_every_seed_field(auth_client):
    body = create(auth_client).json()
    assert set(body) >= {
        "id", "user_id", "company_name", "role_title", "url", "description", "location", "job_type", "work_mode",
        "salary_min", "salary_max", "salary_currency", "applied_source", "applied_date", "follow_up_date",
        "priority", "notes", "status", "resume_version_id", "created_at", "updated_at", "stages", "outcome",
        "reflection",
    }


@pytest.mark.parametrize("field", ["company_name", "role_title"])
def test_a_missing_required_field_is_a_400_in_the_error_shape(auth_client, field):
    body = {"company_name": "Acme", "role_title": "Engineer"}
    del body[field]
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]


def test_enum_values_are_accepted_and_returned_exactly_as_the_seed_spells_them(auth_client):
    # given seed 003 spellings for every enum an application has
    sent = {
        "job_type": "Full-time",
        "work_mode": "On-site",
        "applied_source": "Company Website",
        "priority": "High",
        "status": "Interviewing",
    }
    # when
    body = create(auth_client, **sent).json()
    # then they come back unchanged, while the model stores the canonical vocabulary
    assert {name: body[name] for name in sent} == sent
    stored = Application.objects.get(pk=body["id"])
    assert (stored.job_type, stored.work_mode) == ("full_time", "onsite")


@pytest.mark.parametrize(
    ("field", "value"),
    [("job_type", "full-time"), ("work_mode", "onsite"), ("status", "applied"), ("priority", "Urgent"), ("applied_source", "Twitter")],
)
def test_an_unknown_enum_value_is_a_400_naming_the_allowed_ones(auth_client, field, value):
    response = create(auth_client, **{field: value})
    assert response.status_code == 400
    message = response.json()["errors"][field][0]
    assert value in message and "Allowed values" in message


def test_creating_as_applied_sets_the_applied_date_to_today(auth_client):
    body = create(auth_client, status="Applied").json()
    assert body["applied_date"] == timezone.localdate().isoformat()


def test_creating_as_applied_keeps_a_backdated_applied_date(auth_client):
    body = create(auth_client, status="Applied", applied_date="2025-01-31").json()
    assert body["applied_date"] == "2025-01-31"


def test_moving_from_saved_to_applied_sets_the_applied_date_to_today(auth_client):
    application_id = create(auth_client).json()["id"]
    body = auth_client.put(f"{URL}{application_id}", {"status": "Applied"}, format="json").json()
    assert body["status"] == "Applied"
    assert body["applied_date"] == timezone.localdate().isoformat()


def test_moving_from_saved_to_applied_keeps_a_date_given_with_it(auth_client):
    application_id = create(auth_client).json()["id"]
    body = auth_client.put(f"{URL}{application_id}", {"status": "Applied", "applied_date": "2026-01-05"}, format="json").json()
    assert body["applied_date"] == "2026-01-05"


def test_other_status_moves_leave_the_applied_date_alone(auth_client):
    application_id = create(auth_client, status="Interviewing").json()["id"]
    body = auth_client.put(f"{URL}{application_id}", {"status": "Rejected"}, format="json").json()
    assert body["status"] == "Rejected" and body["applied_date"] is None


def test_put_updates_only_the_fields_sent(auth_client):
    application_id = create(auth_client, notes="keep me", location="Berlin").json()["id"]
    body = auth_client.put(f"{URL}{application_id}/", {"location": None, "priority": "Low"}, format="json").json()
    assert body["notes"] == "keep me"
    assert body["location"] is None
    assert body["priority"] == "Low"
    assert body["company_name"] == "Acme Corp"


def test_put_cannot_null_a_required_field(auth_client):
    application_id = create(auth_client).json()["id"]
    response = auth_client.put(f"{URL}{application_id}", {"company_name": None}, format="json")
    assert response.status_code == 400
    assert "company_name" in response.json()["errors"]


def test_put_ignores_fields_that_are_not_the_clients_to_set(auth_client, user, other_user):
    application_id = create(auth_client).json()["id"]
    auth_client.put(f"{URL}{application_id}", {"user_id": str(other_user.pk), "id": "x", "created_at": "2000-01-01T00:00:00Z"}, format="json")
    stored = Application.objects.get(pk=application_id)
    assert stored.user_id == user.pk and stored.created_at.year != 2000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"salary_min": 120_000, "salary_max": 100_000}, "salary_max"),
        ({"salary_min": -1}, "salary_min"),
        ({"salary_max": -5}, "salary_max"),
        ({"salary_currency": "US"}, "salary_currency"),
        ({"salary_currency": "US1"}, "salary_currency"),
        ({"salary_currency": "EURO"}, "salary_currency"),
        ({"applied_date": "31/01/2026"}, "applied_date"),
        ({"applied_date": "20260131"}, "applied_date"),
        ({"follow_up_date": "2026-02-30"}, "follow_up_date"),
        ({"company_name": "x" * 256}, "company_name"),
        ({"role_title": "x" * 256}, "role_title"),
        ({"url": "https://example.com/" + "x" * 500}, "url"),
        ({"location": "x" * 256}, "location"),
        ({"salary_min": 10**13}, "salary_min"),
    ],
)
def test_invalid_fields_are_400_naming_the_field(auth_client, body, field):
    response = create(auth_client, **body)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_currency_is_stored_upper_case(auth_client):
    assert create(auth_client, salary_currency="eur").json()["salary_currency"] == "EUR"


def test_a_salary_range_is_checked_against_the_stored_bound_on_update(auth_client):
    application_id = create(auth_client, salary_min=100_000).json()["id"]
    response = auth_client.put(f"{URL}{application_id}", {"salary_max": 90_000}, format="json")
    assert response.status_code == 400
    assert "salary_max" in response.json()["errors"]
    assert Application.objects.get(pk=application_id).salary_max is None


def test_the_users_own_resume_version_can_be_linked(auth_client, resume):
    body = create(auth_client, resume_version_id=str(resume.pk)).json()
    assert body["resume_version_id"] == str(resume.pk)


def test_someone_elses_resume_version_is_404_and_nothing_is_created(auth_client, other_user):
    theirs = ResumeVersion.objects.create(user=other_user, version_name="theirs")
    response = create(auth_client, resume_version_id=str(theirs.pk))
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_deleting_the_resume_version_unlinks_it(auth_client, resume):
    application_id = create(auth_client, resume_version_id=str(resume.pk)).json()["id"]
    resume.delete()
    assert auth_client.get(f"{URL}{application_id}").json()["resume_version_id"] is None


def test_get_returns_the_application_with_everything_nested(auth_client, user):
    application = factories.full_application(user)
    body = auth_client.get(f"{URL}{application.pk}").json()
    assert [stage["stage_name"] for stage in body["stages"]] == ["Recruiter Call", "Technical"]
    assert body["outcome"]["salary"] == 100_000
    assert body["reflection"]["skill_gaps"] == {"Go": "beginner"}
    assert sorted(tag["name"] for tag in body["tags"]) == ["dream", "remote"]


def test_the_list_filters_by_status_and_priority_and_pages_with_skip_and_limit(auth_client, user):
    for n in range(5):
        factories.application(user, company_name=f"C{n}", status="Applied", priority="High" if n % 2 else "Low")
    factories.application(user, company_name="Saved one")
    assert len(auth_client.get(URL).json()) == 6
    applied = auth_client.get(URL, {"status": "Applied"}).json()
    assert {a["company_name"] for a in applied} == {"C0", "C1", "C2", "C3", "C4"}
    high = auth_client.get(URL, {"status": "Applied", "priority": "High"}).json()
    assert {a["company_name"] for a in high} == {"C1", "C3"}
    page = auth_client.get(URL, {"skip": 1, "limit": 2}).json()
    everything = auth_client.get(URL).json()
    assert [a["id"] for a in page] == [a["id"] for a in everything[1:3]]


def test_an_unknown_status_filter_is_a_400(auth_client):
    response = auth_client.get(URL, {"status": "Pending"})
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_a_negative_skip_is_a_400(auth_client):
    assert auth_client.get(URL, {"skip": -1}).status_code == 400


def test_deleting_cascades_to_everything_hanging_off_the_application(auth_client, user):
    # given an application with every kind of related row
    application = factories.full_application(user)
    factories.contact(user, application=application)
    factories.document(application)
    factories.reminder(user, application=application)
    ActivityLog.objects.create(user=user, application=application, action="Application Created")
    standalone_contact = factories.contact(user)
    # when
    response = auth_client.delete(f"{URL}{application.pk}")
    # then
    assert response.status_code == 200
    assert response.json() == {"detail": "Application deleted"}
    for model in (Application, ApplicationStage, Outcome, Reflection, Document, Reminder, ApplicationTag, ActivityLog):
        assert not model.objects.exists(), model.__name__
    assert list(Contact.objects.all()) == [standalone_contact]
    assert Tag.objects.count() == 2  # the tags themselves stay in the user's library


def test_a_failed_delete_leaves_every_row_in_place(user, monkeypatch):
    # given an application, and a fault injected after the cascade ran
    application = factories.full_application(user)
    application_id = application.pk
    factories.document(application)
    from tracker.services import applications as application_services

    def broken(**kwargs):
        raise RuntimeError("fails after the rows were deleted")

    monkeypatch.setattr(application_services, "tracker_write_done", broken)
    # when
    with pytest.raises(RuntimeError):
        application_services.application_delete(user=user, application=application)
    # then the whole cascade was rolled back
    assert Application.objects.filter(pk=application_id).exists()
    assert ApplicationStage.objects.filter(application_id=application_id).count() == 2
    assert Outcome.objects.filter(application_id=application_id).exists()
    assert Document.objects.filter(application_id=application_id).exists()


def test_creating_an_application_for_a_company_and_role_already_tracked_lists_the_duplicates(auth_client, user):
    # given
    earlier = factories.application(user, company_name="Acme Corp", role_title="Software Engineer", status="Applied")
    factories.application(user, company_name="Acme Corp", role_title="Designer")
    # when the same company and role arrive in another spelling
    response = create(auth_client, company_name="  acme corp ", role_title="SOFTWARE ENGINEER")
    # then it is created anyway, with the hint
    assert response.status_code == 201
    duplicates = response.json()["duplicates"]
    assert [d["id"] for d in duplicates] == [str(earlier.pk)]
    assert set(duplicates[0]) == {"id", "company_name", "role_title", "status", "applied_date", "created_at"}
    assert Application.objects.count() == 3


def test_the_duplicates_hint_never_shows_another_users_applications(auth_client, other_user):
    factories.application(other_user)
    assert create(auth_client).json()["duplicates"] == []


def test_the_detail_answers_without_a_trailing_slash_and_with_one(auth_client, user):
    application = factories.application(user)
    assert auth_client.get(f"/api/v1/applications/{application.pk}").status_code == 200
    assert auth_client.get(f"/api/v1/applications/{application.pk}/").status_code == 200
    assert auth_client.get("/api/applications").status_code == 200


def test_dates_are_written_as_yyyy_mm_dd(auth_client):
    day = date.today() - timedelta(days=3)
    body = create(auth_client, applied_date=day.isoformat(), follow_up_date="2026-04-01").json()
    assert body["applied_date"] == day.isoformat()
    assert body["follow_up_date"] == "2026-04-01"


@pytest.mark.parametrize(
    "written",
    ["2026-1-5", "2026-01-5", "2026-1-05", "26-01-05", "2026-01-05\n", "2026-01-05T00:00", "２０２６-01-05"],
)
def test_a_date_not_written_exactly_as_yyyy_mm_dd_is_400_and_nothing_is_stored(auth_client, written):
    # when a date is sent in a shape strptime would still read
    response = create(auth_client, applied_date=written)
    # then
    assert response.status_code == 400
    assert response.json()["errors"] == {"applied_date": ["Use the date format YYYY-MM-DD, e.g. 2026-03-15."]}
    assert not Application.objects.exists()


def test_a_well_formed_date_that_is_not_a_day_is_400_saying_so(auth_client):
    response = create(auth_client, follow_up_date="2026-02-30")
    assert response.status_code == 400
    assert response.json()["errors"] == {"follow_up_date": ["2026-02-30 is not a day in the calendar."]}


def test_stage_and_update_dates_are_held_to_the_same_shape(auth_client, user):
    # given
    application = factories.application(user)
    base = f"{URL}{application.pk}"
    # when
    stage = auth_client.post(f"{base}/stages", {"stage_name": "Screen", "stage_date": "2026-3-1"}, format="json")
    update = auth_client.put(base, {"follow_up_date": "2026-3-1"}, format="json")
    # then
    assert stage.status_code == 400 and "stage_date" in stage.json()["errors"]
    assert update.status_code == 400 and "follow_up_date" in update.json()["errors"]
    application.refresh_from_db()
    assert application.follow_up_date is None and not application.stages.exists()


def test_linking_someone_elses_resume_version_on_update_is_404(auth_client, user, other_user):
    application = factories.application(user)
    theirs = ResumeVersion.objects.create(user=other_user, version_name="theirs")
    response = auth_client.put(f"{URL}{application.pk}", {"resume_version_id": str(theirs.pk)}, format="json")
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.resume_version_id is None


@pytest.mark.parametrize("path", ["/api/v1/applications", "/api/v1/contacts", "/api/v1/saved-jobs", "/api/v1/analytics/activity"])
def test_a_skip_past_any_database_integer_is_an_empty_page(auth_client, user, path):
    factories.application(user)
    response = auth_client.get(path, {"skip": "99999999999999999999"})
    assert response.status_code == 200
    assert response.json() == []
