"""Builders for progress tests: seeded milestones and tracker rows made directly."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from tracker.models import Application, ApplicationStage, Contact, Outcome, Reflection, Reminder


def seed_milestones() -> None:
    call_command("seed_milestones", stdout=StringIO())


def make_application(user, *, status: str = "Applied", **fields) -> Application:
    fields.setdefault("company_name", "Acme")
    fields.setdefault("role_title", "Engineer")
    return Application.objects.create(user=user, status=status, **fields)


def make_outcome(application, *, status: str = "Offer") -> Outcome:
    return Outcome.objects.create(application=application, status=status)


def make_reflection(application) -> Reflection:
    return Reflection.objects.create(application=application, what_worked="Preparation")


def make_stage(application) -> ApplicationStage:
    return ApplicationStage.objects.create(application=application, stage_name="Phone screen")


def make_contact(user) -> Contact:
    return Contact.objects.create(user=user, name="Rita Recruiter")


def make_reminder(user, *, is_completed: bool = False) -> Reminder:
    return Reminder.objects.create(
        user=user, title="Follow up", remind_at=timezone.now() + timedelta(days=1), is_completed=is_completed
    )
