"""Due reminders by email (DESIGN §5: "send due reminders (beat)").

Every few minutes the beat task sends one email per reminder whose time has come and that
is neither completed nor already notified, then stamps `notified_at`. Rows are claimed with
SKIP LOCKED, so two runs at once never send the same reminder twice; a reminder whose email
could not be sent keeps `notified_at` empty and is tried again on the next run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from tracker.models import Reminder

logger = logging.getLogger(__name__)

NOTIFY_BATCH_SIZE = 200
# A reminder that fell due long ago (the service was down for days) is not worth an email.
STALE_AFTER = timedelta(days=7)


def _message(reminder: Reminder) -> EmailMessage:
    lines = [f"Your reminder \"{reminder.title}\" is due ({reminder.remind_at:%Y-%m-%d %H:%M} UTC)."]
    if reminder.application_id:
        application = reminder.application
        lines.append(f"Application: {application.role_title} at {application.company_name} ({application.status}).")
    if reminder.description:
        lines += ["", reminder.description]
    lines += ["", f"Type: {reminder.reminder_type}. Mark it done in careerhub when you have dealt with it."]
    return EmailMessage(
        subject=f"Reminder: {reminder.title}"[:200],
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.user.email],
    )


def reminders_notify_due(*, now: datetime | None = None, batch_size: int = NOTIFY_BATCH_SIZE) -> int:
    """Email the owners of due reminders; returns how many emails were sent."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "application")
            .filter(is_completed=False, notified_at__isnull=True, remind_at__lte=now, remind_at__gt=now - STALE_AFTER)
            .filter(user__is_active=True)
            .order_by("remind_at", "id")[:batch_size]
        )
        if not due:
            return 0
        connection = get_connection()
        delivered: list = []
        for reminder in due:
            try:
                connection.send_messages([_message(reminder)])
            except Exception as exc:  # noqa: BLE001 - one bad address or a mail outage: the rest still go out
                logger.warning("Reminder %s not emailed: %r", reminder.pk, exc)
                continue
            delivered.append(reminder.pk)
        Reminder.objects.filter(pk__in=delivered).update(notified_at=now)
        sent = len(delivered)
    return sent
