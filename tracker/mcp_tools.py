"""The tracker's MCP tools (careerhub.mcp.registry): applications, their stages, and reminders.

Each is the REST route's body with the token's user: the same serializers and filters in and out,
the same selectors and services.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError

from accounts.models import User
from careerhub.api import serializers
from careerhub.mcp.registry import PAGE_PROPERTIES, page, tool, validated
from careerhub.mcp.schema import serializer_properties
from tracker.api import filters
from tracker.api.serializers import applications as application_serializers
from tracker.api.serializers import records as record_serializers
from tracker.api.serializers import stages as stage_serializers
from tracker.api.views.applications import application_created_body
from tracker.models import ApplicationStatus, Priority, ReminderType
from tracker.selectors import applications as application_selectors
from tracker.selectors import records as record_selectors
from tracker.services import applications as application_services
from tracker.services import records as record_services
from tracker.services import stages as stage_services

APPLICATION_ID = {"application_id": {"type": "string", "format": "uuid", "description": "An application's id (from list_applications)."}}
_APPLICATION_INPUT, _APPLICATION_REQUIRED = serializer_properties(application_serializers.ApplicationInputSerializer)
_STAGE_INPUT, _STAGE_REQUIRED = serializer_properties(stage_serializers.StageInputSerializer)
_REMINDER_INPUT, _REMINDER_REQUIRED = serializer_properties(record_serializers.ReminderCreateInputSerializer)


class _ApplicationIdSerializer(serializers.Serializer):
    application_id = serializers.UUIDField()


def _filtered(filterset_class: type, queryset: Any, data: dict[str, Any]) -> Any:
    """The REST route's query filters applied to `queryset` (its 400 for a bad value)."""
    query = {key: str(value).lower() if isinstance(value, bool) else value for key, value in data.items() if value is not None}
    filterset = filterset_class(data=query, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def _application_id(arguments: dict[str, Any]) -> Any:
    return validated(_ApplicationIdSerializer, {"application_id": arguments.pop("application_id", None)})["application_id"]


@tool(
    name="list_applications",
    scope="tracker:read",
    description="The user's job applications in the tracker, newest first, optionally by status or priority. Paged with limit/offset.",
    properties={
        "status": {"type": "string", "enum": ApplicationStatus.values, "description": "Only applications in this status."},
        "priority": {"type": "string", "enum": Priority.values, "description": "Only applications of this priority."},
        **PAGE_PROPERTIES,
    },
)
def list_applications(user: User, *, limit: int | None = None, offset: int | None = None, **query: Any) -> dict[str, Any]:
    applications = _filtered(filters.ApplicationFilter, application_selectors.application_list(user=user), query)
    return page(
        applications,
        limit=limit,
        offset=offset,
        key="applications",
        serialize=lambda rows: application_serializers.ApplicationSerializer(rows, many=True).data,
    )


@tool(
    name="get_application",
    scope="tracker:read",
    description="One application in full: its job, status, dates, salary, notes, interview stages, contacts and tags.",
    properties=APPLICATION_ID,
    required=["application_id"],
)
def get_application(user: User, **arguments: Any) -> dict[str, Any]:
    application_id = _application_id(arguments)
    application = application_selectors.application_get(user=user, application_id=application_id)
    return application_serializers.ApplicationSerializer(application).data


@tool(
    name="create_application",
    scope="tracker:write",
    description=(
        "Add a job application to the user's tracker. company_name and role_title are required; status defaults to "
        "the first stage. The answer lists the user's other applications that look like the same job (duplicates)."
    ),
    properties=_APPLICATION_INPUT,
    required=_APPLICATION_REQUIRED,
)
def create_application(user: User, **arguments: Any) -> dict[str, Any]:
    data = validated(application_serializers.ApplicationInputSerializer, arguments)
    application = application_services.application_create(user=user, data=data)
    return application_created_body(user, application)


@tool(
    name="update_application",
    scope="tracker:write",
    description="Change some fields of one of the user's applications (e.g. its status after an interview); fields not given are kept.",
    properties={**APPLICATION_ID, **_APPLICATION_INPUT},
    required=["application_id"],
)
def update_application(user: User, **arguments: Any) -> dict[str, Any]:
    application = application_selectors.application_get(user=user, application_id=_application_id(arguments))
    data = validated(application_serializers.ApplicationInputSerializer, arguments, partial=True)
    application_services.application_update(user=user, application=application, data=data)
    return application_serializers.ApplicationSerializer(application_selectors.application_get(user=user, application_id=application.pk)).data


@tool(
    name="add_stage",
    scope="tracker:write",
    description="Record an interview stage on one of the user's applications (phone screen, technical, onsite, ...), with its date and notes.",
    properties={**APPLICATION_ID, **_STAGE_INPUT},
    required=["application_id", *_STAGE_REQUIRED],
)
def add_stage(user: User, **arguments: Any) -> dict[str, Any]:
    application = application_selectors.application_get(user=user, application_id=_application_id(arguments))
    data = validated(stage_serializers.StageInputSerializer, arguments)
    return stage_serializers.StageSerializer(stage_services.stage_create(user=user, application=application, data=data)).data


@tool(
    name="list_reminders",
    scope="tracker:read",
    description="The user's reminders (follow-ups, interviews, deadlines), soonest first, optionally only open or done ones.",
    properties={
        "is_completed": {"type": "boolean", "description": "true: only done ones; false: only open ones."},
        "reminder_type": {"type": "string", "enum": ReminderType.values, "description": "Only reminders of this type."},
        **PAGE_PROPERTIES,
    },
)
def list_reminders(user: User, *, limit: int | None = None, offset: int | None = None, **query: Any) -> dict[str, Any]:
    reminders = _filtered(filters.ReminderFilter, record_selectors.reminder_list(user=user), query)
    return page(
        reminders, limit=limit, offset=offset, key="reminders", serialize=lambda rows: record_serializers.ReminderSerializer(rows, many=True).data
    )


@tool(
    name="create_reminder",
    scope="tracker:write",
    description="Set a reminder for the user, optionally about one of their applications (application_id).",
    properties=_REMINDER_INPUT,
    required=_REMINDER_REQUIRED,
)
def create_reminder(user: User, **arguments: Any) -> dict[str, Any]:
    data = validated(record_serializers.ReminderCreateInputSerializer, arguments)
    return record_serializers.ReminderSerializer(record_services.reminder_create(user=user, data=data)).data
