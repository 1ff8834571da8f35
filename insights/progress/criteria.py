"""Milestone criteria: each `MilestoneAction` is one aggregate count over the user's own rows.

A milestone's `criteria` (`{"action": "create_application", "count": 10}`) is data on its row;
this module is the only code that knows what an action counts. Adding an action means adding
it to `MilestoneAction` and to `_COUNTERS`; adding a milestone needs no code at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from django.db.models import Expression, F, OuterRef, Value

from accounts.models import User
from insights.models import MilestoneAction
from insights.progress.counts import SubqueryCount
from social.models import Follow, GroupMember, Post
from tracker.models import Application, Outcome, OutcomeStatus, Reflection

_USER = OuterRef("pk")

_COUNTER_BY_ACTION: dict[MilestoneAction, Callable[[], Expression]] = {
    MilestoneAction.REGISTER: lambda: Value(1),
    MilestoneAction.CREATE_APPLICATION: lambda: SubqueryCount(Application.objects.filter(user=_USER)),
    MilestoneAction.CREATE_REFLECTION: lambda: SubqueryCount(Reflection.objects.filter(application__user=_USER)),
    MilestoneAction.RECEIVE_OFFER: lambda: SubqueryCount(
        Outcome.objects.filter(application__user=_USER, status=OutcomeStatus.OFFER)
    ),
    MilestoneAction.STREAK: lambda: F("streak_days"),
    MilestoneAction.FOLLOW: lambda: SubqueryCount(Follow.objects.filter(follower=_USER)),
    MilestoneAction.JOIN_GROUP: lambda: SubqueryCount(GroupMember.objects.filter(user=_USER)),
    MilestoneAction.CREATE_POST: lambda: SubqueryCount(Post.objects.filter(user=_USER)),
}
_COUNTERS = {str(action): counter for action, counter in _COUNTER_BY_ACTION.items()}


def known_actions() -> set[str]:
    return set(_COUNTERS)


def action_counts(*, user_id: UUID | str, actions: Iterable[str]) -> dict[str, int] | None:
    """The user's count for each action, in one query; None when there is no such active user."""
    wanted = sorted(set(actions) & set(_COUNTERS))
    annotations = {f"count_{action}": _COUNTERS[action]() for action in wanted}
    row = User.objects.filter(pk=user_id, is_active=True).annotate(**annotations).values(*annotations).first()
    if row is None:
        return None
    return {action: row[f"count_{action}"] or 0 for action in wanted}
