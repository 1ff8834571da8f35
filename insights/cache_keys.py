"""Every cache key the insights app owns, in one place.

`recommendations:{user_id}:*` is the user's recommendations (seed 000 "recommendation caches");
today that is their skill insights. When the profile changes, insights drops them itself
(insights.forget_recommendations, subscribed to profiles.scoring_inputs_changed).

`skills:popular:v1` is everyone's popular skills (GET /skills/popular); a new custom skill drops it.
"""

from __future__ import annotations

from typing import Any

POPULAR_SKILLS_KEY = "skills:popular:v1"


def skill_insights_key(user_id: Any) -> str:
    return f"recommendations:{user_id}:skills"


def recommendations_pattern(user_id: Any) -> str:
    return f"recommendations:{user_id}:*"
