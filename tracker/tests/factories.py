"""Plain builders for tracker rows with sensible defaults, for the tracker's tests and other apps'.

Each writes its row directly (no activity log, no events): a test that is about a service calls
the service or the API. Keyword arguments override any default.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from tracker.inbox.kinds import MessageKind
from tracker.inbox.models import InboxMessage, InboxSuggestion, ReceivedVia, SourceFormat
from tracker.models import (
    Application,
    ApplicationStage,
    ApplicationTag,
    Contact,
    Document,
    Outcome,
    Reflection,
    Reminder,
    SavedJob,
    Tag,
)


def application(user: User, **fields: Any) -> Application:
    fields.setdefault("company_name", "Acme Corp")
    fields.setdefault("role_title", "Software Engineer")
    return Application.objects.create(user=user, **fields)


def stage(app: Application, **fields: Any) -> ApplicationStage:
    fields.setdefault("stage_name", "Phone Screen")
    return ApplicationStage.objects.create(application=app, **fields)


def outcome(app: Application, **fields: Any) -> Outcome:
    """An outcome; its status defaults to Offer (the model's default)."""
    return Outcome.objects.create(application=app, **fields)


def reflection(app: Application, **fields: Any) -> Reflection:
    return Reflection.objects.create(application=app, **fields)


def tag(user: User, name: str = "remote", **fields: Any) -> Tag:
    return Tag.objects.create(user=user, name=name, **fields)


def assign(app: Application, label: Tag) -> ApplicationTag:
    return ApplicationTag.objects.create(application=app, tag=label)


def contact(user: User, **fields: Any) -> Contact:
    fields.setdefault("name", "Rita Recruiter")
    return Contact.objects.create(user=user, **fields)


def document(app: Application, **fields: Any) -> Document:
    fields.setdefault("name", "Cover letter v1")
    return Document.objects.create(application=app, **fields)


def reminder(user: User, **fields: Any) -> Reminder:
    fields.setdefault("title", "Follow up with Acme")
    fields.setdefault("remind_at", timezone.now() + timedelta(days=1))
    return Reminder.objects.create(user=user, **fields)


def saved_job(user: User, **fields: Any) -> SavedJob:
    fields.setdefault("company_name", "Globex")
    fields.setdefault("role_title", "Backend Engineer")
    return SavedJob.objects.create(user=user, **fields)


def full_application(user: User, n: int = 0) -> Application:
    """An application with two stages, an outcome, a reflection and two tags."""
    app = application(user, company_name=f"Company {n}", status="Offer")
    stage(app, stage_name="Recruiter Call", questions_asked=["Why us?"])
    stage(app, stage_name="Technical", stage_type="Technical")
    outcome(app, salary=100_000)
    reflection(app, what_worked="Prepared well", skill_gaps={"Go": "beginner"})
    for name in ("dream", "remote"):
        label = Tag.objects.filter(user=user, name=name).first() or tag(user, name)
        assign(app, label)
    return app


def inbox_message(user: User, **fields: Any) -> InboxMessage:
    """A stored, processed email matched to `fields["application"]` (if given)."""
    fields.setdefault("message_id", f"<{uuid.uuid4().hex}@example.com>")
    fields.setdefault("sender", "careers@example.com")
    fields.setdefault("subject", "Your application")
    fields.setdefault("received_via", ReceivedVia.UPLOAD)
    fields.setdefault("source", b"From: careers@example.com\r\nSubject: Your application\r\n\r\nHello")
    fields.setdefault("source_format", SourceFormat.RFC822)
    fields.setdefault("kind", MessageKind.REJECTION)
    fields.setdefault("confidence", 0.9)
    fields.setdefault("processed_at", timezone.now())
    return InboxMessage.objects.create(user=user, **fields)


def inbox_suggestion(message: InboxMessage, **fields: Any) -> InboxSuggestion:
    fields.setdefault("proposed", {"action": "status_change", "status": "Rejected", "outcome_status": "Rejected"})
    return InboxSuggestion.objects.create(user=message.user, message=message, **fields)
