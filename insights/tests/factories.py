"""Plain builders for insights rows in tests (other apps' tests may import them).

Tracker rows come from tracker.tests.factories and social rows from social.tests.factories.
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from careerhub.skills import canonical_skill, skill_key
from insights.models import CustomSkill, Milestone, UserMilestone


def seed_milestones() -> None:
    """The 12 standard milestones, as a deploy creates them."""
    call_command("seed_milestones", stdout=StringIO())


def milestone(*, key: str = "networker", name: str | None = None, action: str = "follow", count: int = 1, **fields) -> Milestone:
    fields.setdefault("criteria", {"action": action, "count": count})
    return Milestone.objects.create(key=key, name=name or key.replace("-", " ").title(), **fields)


def user_milestone(user, reached: Milestone, **fields) -> UserMilestone:
    return UserMilestone.objects.create(user=user, milestone=reached, **fields)


def custom_skill(skill: str, *, usage_count: int = 1) -> CustomSkill:
    name = canonical_skill(skill)
    return CustomSkill.objects.create(skill=name, skill_key=skill_key(name), usage_count=usage_count)
