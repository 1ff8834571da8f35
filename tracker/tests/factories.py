"""Plain builders for tracker rows (the services are exercised through the API in the tests)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

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


def application(user, **fields) -> Application:
    fields.setdefault("company_name", "Acme Corp")
    fields.setdefault("role_title", "Software Engineer")
    return Application.objects.create(user=user, **fields)


def stage(app: Application, **fields) -> ApplicationStage:
    fields.setdefault("stage_name", "Phone Screen")
    return ApplicationStage.objects.create(application=app, **fields)


def outcome(app: Application, **fields) -> Outcome:
    return Outcome.objects.create(application=app, **fields)


def reflection(app: Application, **fields) -> Reflection:
    return Reflection.objects.create(application=app, **fields)


def tag(user, name: str = "remote", **fields) -> Tag:
    return Tag.objects.create(user=user, name=name, **fields)


def assign(app: Application, label: Tag) -> ApplicationTag:
    return ApplicationTag.objects.create(application=app, tag=label)


def contact(user, **fields) -> Contact:
    fields.setdefault("name", "Rita Recruiter")
    return Contact.objects.create(user=user, **fields)


def document(app: Application, **fields) -> Document:
    fields.setdefault("name", "Cover letter v1")
    return Document.objects.create(application=app, **fields)


def reminder(user, **fields) -> Reminder:
    fields.setdefault("title", "Follow up with Acme")
    fields.setdefault("remind_at", timezone.now() + timedelta(days=1))
    return Reminder.objects.create(user=user, **fields)


def saved_job(user, **fields) -> SavedJob:
    fields.setdefault("company_name", "Globex")
    fields.setdefault("role_title", "Backend Engineer")
    return SavedJob.objects.create(user=user, **fields)


def full_application(user, n: int = 0, today: date | None = None) -> Application:
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
