"""The secret token of a user's calendar feed."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

from accounts.models import User
from tracker.models import CalendarFeed
from tracker.services.bookkeeping import tracker_write_done

TOKEN_BYTES = 32


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def calendar_feed_ensure(*, user: User) -> CalendarFeed:
    """The user's feed, created with a fresh token on first use (safe under concurrency)."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, token=_new_token())
    except IntegrityError:
        return CalendarFeed.objects.get(user=user)


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """A new secret URL; the old one answers 404 from now on."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user)
    feed.token = _new_token()
    feed.save()
    tracker_write_done(user=user)
    return feed
