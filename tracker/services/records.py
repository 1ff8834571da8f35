"""Contacts, documents and reminders: plain records owned by the user (or by their application)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from careerhub.services import model_update
from tracker.models import ActivityAction, Contact, Document, Reminder
from tracker.selectors.applications import application_get
from tracker.services.bookkeeping import activity_record, tracker_write_done

# The fields a body may set (the API's input serializers carry `application` as `application_id`).
CONTACT_FIELDS = (
    "name",
    "application",
    "email",
    "phone",
    "role_title",
    "company",
    "contact_type",
    "linkedin_url",
    "notes",
    "last_contacted",
)
DOCUMENT_FIELDS = ("doc_type", "name", "file_url", "notes")
REMINDER_FIELDS = ("title", "description", "remind_at", "reminder_type", "application")


def _with_linked_application(*, user: User, data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with its `application_id` (if sent) as `application`: one of the user's applications
    (404 otherwise), or None to unlink."""
    values = {name: value for name, value in data.items() if name != "application_id"}
    if "application_id" in data:
        application_id = data["application_id"]
        values["application"] = application_get(user=user, application_id=application_id) if application_id else None
    return values


# --- Contacts ------------------------------------------------------------------------------


@transaction.atomic
def contact_create(*, user: User, data: Mapping[str, Any]) -> Contact:
    values = _with_linked_application(user=user, data=data)
    contact = Contact.objects.create(user=user, **{name: values[name] for name in CONTACT_FIELDS if name in values})
    activity_record(
        user=user,
        application=contact.application,
        action=ActivityAction.CONTACT_ADDED,
        description=f"Added contact {contact.name}",
        metadata={"contact_id": str(contact.pk), "contact_type": contact.contact_type},
    )
    tracker_write_done(user=user)
    return contact


@transaction.atomic
def contact_update(*, user: User, contact: Contact, data: Mapping[str, Any]) -> Contact:
    model_update(instance=contact, fields=CONTACT_FIELDS, data=_with_linked_application(user=user, data=data))
    tracker_write_done(user=user)
    return contact


@transaction.atomic
def contact_delete(*, user: User, contact: Contact) -> None:
    contact.delete()
    tracker_write_done(user=user)


# --- Documents -----------------------------------------------------------------------------


@transaction.atomic
def document_create(*, user: User, data: Mapping[str, Any]) -> Document:
    application = application_get(user=user, application_id=data.get("application_id"))
    values = {name: data[name] for name in DOCUMENT_FIELDS if name in data}
    document = Document.objects.create(application=application, **values)
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.DOCUMENT_ADDED,
        description=f"Added document {document.name} ({document.doc_type}) for {application.company_name}",
        metadata={"document_id": str(document.pk), "doc_type": document.doc_type},
    )
    tracker_write_done(user=user)
    return document


@transaction.atomic
def document_update(*, user: User, document: Document, data: Mapping[str, Any]) -> Document:
    model_update(instance=document, fields=DOCUMENT_FIELDS, data=data)
    tracker_write_done(user=user)
    return document


@transaction.atomic
def document_delete(*, user: User, document: Document) -> None:
    document.delete()
    tracker_write_done(user=user)


# --- Reminders -----------------------------------------------------------------------------


def _completion(reminder: Reminder, is_completed: bool) -> None:
    """Completing stamps completed_at once; reopening clears it."""
    if is_completed and not reminder.is_completed:
        reminder.completed_at = timezone.now()
    elif not is_completed:
        reminder.completed_at = None
    reminder.is_completed = is_completed


@transaction.atomic
def reminder_create(*, user: User, data: Mapping[str, Any]) -> Reminder:
    values = _with_linked_application(user=user, data=data)
    reminder = Reminder.objects.create(user=user, **{name: values[name] for name in REMINDER_FIELDS if name in values})
    activity_record(
        user=user,
        application=reminder.application,
        action=ActivityAction.REMINDER_ADDED,
        description=f"Added reminder {reminder.title}",
        metadata={
            "reminder_id": str(reminder.pk),
            "reminder_type": reminder.reminder_type,
            "remind_at": reminder.remind_at.isoformat(),
        },
    )
    tracker_write_done(user=user)
    return reminder


@transaction.atomic
def reminder_update(*, user: User, reminder: Reminder, data: Mapping[str, Any]) -> Reminder:
    """Update the fields sent; `is_completed` completes or reopens (see _completion)."""
    values = _with_linked_application(user=user, data=data)
    # Saved below with what completing or rescheduling changes besides, in one write.
    changed = model_update(instance=reminder, fields=REMINDER_FIELDS, data=values, save=False)
    if "remind_at" in changed:
        reminder.notified_at = None  # rescheduled: notify again at the new time
    if "is_completed" in values:
        _completion(reminder, values["is_completed"])
    reminder.save()
    tracker_write_done(user=user)
    return reminder


@transaction.atomic
def reminder_complete(*, user: User, reminder: Reminder) -> Reminder:
    """Mark done; completing an already completed reminder keeps its original completed_at."""
    _completion(reminder, True)
    reminder.save(update_fields=["is_completed", "completed_at", "updated_at"])
    tracker_write_done(user=user)
    return reminder


@transaction.atomic
def reminder_delete(*, user: User, reminder: Reminder) -> None:
    reminder.delete()
    tracker_write_done(user=user)
