"""Due reminders are emailed once, by the beat task (DESIGN §5)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from tracker.models import Reminder
from tracker.services.notifications import reminders_notify_due
from tracker.tasks import send_due_reminders
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def due_reminder(user, minutes_ago=5, **fields):
    return factories.reminder(user, remind_at=timezone.now() - timedelta(minutes=minutes_ago), **fields)


def test_a_due_reminder_is_emailed_to_its_owner_once(user):
    # given a reminder that came due five minutes ago, linked to an application
    application = factories.application(user, company_name="Acme", role_title="Backend Engineer")
    reminder = due_reminder(user, title="Send the thank-you note", application=application, description="Mention the demo.")
    # when the beat task runs twice
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0
    # then exactly one email went out, to the owner, about this reminder
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Reminder: Send the thank-you note"
    assert "Backend Engineer at Acme" in message.body and "Mention the demo." in message.body
    reminder.refresh_from_db()
    assert reminder.notified_at is not None


def test_future_completed_and_long_overdue_reminders_are_not_emailed(user):
    factories.reminder(user, remind_at=timezone.now() + timedelta(hours=1))
    due_reminder(user, is_completed=True, completed_at=timezone.now())
    due_reminder(user, minutes_ago=60 * 24 * 8)
    assert reminders_notify_due() == 0
    assert mail.outbox == []


def test_an_inactive_users_reminders_are_not_emailed(user):
    due_reminder(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert reminders_notify_due() == 0


def test_moving_a_reminder_notifies_again_at_its_new_time(auth_client, user):
    reminder = due_reminder(user)
    reminders_notify_due()
    later = (timezone.now() + timedelta(days=1)).isoformat()
    assert auth_client.put(f"/api/v1/reminders/{reminder.pk}", {"remind_at": later}, format="json").status_code == 200
    reminder.refresh_from_db()
    assert reminder.notified_at is None
    assert reminders_notify_due(now=timezone.now() + timedelta(days=1, minutes=1)) == 1


def test_a_failed_email_is_retried_on_the_next_run(user, monkeypatch):
    reminder = due_reminder(user)

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert reminders_notify_due() == 0
    assert Reminder.objects.get(pk=reminder.pk).notified_at is None
    monkeypatch.undo()
    assert reminders_notify_due() == 1


def test_the_beat_schedule_runs_the_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["tracker-send-due-reminders"]
    assert entry["task"] == "tracker.send_due_reminders"
