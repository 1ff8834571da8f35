"""Reads for progress: milestones, a user's awards, the community and personal stats."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.days import streak_current_expression
from accounts.models import User
from insights.models import Milestone, UserMilestone
from insights.progress.counts import SubqueryCount
from social.selectors import Viewer, profile_visible_q
from tracker.models import (
    Application,
    ApplicationStage,
    ApplicationStatus,
    Contact,
    OutcomeStatus,
    Reflection,
    Reminder,
)

# An application counts once as an offer (or a rejection) whether its status or its outcome says so.
OFFERED = Q(status__in=[ApplicationStatus.OFFER, ApplicationStatus.ACCEPTED]) | Q(outcome__status=OutcomeStatus.OFFER)
REJECTED = Q(status=ApplicationStatus.REJECTED) | Q(outcome__status=OutcomeStatus.REJECTED)

# "Active" in the community: signed in or did something within this many days.
COMMUNITY_ACTIVE_DAYS = 30


def milestone_list() -> QuerySet[Milestone]:
    return Milestone.objects.order_by("position", "name", "id")


def user_milestone_list(*, user: User) -> QuerySet[UserMilestone]:
    return UserMilestone.objects.filter(user=user).select_related("milestone").order_by("-reached_at", "id")


def community_member_list(*, viewer: Viewer) -> QuerySet[User]:
    """Recently active users whose profile the viewer may see, most recent activity first, then
    the longest streak as it stands today (a lapsed one counts as 0, as it is shown)."""
    since = timezone.localdate() - timedelta(days=COMMUNITY_ACTIVE_DAYS)
    return (
        User.objects.filter(is_active=True, last_active_date__gte=since)
        .filter(profile_visible_q(viewer))
        .alias(streak_current=streak_current_expression())
        .order_by(F("last_active_date").desc(), F("streak_current").desc(), "username", "id")
    )


def user_stats_get(*, user: User) -> dict[str, int]:
    """Every seed 003 `UserStatsResponse` count, in one query on the user's row."""
    me = OuterRef("pk")
    applications = Application.objects.filter(user=me)
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            total_applications=SubqueryCount(applications),
            total_offers=SubqueryCount(applications.filter(OFFERED)),
            total_rejections=SubqueryCount(applications.filter(REJECTED)),
            total_reflections=SubqueryCount(Reflection.objects.filter(application__user=me)),
            total_stages=SubqueryCount(ApplicationStage.objects.filter(application__user=me)),
            milestones_reached=SubqueryCount(UserMilestone.objects.filter(user=me)),
            total_contacts=SubqueryCount(Contact.objects.filter(user=me)),
            total_reminders_pending=SubqueryCount(Reminder.objects.filter(user=me, is_completed=False)),
            streak_current=streak_current_expression(),
        )
        .values(
            "total_applications", "total_offers", "total_rejections", "total_reflections", "total_stages",
            "streak_current", "milestones_reached", "total_contacts", "total_reminders_pending",
        )
        .get()
    )
    row["streak_days"] = row.pop("streak_current")
    return {name: value or 0 for name, value in row.items()}
