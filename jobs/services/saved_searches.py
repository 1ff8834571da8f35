"""Saved searches: a user's `GET /jobs` query under a name, with how often to email what is new for it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from rest_framework.exceptions import NotFound

from accounts.models import User
from careerhub.services import model_update
from jobs.models import DigestFrequency, SavedSearch

SAVED_SEARCH_FIELDS = ("name", "query", "min_match_score", "frequency")
UNSUBSCRIBE_SALT = "jobs.saved-search.unsubscribe"
NOT_FOUND = "Saved search not found."


def unsubscribe_token(search_id: UUID | str) -> str:
    """A token for this search alone, signed with SECRET_KEY: holding it is the right to turn its emails off."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).signature(str(search_id))


def unsubscribe_url(search: SavedSearch) -> str:
    return f"{settings.PUBLIC_BASE_URL}/api/v1/saved-searches/{search.pk}/unsubscribe?token={unsubscribe_token(search.pk)}"


@transaction.atomic
def saved_search_create(
    *,
    user: User,
    name: str,
    query: dict[str, Any],
    min_match_score: float | None = None,
    frequency: str = DigestFrequency.DAILY,
) -> SavedSearch:
    """A new saved search; at most SavedSearch.MAX_PER_USER per user (the user's row is locked while counting)."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    if SavedSearch.objects.filter(user=user).count() >= SavedSearch.MAX_PER_USER:
        raise ValidationError(
            f"You can keep at most {SavedSearch.MAX_PER_USER} saved searches: delete one first.", code="saved_search_limit"
        )
    return SavedSearch.objects.create(
        user=user, name=name, query=query, min_match_score=min_match_score, frequency=frequency
    )


@transaction.atomic
def saved_search_update(*, search: SavedSearch, data: dict[str, Any]) -> SavedSearch:
    """Change what was sent. Turning emails back on starts from now: the next digest lists only what is new since."""
    search = SavedSearch.objects.select_for_update().get(pk=search.pk)
    was_off = search.frequency == DigestFrequency.OFF
    changed = model_update(instance=search, fields=SAVED_SEARCH_FIELDS, data=data)
    if "frequency" in changed and was_off:
        search.last_digest_at = timezone.now()
        search.save(update_fields=["last_digest_at", "updated_at"])
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()


@transaction.atomic
def saved_search_unsubscribe(*, search_id: UUID | str, token: str) -> SavedSearch:
    """Turn a search's emails off from the link in a digest. A wrong token is a 404, as a missing search is."""
    if not token or not constant_time_compare(token, unsubscribe_token(search_id)):
        raise NotFound(NOT_FOUND, code="not_found")
    search = SavedSearch.objects.select_for_update().filter(pk=search_id).first()
    if search is None:
        raise NotFound(NOT_FOUND, code="not_found")
    model_update(instance=search, fields=("frequency",), data={"frequency": DigestFrequency.OFF})
    return search
