"""Applications and what hangs off them (stages, outcome, reflection, documents, tags)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Lower
from rest_framework.exceptions import NotFound

from accounts.models import User
from tracker.models import (
    Application,
    ApplicationStage,
    ApplicationTag,
    Document,
    Outcome,
    Reflection,
    Tag,
)


def applications_for(*, user: User) -> QuerySet[Application]:
    """The user's applications with everything an ApplicationResponse nests, newest first.

    One query for the page (outcome and reflection joined), one for the stages, one for the tags.
    """
    return (
        Application.objects.filter(user=user)
        .select_related("outcome", "reflection")
        .prefetch_related(
            Prefetch("stages", queryset=ApplicationStage.objects.order_by("created_at", "id")),
            Prefetch("tags", queryset=Tag.objects.order_by("name", "id")),
        )
        .order_by("-created_at", "-id")
    )


def application_get(*, user: User, application_id: UUID) -> Application:
    application = applications_for(user=user).filter(pk=application_id).first()
    if application is None:
        raise NotFound("Application not found.")
    return application


def application_get_bare(*, user: User, application_id: UUID | None) -> Application:
    """The user's application without its nested rows, for writes that hang something off it."""
    application = Application.objects.filter(user=user, pk=application_id).first() if application_id else None
    if application is None:
        raise NotFound("Application not found.")
    return application


def application_duplicates(
    *, user: User, company_name: str, role_title: str | None, exclude_id: UUID | None = None
) -> QuerySet[Application]:
    """The user's applications for the same company and role (case-insensitive): "already applied?"."""
    if not company_name or not role_title:
        return Application.objects.none()
    # Lower() on both sides, in the database, so the (user, lower(company_name)) index serves it.
    queryset = Application.objects.alias(company_key=Lower("company_name"), role_key=Lower("role_title")).filter(
        user=user,
        company_key=Lower(Value(company_name.strip())),
        role_key=Lower(Value(role_title.strip())),
    )
    if exclude_id is not None:
        queryset = queryset.exclude(pk=exclude_id)
    return queryset.order_by("-created_at", "-id")


def stage_get(*, user: User, application_id: UUID, stage_id: UUID) -> ApplicationStage:
    stage = (
        ApplicationStage.objects.filter(application__user=user, application_id=application_id, pk=stage_id)
        .select_related("application")
        .first()
    )
    if stage is None:
        raise NotFound("Stage not found.")
    return stage


def outcome_get(*, user: User, application_id: UUID, outcome_id: UUID) -> Outcome:
    outcome = Outcome.objects.filter(
        application__user=user, application_id=application_id, pk=outcome_id
    ).select_related("application").first()
    if outcome is None:
        raise NotFound("Outcome not found.")
    return outcome


def reflection_get(*, user: User, application_id: UUID, reflection_id: UUID) -> Reflection:
    reflection = Reflection.objects.filter(
        application__user=user, application_id=application_id, pk=reflection_id
    ).select_related("application").first()
    if reflection is None:
        raise NotFound("Reflection not found.")
    return reflection


def documents_for_application(*, user: User, application_id: UUID) -> QuerySet[Document]:
    application = application_get_bare(user=user, application_id=application_id)
    return Document.objects.filter(application=application).order_by("created_at", "id")


def document_get(*, user: User, document_id: UUID) -> Document:
    document = Document.objects.filter(application__user=user, pk=document_id).first()
    if document is None:
        raise NotFound("Document not found.")
    return document


def application_tags_for(*, user: User, application_id: UUID) -> QuerySet[ApplicationTag]:
    application = application_get_bare(user=user, application_id=application_id)
    return ApplicationTag.objects.filter(application=application).select_related("tag").order_by("created_at", "id")
