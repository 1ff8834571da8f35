"""Query filters of the tracker's lists (seed 003's query parameters)."""

import django_filters

from careerhub.api.filters import StrictBooleanFilter, StrictFilterSet
from tracker.models import (
    ActivityLog,
    Application,
    ApplicationStatus,
    Contact,
    ContactType,
    Priority,
    Reminder,
    ReminderType,
    SavedJob,
    SavedJobStatus,
)


class ApplicationFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, help_text="Filter by ApplicationStatus")
    priority = django_filters.ChoiceFilter(choices=Priority.choices, help_text="Filter by Priority")

    class Meta:
        model = Application
        fields = ["status", "priority"]


class ContactFilter(StrictFilterSet):
    application_id = django_filters.UUIDFilter(field_name="application_id", help_text="Contacts linked to one application")
    contact_type = django_filters.ChoiceFilter(choices=ContactType.choices, help_text="Filter by ContactType")

    class Meta:
        model = Contact
        fields = ["application_id", "contact_type"]


class ReminderFilter(StrictFilterSet):
    is_completed = StrictBooleanFilter(help_text="Filter by completion status")
    reminder_type = django_filters.ChoiceFilter(choices=ReminderType.choices, help_text="Filter by ReminderType")

    class Meta:
        model = Reminder
        fields = ["is_completed", "reminder_type"]


class SavedJobFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=SavedJobStatus.choices, help_text="Active, Archived or Converted")
    priority = django_filters.ChoiceFilter(choices=Priority.choices, help_text="Filter by Priority")

    class Meta:
        model = SavedJob
        fields = ["status", "priority"]


class ActivityFilter(StrictFilterSet):
    application_id = django_filters.UUIDFilter(field_name="application_id", help_text="One application's timeline")

    class Meta:
        model = ActivityLog
        fields = ["application_id"]
