"""Celery entry points for the tracker: a payload in, one service call, a retry policy."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import IntegrityError, InterfaceError, OperationalError

from careerhub.cache import OUTAGE_ERRORS
from tracker.services.bookkeeping import dashboard_forget
from tracker.services.from_match import PAYLOAD_FIELDS, application_create_from_match, applications_posting_closed_set
from tracker.services.inbox import (
    inbox_mailbox_read,
    inbox_mailboxes_read_all,
    inbox_message_process,
    inbox_messages_ask_model_again,
    inbox_messages_forget_old,
)
from tracker.services.notifications import reminders_notify_due


@shared_task(
    name="tracker.application_from_match",
    # IntegrityError: a concurrent run stored the same match's application first; the retry finds it.
    autoretry_for=(OperationalError, InterfaceError, IntegrityError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
    ignore_result=True,
)
def application_from_match(user_id: str, match_id: str, **job: Any) -> str | None:
    """React to `jobs.match_applied`: the match's application, created once. Idempotent."""
    fields = {name: job[name] for name in PAYLOAD_FIELDS if name in job}
    application = application_create_from_match(user_id=user_id, match_id=match_id, **fields)
    return str(application.pk) if application is not None else None


@shared_task(
    name="tracker.posting_closed_changed",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
    ignore_result=True,
)
def posting_closed_changed(match_ids: list[str], closed_at: str | None = None) -> int:
    """React to `jobs.postings_closed_changed`: applications made from those matches say the posting closed. Idempotent."""
    return applications_posting_closed_set(match_ids=match_ids, closed_at=closed_at)


@shared_task(
    name="tracker.send_due_reminders",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=120,
    time_limit=180,
    ignore_result=True,
)
def send_due_reminders() -> int:
    """Beat: email every reminder that has come due (idempotent: each is sent once)."""
    return reminders_notify_due()


@shared_task(
    name="tracker.forget_dashboard",
    autoretry_for=OUTAGE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
    ignore_result=True,
)
def forget_dashboard(user_id: str) -> None:
    """On profiles.scoring_inputs_changed: drop the user's cached dashboard. Idempotent."""
    dashboard_forget(user_id=user_id)


@shared_task(
    name="tracker.inbox_process_message",
    # The classification may call the LLM (which never raises out of the pipeline); only the
    # database can fail here, and the task is idempotent.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
    ignore_result=True,
)
def inbox_process_message(message_id: str) -> None:
    """Classify and match one stored inbox message and store its suggestion. Idempotent."""
    inbox_message_process(message_id=message_id)


@shared_task(
    name="tracker.inbox_ask_model_again",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    # A batch of LLM calls, each bounded by LLM_TIMEOUT_SECONDS; the run stops at the first unanswered one.
    soft_time_limit=600,
    time_limit=660,
    ignore_result=True,
)
def inbox_ask_model_again() -> int:
    """Beat: ask the LLM again about the emails it did not answer for (docs/inbox.md). Idempotent."""
    return inbox_messages_ask_model_again()


@shared_task(
    name="tracker.inbox_forget_old_messages",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=300,
    time_limit=360,
    ignore_result=True,
)
def inbox_forget_old_messages() -> int:
    """Beat, daily: delete inbox messages older than INBOX_RETENTION_DAYS. Idempotent."""
    return inbox_messages_forget_old()


@shared_task(
    name="tracker.inbox_read_mailboxes",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=60,
    time_limit=120,
    ignore_result=True,
)
def inbox_read_mailboxes() -> int:
    """Beat: queue one read per connected mailbox."""
    return inbox_mailboxes_read_all()


@shared_task(
    name="tracker.inbox_read_mailbox",
    # OSError: the server could not be reached (recorded in last_error); tried again with backoff.
    autoretry_for=(OperationalError, InterfaceError, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=240,
    time_limit=300,
    ignore_result=True,
)
def inbox_read_mailbox(mailbox_id: str) -> int:
    """Read the mailbox's new messages (each UID once, INBOX_IMAP_BATCH_SIZE at most). Idempotent."""
    return inbox_mailbox_read(mailbox_id=mailbox_id)
