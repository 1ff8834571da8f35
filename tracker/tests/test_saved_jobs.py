from datetime import date

import pytest

from tracker.models import ActivityLog, Application, SavedJob
from tracker.tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/saved-jobs/"


def test_a_saved_job_needs_only_a_company_and_gets_the_documented_defaults(auth_client, user):
    response = auth_client.post(URL, {"company_name": "Globex"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["priority"], body["salary_currency"]) == ("Active", "Medium", "USD")
    assert body["converted_to_application_id"] is None and body["duplicates"] == []
    assert set(body) - {"duplicates"} == {
        "id", "user_id", "company_name", "role_title", "url", "company_website", "location", "job_type",
        "work_mode", "salary_range_min", "salary_range_max", "salary_currency", "priority", "source", "notes",
        "deadline", "excitement_level", "status", "converted_to_application_id", "created_at", "updated_at",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"excitement_level": 0}, "excitement_level"),
        ({"excitement_level": 6}, "excitement_level"),
        ({"salary_range_min": 10, "salary_range_max": 5}, "salary_range_max"),
        ({"salary_range_min": -1}, "salary_range_min"),
        ({"priority": "Urgent"}, "priority"),
        ({"work_mode": "Remote-ish"}, "work_mode"),
        ({"deadline": "soon"}, "deadline"),
        ({"company_website": "x" * 501}, "company_website"),
    ],
)
def test_invalid_saved_jobs_are_400(auth_client, body, field):
    response = auth_client.post(URL, {"company_name": "Globex", **body}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_saving_a_job_already_applied_for_lists_the_application(auth_client, user):
    application = factories.application(user, company_name="Globex", role_title="Backend Engineer", status="Applied")
    body = auth_client.post(URL, {"company_name": "globex", "role_title": "backend engineer"}, format="json").json()
    assert [d["id"] for d in body["duplicates"]] == [str(application.pk)]


def test_saved_jobs_filter_by_status_and_priority(auth_client, user):
    factories.saved_job(user, company_name="A", priority="High")
    factories.saved_job(user, company_name="B", status="Archived", priority="High")
    factories.saved_job(user, company_name="C", priority="Low")
    assert {j["company_name"] for j in auth_client.get(URL, {"status": "Active"}).json()} == {"A", "C"}
    assert {j["company_name"] for j in auth_client.get(URL, {"priority": "High"}).json()} == {"A", "B"}
    assert auth_client.get(URL, {"status": "Gone"}).status_code == 400


def test_a_saved_job_can_be_archived_and_reactivated(auth_client, user):
    saved = factories.saved_job(user)
    assert auth_client.put(f"{URL}{saved.pk}", {"status": "Archived"}, format="json").json()["status"] == "Archived"
    assert auth_client.put(f"{URL}{saved.pk}", {"status": "Active"}, format="json").json()["status"] == "Active"


def test_status_cannot_be_set_to_converted_by_hand(auth_client, user):
    saved = factories.saved_job(user)
    response = auth_client.put(f"{URL}{saved.pk}", {"status": "Converted"}, format="json")
    assert response.status_code == 400
    saved.refresh_from_db()
    assert saved.status == "Active"


def test_a_converted_saved_job_keeps_its_status(auth_client, user):
    saved = factories.saved_job(user)
    auth_client.post(f"{URL}{saved.pk}/convert")
    assert auth_client.put(f"{URL}{saved.pk}", {"status": "Active"}, format="json").status_code == 400
    assert auth_client.put(f"{URL}{saved.pk}", {"notes": "still editable"}, format="json").status_code == 200


def test_a_saved_job_is_read_updated_and_deleted(auth_client, user):
    saved = factories.saved_job(user, notes="n")
    assert auth_client.get(f"{URL}{saved.pk}").json()["company_name"] == "Globex"
    body = auth_client.put(f"{URL}{saved.pk}", {"excitement_level": 5, "job_type": "Contract"}, format="json").json()
    assert body["excitement_level"] == 5 and body["job_type"] == "Contract" and body["notes"] == "n"
    assert auth_client.delete(f"{URL}{saved.pk}").json() == {"detail": "Saved job deleted"}
    assert not SavedJob.objects.exists()


def test_converting_creates_the_application_from_the_saved_jobs_fields(auth_client, user):
    # given
    saved = factories.saved_job(
        user,
        url="https://globex.test/jobs/1",
        location="Remote",
        job_type="full_time",
        work_mode="remote",
        salary_range_min=90_000,
        salary_range_max=110_000,
        salary_currency="EUR",
        priority="High",
        source="linkedin",
        notes="Great team",
    )
    # when
    response = auth_client.post(f"{URL}{saved.pk}/convert")
    # then
    assert response.status_code == 201
    body = response.json()
    assert (body["company_name"], body["role_title"], body["status"]) == ("Globex", "Backend Engineer", "Saved")
    assert (body["job_type"], body["work_mode"]) == ("Full-time", "Remote")
    assert (body["salary_min"], body["salary_max"], body["salary_currency"]) == (90_000, 110_000, "EUR")
    assert (body["priority"], body["applied_source"], body["notes"]) == ("High", "LinkedIn", "Great team")
    assert body["stages"] == [] and body["outcome"] is None
    saved.refresh_from_db()
    assert saved.status == "Converted"
    assert str(saved.converted_to_application_id) == body["id"]
    assert auth_client.get(f"{URL}{saved.pk}").json()["converted_to_application_id"] == body["id"]
    created = ActivityLog.objects.get(action="Application Created")
    assert created.metadata["origin"] == "saved_job" and created.metadata["saved_job_id"] == str(saved.pk)


def test_converting_keeps_what_the_application_has_no_field_for_in_its_notes(auth_client, user):
    # given a free-text source, a deadline, an excitement level and a company website
    saved = factories.saved_job(
        user,
        source="LinkedIn Jobs",
        deadline=date(2026, 12, 1),
        excitement_level=4,
        company_website="https://globex.example",
        notes="Great team",
    )
    # when
    body = auth_client.post(f"{URL}{saved.pk}/convert").json()
    # then the saved job's notes come first, then one line with the rest
    assert body["notes"] == (
        "Great team\n\n"
        "From saved job: source LinkedIn Jobs · deadline 2026-12-01 · excitement 4/5 · website https://globex.example"
    )
    assert body["applied_source"] is None


def test_converting_carries_only_the_values_that_are_set(auth_client, user):
    # given a saved job without notes whose source is a Source value
    saved = factories.saved_job(user, source="Referral", excitement_level=2)
    # when
    body = auth_client.post(f"{URL}{saved.pk}/convert").json()
    # then the source has its own field and is not repeated in the notes
    assert body["applied_source"] == "Referral"
    assert body["notes"] == "From saved job: excitement 2/5"


def test_converting_may_start_the_application_as_applied(auth_client, user):
    saved = factories.saved_job(user)
    body = auth_client.post(f"{URL}{saved.pk}/convert", {"status": "Applied", "applied_date": "2026-02-03"}, format="json").json()
    assert (body["status"], body["applied_date"]) == ("Applied", "2026-02-03")


def test_converting_twice_is_a_409_conflict_and_creates_one_application(auth_client, user):
    # given a saved job converted once
    saved = factories.saved_job(user)
    assert auth_client.post(f"{URL}{saved.pk}/convert").status_code == 201
    # when it is converted again
    response = auth_client.post(f"{URL}{saved.pk}/convert")
    # then DESIGN §2's conflict, in the one error shape
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This saved job has already been converted to an application.",
        "code": "already_converted",
    }
    assert Application.objects.count() == 1


def test_a_saved_job_without_a_role_cannot_be_converted(auth_client, user):
    saved = factories.saved_job(user, role_title=None)
    response = auth_client.post(f"{URL}{saved.pk}/convert")
    assert response.status_code == 400 and "role_title" in response.json()["errors"]
    assert not Application.objects.exists()


def test_a_failed_convert_leaves_no_application_and_the_saved_job_active(user, monkeypatch):
    # given a fault injected after the application row was written
    from tracker.services import saved_jobs

    saved = factories.saved_job(user)
    real_create = saved_jobs.application_create

    def create_then_fail(**kwargs):
        real_create(**kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(saved_jobs, "application_create", create_then_fail)
    # when
    with pytest.raises(RuntimeError):
        saved_jobs.saved_job_convert(user=user, saved_job=saved)
    # then
    assert not Application.objects.exists()
    assert not ActivityLog.objects.exists()
    saved.refresh_from_db()
    assert (saved.status, saved.converted_to_application_id) == ("Active", None)


def test_deleting_the_application_keeps_the_converted_saved_job(auth_client, user):
    saved = factories.saved_job(user)
    application_id = auth_client.post(f"{URL}{saved.pk}/convert").json()["id"]
    auth_client.delete(f"/api/v1/applications/{application_id}")
    saved.refresh_from_db()
    assert saved.status == "Converted" and saved.converted_to_application_id is None
