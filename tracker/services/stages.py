"""Interview stages. Adding one to an `Applied` application moves it to `Interviewing`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.models import User
from careerhub.services import model_update
from tracker.models import ActivityAction, Application, ApplicationStage, ApplicationStatus
from tracker.services.applications import application_lock, application_status_set
from tracker.services.bookkeeping import activity_record, tracker_write_done

STAGE_FIELDS = (
    "stage_name",
    "stage_type",
    "stage_date",
    "scheduled_at",
    "result",
    "duration_minutes",
    "interviewer_names",
    "prep_notes",
    "questions_asked",
    "notes",
)


@transaction.atomic
def stage_create(*, user: User, application: Application, data: Mapping[str, Any]) -> ApplicationStage:
    application = application_lock(application=application)
    values = {name: data[name] for name in STAGE_FIELDS if name in data}
    stage = ApplicationStage.objects.create(application=application, **values)
    activity_record(
        user=user,
        application=application,
        action=ActivityAction.STAGE_ADDED,
        description=f"Added stage {stage.stage_name}",
        metadata={"stage_id": str(stage.pk), "stage_name": stage.stage_name, "stage_type": stage.stage_type},
    )
    if application.status == ApplicationStatus.APPLIED:
        application_status_set(user=user, application=application, status=ApplicationStatus.INTERVIEWING, auto=True)
        application.save(update_fields=["status", "updated_at"])
    tracker_write_done(user=user)
    return stage


@transaction.atomic
def stage_update(*, user: User, stage: ApplicationStage, data: Mapping[str, Any]) -> ApplicationStage:
    changed = sorted(model_update(instance=stage, fields=STAGE_FIELDS, data=data))
    if changed:
        activity_record(
            user=user,
            application=stage.application,
            action=ActivityAction.STAGE_UPDATED,
            description=f"Updated stage {stage.stage_name}",
            metadata={"stage_id": str(stage.pk), "fields": changed, "result": stage.result},
        )
    tracker_write_done(user=user)
    return stage


@transaction.atomic
def stage_delete(*, user: User, stage: ApplicationStage) -> None:
    activity_record(
        user=user,
        application=stage.application,
        action=ActivityAction.STAGE_DELETED,
        description=f"Deleted stage {stage.stage_name}",
        metadata={"stage_id": str(stage.pk), "stage_name": stage.stage_name},
    )
    stage.delete()
    tracker_write_done(user=user)
