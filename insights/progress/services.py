"""Writes for progress: awarding milestones to one user."""

from __future__ import annotations

import logging
from uuid import UUID

from insights.models import Milestone, UserMilestone
from insights.progress import criteria

logger = logging.getLogger(__name__)


def milestones_evaluate(*, user_id: UUID | str) -> list[Milestone]:
    """Award the user every milestone whose criteria they now meet; return the newly reached ones.

    Idempotent and safe to run concurrently: only milestones the user has not reached are
    considered, their counts come from one query on this user's rows (never a scan of all
    users), and the (user, milestone) unique constraint makes a second award a no-op.
    """
    pending = list(Milestone.objects.exclude(awards__user_id=user_id).order_by("position", "name"))
    if not pending:
        return []
    wanted = {}
    for milestone in pending:
        action = milestone.criteria.get("action") if isinstance(milestone.criteria, dict) else None
        if action not in criteria.known_actions():
            logger.warning("Milestone %s has unusable criteria %r; skipped", milestone.key, milestone.criteria)
            continue
        wanted[milestone] = action
    counts = criteria.action_counts(user_id=user_id, actions=set(wanted.values()))
    if counts is None:  # the user is gone or deactivated
        return []
    reached = [m for m, action in wanted.items() if counts[action] >= int(m.criteria.get("count") or 1)]
    UserMilestone.objects.bulk_create(
        [UserMilestone(user_id=user_id, milestone=milestone) for milestone in reached], ignore_conflicts=True
    )
    return reached
