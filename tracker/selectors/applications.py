"""Applications and what hangs off them (stages, outcome, reflection, documents, tags)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Lower

from accounts.models import User
from careerhub.selectors import get_or_404
from tracker.models import (
    Application,
    ApplicationStage,
    ApplicationTag,
    Document,
    Outcome,
    Reflection,
    Tag,
)


def application_list(*, user: User) -> QuerySet[Application]:
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


def application_get(*, user: User, application_id: UUID | None) -> Application:
    """One of the user's applications without its nested rows, for writes that hang something off it."""
    return get_or_404(Application.objects.filter(user=user), detail="Application not found.", pk=application_id)


def application_duplicate_list(
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


def stage_list(*, user: User, application_id: UUID) -> QuerySet[ApplicationStage]:
    """The stages of one of the user's applications (with the application, which events name)."""
    return (
        ApplicationStage.objects.filter(application__user=user, application_id=application_id)
        .select_related("application")
        .order_by("created_at", "id")
    )


def outcome_list(*, user: User, application_id: UUID) -> QuerySet[Outcome]:
    """The outcome of one of the user's applications (at most one row), with the application."""
    return Outcome.objects.filter(application__user=user, application_id=application_id).select_related("application")


def reflection_list(*, user: User, application_id: UUID) -> QuerySet[Reflection]:
    """The reflection on one of the user's applications (at most one row), with the application."""
    return Reflection.objects.filter(application__user=user, application_id=application_id).select_related(
        "application"
    )


def document_list(*, user: User, application_id: UUID) -> QuerySet[Document]:
    """One application's documents; someone else's application is not found (404), not empty."""
    application = application_get(user=user, application_id=application_id)
    return Document.objects.filter(application=application).order_by("created_at", "id")


def document_get(*, user: User, document_id: UUID) -> Document:
    return get_or_404(Document.objects.filter(application__user=user), detail="Document not found.", pk=document_id)


def application_tag_list(*, user: User, application_id: UUID) -> QuerySet[ApplicationTag]:
    """One application's tag assignments with their tags; someone else's application is a 404."""
    application = application_get(user=user, application_id=application_id)
    return ApplicationTag.objects.filter(application=application).select_related("tag").order_by("created_at", "id")
