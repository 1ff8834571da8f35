"""Every cache key the tracker owns, in one place."""

from __future__ import annotations

from typing import Any


# The analytics dashboard (GET /analytics/dashboard): dropped by every tracker write and, through
# tracker.forget_dashboard, when the profile's scoring inputs change.
def dashboard_key(user_id: Any) -> str:
    return f"dashboard:{user_id}"
