"""The profiles app's MCP tool (careerhub.mcp.registry): the user's profile, as GET /profile shows it."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from careerhub.mcp.registry import tool
from profiles import selectors
from profiles.api.serializers.agent import AgentProfileSerializer


@tool(
    name="get_profile",
    scope="profile:read",
    description=(
        "The user's job-seeker profile: headline, skills, experience level, locations, salary expectations and "
        "job preferences (remote types, job types). Matching scores jobs against it; read it before advising."
    ),
)
def get_profile(user: User) -> dict[str, Any]:
    return AgentProfileSerializer(selectors.profile_get(user=user)).data
