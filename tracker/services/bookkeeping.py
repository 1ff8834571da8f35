"""What every tracker write does besides its own rows: activity log, streak, dashboard cache."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction

from accounts.models import User
from accounts.services import user_record_activity
from careerhub.cache import safe_delete
from tracker.cache_keys import dashboard_key
from tracker.models import ActivityAction, ActivityLog, Application


def activity_record(
    *,
    user: User,
    action: ActivityAction,
    application: Application | None = None,
    description: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> ActivityLog:
    return ActivityLog.objects.create(
        user=user, application=application, action=action, description=description, metadata=metadata
    )


def tracker_write_done(*, user: User) -> None:
    """Call inside every tracker write: keeps the streak and drops the cached dashboard.

    The dashboard key is dropped now and again after commit, so a dashboard recomputed by a
    concurrent request from the not-yet-committed state cannot outlive this write.
    """
    user_record_activity(user=user)
    key = dashboard_key(user.pk)
    safe_delete(key)
    transaction.on_commit(lambda: safe_delete(key))


def dashboard_forget(*, user_id: Any) -> None:
    """Drop the user's cached dashboard; errors propagate for the task to retry."""
    cache.delete(dashboard_key(user_id))
