"""Tags: personal, colour-coded labels, unique per user regardless of case."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.exceptions import NotFound

from accounts.models import User
from careerhub.services import model_update
from tracker.models import DEFAULT_TAG_COLOR, ActivityAction, Application, ApplicationTag, Tag
from tracker.services.bookkeeping import activity_record, tracker_write_done

DUPLICATE_NAME = "A tag with this name already exists."
TAG_FIELDS = ("name", "color")


def _name_taken(*, user: User, name: str, exclude: Tag | None = None) -> bool:
    queryset = Tag.objects.filter(user=user, name__iexact=name)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.exists()


def _save(tag: Tag, *, force_insert: bool = False, update_fields: Collection[str] | None = None) -> None:
    """Save; a concurrent tag of the same name (the unique index) is the same 400."""
    try:
        with transaction.atomic():
            tag.save(force_insert=force_insert, update_fields=update_fields)
    except IntegrityError:
        raise ValidationError({"name": [DUPLICATE_NAME]}) from None


@transaction.atomic
def tag_create(*, user: User, name: str, color: str | None = None) -> Tag:
    if _name_taken(user=user, name=name):
        raise ValidationError({"name": [DUPLICATE_NAME]})
    tag = Tag(user=user, name=name, color=color or DEFAULT_TAG_COLOR)
    _save(tag, force_insert=True)
    activity_record(
        user=user,
        action=ActivityAction.TAG_ADDED,
        description=f"Created tag {tag.name}",
        metadata={"tag_id": str(tag.pk), "color": tag.color},
    )
    tracker_write_done(user=user)
    return tag


@transaction.atomic
def tag_update(*, user: User, tag: Tag, data: Mapping[str, Any]) -> Tag:
    if "name" in data and _name_taken(user=user, name=data["name"], exclude=tag):
        raise ValidationError({"name": [DUPLICATE_NAME]})
    changed = model_update(instance=tag, fields=TAG_FIELDS, data=data, save=False)
    if changed:
        _save(tag, update_fields=changed)
    tracker_write_done(user=user)
    return tag


@transaction.atomic
def tag_delete(*, user: User, tag: Tag) -> None:
    """Deleting a tag removes it from every application (the assignments cascade)."""
    tag.delete()
    tracker_write_done(user=user)


@transaction.atomic
def tag_assign(*, user: User, application: Application, tag: Tag) -> ApplicationTag:
    if ApplicationTag.objects.filter(application=application, tag=tag).exists():
        raise ValidationError({"tag_id": ["This tag is already assigned to this application."]})
    try:
        with transaction.atomic():
            assignment = ApplicationTag.objects.create(application=application, tag=tag)
    except IntegrityError:
        raise ValidationError({"tag_id": ["This tag is already assigned to this application."]}) from None
    tracker_write_done(user=user)
    return assignment


@transaction.atomic
def tag_unassign(*, user: User, application: Application, tag: Tag) -> None:
    deleted, _ = ApplicationTag.objects.filter(application=application, tag=tag).delete()
    if not deleted:
        raise NotFound("This tag is not assigned to this application.")
    tracker_write_done(user=user)
