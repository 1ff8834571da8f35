"""When a profile changes what a match score depends on (DESIGN §3, seed 000 "Cache Invalidation").

A profile write that can change a score calls `profile_scoring_inputs_changed`, which marks the
user's matches stale on the Profile row (see Profile's docstring) and emits
`profiles.scoring_inputs_changed`. The apps that cached something computed from the old profile
drop it themselves once the transaction commits: jobs its career-impact scores, insights its
recommendations, the tracker its dashboard (each subscribes in its AppConfig.ready()).
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from careerhub import events
from profiles.events import SCORING_INPUTS_CHANGED
from profiles.models import Profile

# Profile fields a score can depend on. Where they live is (a move, a commute); the other contact
# details, links, availability and sharing are not.
SCORING_FIELDS = frozenset(
    {
        "current_role", "seniority", "industry", "company_size", "experience_years", "skills", "skill_tags",
        "skills_to_learn", "career_goals", "interests", "networking_goals", "preferred_event_types", "timeframe",
        "budget", "learning_style", "available_time", "target_roles", "work_modes", "employment_types",
        "open_to_other_job_types", "salary_min", "salary_max", "salary_currency", "preferred_countries",
        "eligible_regions", "needs_visa_sponsorship", "citizenships", "security_clearances", "custom_preferences", "parsed_cv",
        "location_city", "location_region", "location_country",
    }
)


def profile_scoring_inputs_changed(*, user_id: Any) -> None:
    """Mark the user's matches stale now; the event makes the other apps drop their caches after commit."""
    Profile.objects.filter(user_id=user_id).update(
        scoring_version=F("scoring_version") + 1, scoring_inputs_changed_at=timezone.now()
    )
    events.emit(SCORING_INPUTS_CHANGED, user_id=str(user_id))
