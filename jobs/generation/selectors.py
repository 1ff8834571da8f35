"""Reads for generation: a match is found only among the user's own matches."""

from __future__ import annotations

from uuid import UUID

from rest_framework.exceptions import NotFound

from accounts.models import User
from jobs.models import Match


def match_for_user(*, user: User, match_id: UUID) -> Match:
    """The user's match with its job; someone else's is simply not found (404, DESIGN §2)."""
    match = Match.objects.select_related("job").filter(user=user, pk=match_id).first()
    if match is None:
        raise NotFound("Match not found.")
    return match
