"""The outcome (offer details) and the reflection: at most one of each per application."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import User
from careerhub import events
from careerhub.api.errors import Conflict
from careerhub.services import model_update
from tracker import events as tracker_events
from tracker.models import ActivityAction, Application, Outcome, OutcomeStatus, Reflection
from tracker.services.applications import application_lock, application_status_set
from tracker.services.bookkeeping import activity_record, tracker_write_done

OUTCOME_FIELDS = (
    "status",
    "salary",
    "salary_currency",
    "bonus",
    "equity",
    "benefits",
    "start_date",
    "deadline",
    "negotiation_notes",
    "notes",
)
REFLECTION_FIELDS = ("what_worked", "what_failed", "skill_gaps", "improvement_plan")


def _outcome_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: data[name] for name in OUTCOME_FIELDS if name in data}
    if "status" in values and values["status"] is None:
        values["status"] = OutcomeStatus.OFFER  # the seed's default stands for a null too
    return values


def _application_follows_outcome(*, user: User, application: Application, status: str) -> None:
    """The application's status follows its outcome: Offer, Rejected or Withdrawn."""
    if application.status != status:
        application_status_set(user=user, application=application, status=status, auto=True)
        application.save(update_fields=["status", "updated_at"])


@transaction.atomic
def outcome_create(*, user: User, application: Application, data: Mapping[str, Any]) -> Outcome:
    """Record the outcome; a second one is a 409. The application moves to the outcome's status."""
    # The row lock makes a concurrent second POST wait here and then see the first outcome.
    application = application_lock(application=application)
    if Outcome.objects.filter(application=application).exists():
        raise Conflict("This application already has an outcome; use PUT to update it.", code="outcome_exists")
    try:
        with transaction.atomic():
            outcome = Outcome.objects.create(application=application, **_outcome_values(data))
    except IntegrityError:
        raise Conflict("This application already has an outcome; use PUT to update it.", code="outcome_exists") from None
    is_offer = outcome.status == OutcomeStatus.OFFER
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.OFFER_ADDED if is_offer else ActivityAction.OUTCOME_ADDED,
        description=f"{'Offer' if is_offer else outcome.status} recorded for {application.company_name}",
        metadata={"outcome_id": str(outcome.pk), "status": outcome.status, "salary": outcome.salary},
    )
    _application_follows_outcome(user=user, application=application, status=outcome.status)
    tracker_write_done(user=user)
    events.emit(tracker_events.OUTCOME_CREATED, user_id=str(user.pk))
    return outcome


@transaction.atomic
def outcome_update(*, user: User, outcome: Outcome, data: Mapping[str, Any]) -> Outcome:
    """Update the fields sent. A status change moves the application along and emits
    `tracker.outcome_changed`, since a rejection turned into an offer earns what creating an
    offer does."""
    application = application_lock(application=outcome.application)
    changed = sorted(model_update(instance=outcome, fields=OUTCOME_FIELDS, data=_outcome_values(data)))
    if changed:
        activity_record(
            user=user,
            application=application,
            action=ActivityAction.OUTCOME_UPDATED,
            description=f"Updated the outcome ({', '.join(changed)})",
            metadata={"outcome_id": str(outcome.pk), "fields": changed, "status": outcome.status},
        )
    if "status" in changed:
        _application_follows_outcome(user=user, application=application, status=outcome.status)
    tracker_write_done(user=user)
    if "status" in changed:
        events.emit(tracker_events.OUTCOME_CHANGED, user_id=str(user.pk))
    return outcome


@transaction.atomic
def outcome_delete(*, user: User, outcome: Outcome) -> None:
    activity_record(
        user=user,
        application=outcome.application,
        action=ActivityAction.OUTCOME_DELETED,
        description="Deleted the outcome",
        metadata={"outcome_id": str(outcome.pk), "status": outcome.status},
    )
    outcome.delete()
    tracker_write_done(user=user)


@transaction.atomic
def reflection_create(*, user: User, application: Application, data: Mapping[str, Any]) -> Reflection:
    application = application_lock(application=application)
    if Reflection.objects.filter(application=application).exists():
        raise Conflict("This application already has a reflection; use PUT to update it.", code="reflection_exists")
    values = {name: data[name] for name in REFLECTION_FIELDS if name in data}
    try:
        with transaction.atomic():
            reflection = Reflection.objects.create(application=application, **values)
    except IntegrityError:
        raise Conflict("This application already has a reflection; use PUT to update it.", code="reflection_exists") from None
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.REFLECTION_ADDED,
        description=f"Reflected on {application.role_title} at {application.company_name}",
        metadata={"reflection_id": str(reflection.pk)},
    )
    tracker_write_done(user=user)
    events.emit(tracker_events.REFLECTION_CREATED, user_id=str(user.pk))
    return reflection


@transaction.atomic
def reflection_update(*, user: User, reflection: Reflection, data: Mapping[str, Any]) -> Reflection:
    changed = sorted(model_update(instance=reflection, fields=REFLECTION_FIELDS, data=data))
    if changed:
        activity_record(
            user=user,
            application=reflection.application,
            action=ActivityAction.REFLECTION_UPDATED,
            description=f"Updated the reflection ({', '.join(changed)})",
            metadata={"reflection_id": str(reflection.pk), "fields": changed},
        )
    tracker_write_done(user=user)
    return reflection


@transaction.atomic
def reflection_delete(*, user: User, reflection: Reflection) -> None:
    activity_record(
        user=user,
        application=reflection.application,
        action=ActivityAction.REFLECTION_DELETED,
        description="Deleted the reflection",
        metadata={"reflection_id": str(reflection.pk)},
    )
    reflection.delete()
    tracker_write_done(user=user)
