from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.models import Reminder
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def test_a_reminder_needs_a_title_and_a_time_and_defaults_to_general(auth_client, user):
    response = auth_client.post("/api/v1/reminders/", {"title": "Call back", "remind_at": "2026-03-15T09:00:00"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["reminder_type"] == "General" and body["is_completed"] is False and body["completed_at"] is None
    assert body["remind_at"].startswith("2026-03-15T09:00:00")
    assert body["user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x"}, "remind_at"),
        ({"remind_at": "2026-03-15T09:00:00"}, "title"),
        ({"title": "x", "remind_at": "next tuesday"}, "remind_at"),
        ({"title": "x", "remind_at": "2026-03-15T09:00:00", "reminder_type": "Birthday"}, "reminder_type"),
        ({"title": "x" * 256, "remind_at": "2026-03-15T09:00:00"}, "title"),
    ],
)
def test_invalid_reminders_are_400(auth_client, body, field):
    response = auth_client.post("/api/v1/reminders", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_reminder_for_someone_elses_application_is_404(auth_client, other_user):
    theirs = factories.application(other_user)
    body = {"title": "x", "remind_at": "2026-03-15T09:00:00", "application_id": str(theirs.pk)}
    assert auth_client.post("/api/v1/reminders", body, format="json").status_code == 404
    assert not Reminder.objects.exists()


def test_reminders_filter_by_completion_and_type(auth_client, user):
    factories.reminder(user, title="done", is_completed=True, reminder_type="Deadline")
    factories.reminder(user, title="open deadline", reminder_type="Deadline")
    factories.reminder(user, title="open interview", reminder_type="Interview")
    open_ones = auth_client.get("/api/v1/reminders", {"is_completed": "false"}).json()
    assert {r["title"] for r in open_ones} == {"open deadline", "open interview"}
    deadlines = auth_client.get("/api/v1/reminders", {"reminder_type": "Deadline"}).json()
    assert {r["title"] for r in deadlines} == {"done", "open deadline"}
    assert auth_client.get("/api/v1/reminders", {"reminder_type": "Nope"}).status_code == 400


def test_upcoming_lists_incomplete_reminders_soonest_first_then_overdue_ones(auth_client, user):
    # given
    now = timezone.now()
    factories.reminder(user, title="in two days", remind_at=now + timedelta(days=2))
    factories.reminder(user, title="tomorrow", remind_at=now + timedelta(days=1))
    factories.reminder(user, title="overdue", remind_at=now - timedelta(days=1))
    factories.reminder(user, title="long overdue", remind_at=now - timedelta(days=9))
    factories.reminder(user, title="done", remind_at=now + timedelta(hours=1), is_completed=True)
    # when
    titles = [r["title"] for r in auth_client.get("/api/v1/reminders/upcoming").json()]
    # then
    assert titles == ["tomorrow", "in two days", "long overdue", "overdue"]
    assert [r["title"] for r in auth_client.get("/api/v1/reminders/upcoming", {"limit": 1}).json()] == ["tomorrow"]


def test_upcoming_returns_ten_by_default(auth_client, user):
    for n in range(12):
        factories.reminder(user, title=f"r{n}", remind_at=timezone.now() + timedelta(hours=n + 1))
    assert len(auth_client.get("/api/v1/reminders/upcoming").json()) == 10


def test_completing_a_reminder_stamps_completed_at_once(auth_client, user):
    # given
    reminder = factories.reminder(user)
    # when
    first = auth_client.post(f"/api/v1/reminders/{reminder.pk}/complete").json()
    second = auth_client.post(f"/api/v1/reminders/{reminder.pk}/complete/").json()
    # then
    assert first["is_completed"] is True and first["completed_at"] is not None
    assert second["completed_at"] == first["completed_at"]


def test_reopening_a_reminder_through_put_clears_completed_at(auth_client, user):
    reminder = factories.reminder(user, is_completed=True, completed_at=timezone.now())
    body = auth_client.put(f"/api/v1/reminders/{reminder.pk}", {"is_completed": False}, format="json").json()
    assert body["is_completed"] is False and body["completed_at"] is None
    body = auth_client.put(f"/api/v1/reminders/{reminder.pk}", {"is_completed": True}, format="json").json()
    assert body["completed_at"] is not None


def test_a_reminder_is_read_updated_and_deleted(auth_client, user):
    reminder = factories.reminder(user, description="d")
    assert auth_client.get(f"/api/v1/reminders/{reminder.pk}").json()["title"] == reminder.title
    body = auth_client.put(f"/api/v1/reminders/{reminder.pk}", {"title": "New", "reminder_type": "Follow-up"}, format="json").json()
    assert body["title"] == "New" and body["reminder_type"] == "Follow-up" and body["description"] == "d"
    assert auth_client.delete(f"/api/v1/reminders/{reminder.pk}").json() == {"detail": "Reminder deleted"}


@pytest.mark.parametrize("query", ["is_completed=null", "is_completed=1", "is_completed=", "reminder_type=", "is_completed=true&is_completed=false"])
def test_a_filter_parameter_that_is_sent_must_hold_a_valid_value(auth_client, query):
    response = auth_client.get(f"/api/v1/reminders?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
