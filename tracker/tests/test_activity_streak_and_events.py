from collections import defaultdict
from datetime import timedelta

import pytest
from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from careerhub import events
from tracker.models import ActivityLog, Contact
from tracker.tests import factories

pytestmark = pytest.mark.django_db

RECEIVED: list[tuple[str, str]] = []
EVENTS = (
    "tracker.application_created",
    "tracker.reflection_created",
    "tracker.outcome_created",
    "tracker.outcome_changed",
)


def _recorder(event: str):
    @shared_task(name=f"tracker.tests.on_{event}")
    def record(user_id):
        RECEIVED.append((event, user_id))

    return record


RECORDERS = [_recorder(event) for event in EVENTS]


@pytest.fixture
def received(monkeypatch):
    """Subscribe a recording task to each of the tracker's events, for this test only."""
    monkeypatch.setattr(events, "_subscribers", defaultdict(list))
    for event in EVENTS:
        events.subscribe(event, f"tracker.tests.on_{event}")
    RECEIVED.clear()
    return RECEIVED


def _writes(user):
    """One example of every kind of tracker write: (method, path, body)."""
    application = factories.application(user, status="Applied")
    stage = factories.stage(application)
    reminder = factories.reminder(user)
    tag = factories.tag(user)
    saved = factories.saved_job(user)
    contact = factories.contact(user)
    base = f"/api/v1/applications/{application.pk}"
    return [
        ("post", "/api/v1/applications", {"company_name": "A", "role_title": "B"}),
        ("put", base, {"notes": "n"}),
        ("post", f"{base}/stages", {"stage_name": "x"}),
        ("put", f"{base}/stages/{stage.pk}", {"result": "Passed"}),
        ("post", f"{base}/outcome", {}),
        ("post", f"{base}/reflection", {}),
        ("post", "/api/v1/contacts", {"name": "x"}),
        ("put", f"/api/v1/contacts/{contact.pk}", {"name": "y"}),
        ("post", "/api/v1/documents", {"application_id": str(application.pk), "name": "x"}),
        ("post", "/api/v1/reminders", {"title": "x", "remind_at": "2026-03-15T09:00:00"}),
        ("post", f"/api/v1/reminders/{reminder.pk}/complete", {}),
        ("post", "/api/v1/tags", {"name": "new"}),
        ("post", f"/api/v1/tags/application/{application.pk}/assign/{tag.pk}", {}),
        ("post", "/api/v1/saved-jobs", {"company_name": "x"}),
        ("post", f"/api/v1/saved-jobs/{saved.pk}/convert", {}),
        ("delete", f"/api/v1/contacts/{contact.pk}", None),
    ]


WRITE_COUNT = 16


@pytest.mark.parametrize("index", range(WRITE_COUNT))
def test_every_tracker_write_keeps_the_streak_and_drops_the_cached_dashboard(auth_client, user, index):
    # given a streak that ended yesterday and a cached dashboard
    method, path, body = _writes(user)[index]
    User.objects.filter(pk=user.pk).update(streak_days=3, last_active_date=timezone.localdate() - timedelta(days=1))
    cache.set(f"dashboard:{user.pk}", {"stale": True}, 600)
    # when
    response = getattr(auth_client, method)(path, body, format="json")
    # then
    assert response.status_code in (200, 201), response.json()
    user.refresh_from_db()
    assert (user.streak_days, user.last_active_date) == (4, timezone.localdate())
    assert cache.get(f"dashboard:{user.pk}") is None


def test_the_write_list_covers_every_kind_of_write(user):
    assert len(_writes(user)) == WRITE_COUNT


def test_reads_do_not_count_as_activity(auth_client, user):
    User.objects.filter(pk=user.pk).update(streak_days=3, last_active_date=timezone.localdate() - timedelta(days=1))
    auth_client.get("/api/v1/applications")
    auth_client.get("/api/v1/analytics/dashboard")
    user.refresh_from_db()
    assert user.streak_days == 3


def test_the_three_events_are_emitted_after_commit_with_the_user_id(auth_client, user, received, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        application_id = auth_client.post("/api/v1/applications", {"company_name": "A", "role_title": "B"}, format="json").json()["id"]
        auth_client.post(f"/api/v1/applications/{application_id}/reflection", {}, format="json")
        auth_client.post(f"/api/v1/applications/{application_id}/outcome", {}, format="json")
    # then
    assert received == [
        ("tracker.application_created", str(user.pk)),
        ("tracker.reflection_created", str(user.pk)),
        ("tracker.outcome_created", str(user.pk)),
    ]


def test_changing_an_outcomes_status_emits_outcome_changed_after_commit(
    auth_client, user, received, django_capture_on_commit_callbacks
):
    # given a rejection
    application = factories.application(user, status="Rejected")
    outcome = factories.outcome(application, status="Rejected")
    url = f"/api/v1/applications/{application.pk}/outcome/{outcome.pk}"
    # when it is edited without a status change, then turned into an offer
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.put(url, {"notes": "Asked for feedback"}, format="json").status_code == 200
    assert received == []
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.put(url, {"status": "Offer"}, format="json").status_code == 200
    # then only the status change is announced
    assert received == [("tracker.outcome_changed", str(user.pk))]


def test_converting_a_saved_job_emits_application_created(auth_client, user, received, django_capture_on_commit_callbacks):
    saved = factories.saved_job(user)
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.post(f"/api/v1/saved-jobs/{saved.pk}/convert")
    assert received == [("tracker.application_created", str(user.pk))]


def test_a_refused_write_emits_nothing(auth_client, user, received, django_capture_on_commit_callbacks):
    application = factories.application(user)
    factories.outcome(application)
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.post(f"/api/v1/applications/{application.pk}/outcome", {}, format="json").status_code == 409
    assert received == []


def test_the_activity_timeline_is_newest_first_and_filters_by_application(auth_client, user):
    # given
    first = auth_client.post("/api/v1/applications", {"company_name": "A", "role_title": "B", "status": "Applied"}, format="json").json()
    second = auth_client.post("/api/v1/applications", {"company_name": "C", "role_title": "D"}, format="json").json()
    auth_client.post(f"/api/v1/applications/{first['id']}/stages", {"stage_name": "Screen"}, format="json")
    # when
    timeline = auth_client.get("/api/v1/analytics/activity").json()
    only_first = auth_client.get("/api/v1/analytics/activity", {"application_id": first["id"]}).json()
    # then
    assert [entry["action"] for entry in timeline] == [
        "Status Changed", "Stage Added", "Application Created", "Application Created",
    ]
    assert timeline[-1]["application_id"] == first["id"] and timeline[-2]["application_id"] == second["id"]
    assert [entry["action"] for entry in only_first] == ["Status Changed", "Stage Added", "Application Created"]
    assert set(timeline[0]) == {"id", "user_id", "application_id", "action", "description", "metadata", "created_at"}
    assert timeline[0]["metadata"] == {"old_status": "Applied", "new_status": "Interviewing", "auto": True}


# Each record create through the API: (path, body, its action, its id in the metadata, linked to the application?)
RECORD_CREATES = [
    ("/api/v1/contacts", {"name": "Rita"}, "Contact Added", "contact_id", False),
    ("/api/v1/contacts", {"name": "Hank", "application_id": "{app}"}, "Contact Added", "contact_id", True),
    ("/api/v1/documents", {"name": "CV.pdf", "doc_type": "Resume", "application_id": "{app}"}, "Document Added", "document_id", True),
    ("/api/v1/reminders", {"title": "Chase", "remind_at": "2026-03-15T09:00:00"}, "Reminder Added", "reminder_id", False),
    (
        "/api/v1/reminders",
        {"title": "Chase", "remind_at": "2026-03-15T09:00:00", "application_id": "{app}"},
        "Reminder Added",
        "reminder_id",
        True,
    ),
    ("/api/v1/tags", {"name": "Dream"}, "Tag Added", "tag_id", False),
    ("/api/v1/saved-jobs", {"company_name": "Globex", "role_title": "SRE"}, "Saved Job Added", "saved_job_id", False),
]


@pytest.mark.parametrize(("path", "body", "action", "id_key", "linked"), RECORD_CREATES)
def test_creating_a_record_writes_one_activity_entry_linked_to_its_application(
    auth_client, user, path, body, action, id_key, linked
):
    # given
    application = factories.application(user)
    body = {key: str(application.pk) if value == "{app}" else value for key, value in body.items()}
    # when
    response = auth_client.post(path, body, format="json")
    # then
    assert response.status_code == 201, response.json()
    timeline = auth_client.get("/api/v1/analytics/activity").json()
    assert [entry["action"] for entry in timeline] == [action]
    entry = timeline[0]
    assert entry["metadata"][id_key] == response.json()["id"]
    assert entry["application_id"] == (str(application.pk) if linked else None)
    assert entry["description"]
    only_application = auth_client.get("/api/v1/analytics/activity", {"application_id": str(application.pk)}).json()
    assert [e["action"] for e in only_application] == ([action] if linked else [])


def test_a_refused_record_create_writes_no_activity(auth_client, user):
    # given a tag named Dream
    factories.tag(user, "Dream")
    # when a second one of that name is refused
    assert auth_client.post("/api/v1/tags", {"name": "dream"}, format="json").status_code == 400
    # then
    assert not ActivityLog.objects.exists()


def test_a_create_and_its_activity_entry_are_one_transaction(user, monkeypatch):
    # given a fault injected after the contact and its entry were written
    from tracker.services import records

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(records, "tracker_write_done", fail)
    # when
    with pytest.raises(RuntimeError):
        records.contact_create(user=user, data={"name": "Rita"})
    # then neither is left behind
    assert not Contact.objects.exists() and not ActivityLog.objects.exists()


def test_a_manual_status_change_is_logged_as_not_automatic(auth_client, user):
    application = factories.application(user, status="Applied")
    auth_client.put(f"/api/v1/applications/{application.pk}", {"status": "Rejected"}, format="json")
    entry = auth_client.get("/api/v1/analytics/activity").json()[0]
    assert entry["action"] == "Status Changed"
    assert entry["metadata"] == {"old_status": "Applied", "new_status": "Rejected", "auto": False}


def test_the_activity_timeline_pages_with_skip_and_limit_defaulting_to_50(auth_client, user):
    for n in range(55):
        factories.application(user)
        from tracker.models import ActivityLog

        ActivityLog.objects.create(user=user, action="Application Created", description=str(n))
    assert len(auth_client.get("/api/v1/analytics/activity").json()) == 50
    assert len(auth_client.get("/api/v1/analytics/activity", {"skip": 50}).json()) == 5


def test_another_users_activity_never_shows(auth_client, other_client, user):
    auth_client.post("/api/v1/applications", {"company_name": "A", "role_title": "B"}, format="json")
    assert other_client.get("/api/v1/analytics/activity").json() == []


def test_an_import_emits_application_created_once(auth_client, user, received, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("a.csv", b"company_name,role_title\nA,B\nC,D\n", content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.post("/api/v1/applications/import", {"file": file}, format="multipart").status_code == 201
    assert received == [("tracker.application_created", str(user.pk))]
