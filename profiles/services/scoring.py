"""Career-impact invalidation (DESIGN §3, seed 000 "Cache Invalidation").

A profile write that can change a match score calls `profile_scoring_inputs_changed`, which
marks the user's matches stale on the Profile row (see Profile's docstring) and, once the
transaction commits, deletes that user's score, recommendation and dashboard caches.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from careerhub import events
from careerhub.cache import delete_pattern
from careerhub.tasks import enqueue_on_commit
from profiles.models import Profile

logger = logging.getLogger(__name__)

INVALIDATE_TASK = "profiles.invalidate_career_impact"
SCORING_INPUTS_CHANGED = "profiles.scoring_inputs_changed"

# Profile fields a score can depend on. Contact details, links, availability and sharing are not.
SCORING_FIELDS = frozenset(
    {
        "current_role", "seniority", "industry", "company_size", "experience_years", "skills", "skill_tags",
        "skills_to_learn", "career_goals", "interests", "networking_goals", "preferred_event_types", "timeframe",
        "budget", "learning_style", "available_time", "target_roles", "work_modes", "employment_types",
        "open_to_other_job_types", "salary_min", "salary_max", "salary_currency", "preferred_countries",
        "eligible_regions", "needs_visa_sponsorship", "custom_preferences", "parsed_cv",
    }
)


def career_impact_pattern(user_id: Any) -> str:
    return f"career-impact:v2:{user_id}:*"


def recommendations_pattern(user_id: Any) -> str:
    return f"recommendations:{user_id}:*"


def dashboard_key(user_id: Any) -> str:
    return f"dashboard:{user_id}"


def profile_scoring_inputs_changed(*, user_id: Any) -> None:
    """Mark the user's matches stale now; drop their caches after commit."""
    Profile.objects.filter(user_id=user_id).update(
        scoring_version=F("scoring_version") + 1, scoring_inputs_changed_at=timezone.now()
    )
    enqueue_on_commit(INVALIDATE_TASK, user_id=str(user_id))
    events.emit(SCORING_INPUTS_CHANGED, user_id=str(user_id))


def career_impact_caches_invalidate(*, user_id: Any) -> int:
    """Delete the user's career-impact scores, recommendations and dashboard (SCAN, never KEYS).

    Idempotent; cache errors propagate so the task retries them.
    """
    deleted = delete_pattern(career_impact_pattern(user_id))
    deleted += delete_pattern(recommendations_pattern(user_id))
    cache.delete(dashboard_key(user_id))
    logger.info("Invalidated %s cached scores/recommendations for user %s", deleted, user_id)
    return deleted
