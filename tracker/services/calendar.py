"""The secret token of a user's calendar feed, stored only as a keyed hash (careerhub.keyed_hash)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

from accounts.models import User
from careerhub.keyed_hash import keyed_hash
from tracker.models import CalendarFeed
from tracker.services.bookkeeping import tracker_write_done

TOKEN_BYTES = 32


def calendar_feed_token_hash(token: str) -> str:
    return keyed_hash(token, purpose=CalendarFeed.TOKEN_PURPOSE)


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def calendar_feed_ensure(*, user: User) -> tuple[CalendarFeed, str | None]:
    """The user's feed and, when this call created it, its token (safe under concurrency).

    The token exists only in this answer: an existing feed comes back with None.
    """
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed, None
    token = _new_token()
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, token_hash=calendar_feed_token_hash(token)), token
    except IntegrityError:
        return CalendarFeed.objects.get(user=user), None


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> tuple[CalendarFeed, str]:
    """A new secret URL, returned with its token; the old one answers 404 from now on."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user)
    token = _new_token()
    feed.token_hash = calendar_feed_token_hash(token)
    feed.save()
    tracker_write_done(user=user)
    return feed, token
