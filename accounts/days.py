"""The user's day: "today" in the user's own time zone, and the streak as it stands today.

Dates that mean "the day it happened for the user" (the streak, an automatic `applied_date`,
the dashboard's current week) follow `User.timezone` (an IANA name, UTC by default), not the
server's clock: at 11:30 UTC it is already tomorrow in Tonga (UTC+13) and at 09:00 UTC it is
still yesterday in Honolulu (UTC−10).

The stored `streak_days` only changes when the user does something, so it is read through
`streak_current` (or `streak_current_expression` in a queryset), which shows 0 once a whole
day of the user's has passed without activity.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

DEFAULT_TIMEZONE = "UTC"
ONE_DAY = timedelta(days=1)
# In the zone database of some machines, but not a zone anyone lives in (`localtime` is the
# server's own setting, `Factory` has no offset).
_NOT_USER_ZONES = frozenset({"localtime", "Factory", "posixrules"})


class HasDay(Protocol):
    """A User, or anything carrying the fields the user's day is computed from."""

    timezone: str
    streak_days: int
    last_active_date: date | None


@functools.cache
def known_timezones() -> frozenset[str]:
    """The IANA names a user may choose: the zoneinfo database's (read once, it walks the disk)."""
    return frozenset(zoneinfo.available_timezones() - _NOT_USER_ZONES) | {DEFAULT_TIMEZONE}


def timezone_validate(name: str) -> None:
    # Membership, not just `ZoneInfo(name)` loading: streak_current_expression partitions exactly
    # this set, so every stored name must be in it (and ZoneInfo would also try odd paths).
    if name not in known_timezones():
        raise ValidationError(
            f'"{name}" is not an IANA time zone name; use one such as "Europe/Paris", "America/New_York" or "UTC".',
            code="invalid_timezone",
        )


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> tzinfo:
    if name == DEFAULT_TIMEZONE:
        return UTC  # needs no zone database
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone dropped from the database after the user chose it: their day falls back to UTC
        # (streak_current_expression treats a name it does not know the same way).
        return UTC


def user_today(user: HasDay, *, now: datetime | None = None) -> date:
    """Today's date where the user lives."""
    return (now or timezone.now()).astimezone(_zone(user.timezone)).date()


def streak_current(user: HasDay, *, today: date | None = None) -> int:
    """The streak as it stands today: the stored count while the user's last activity was on
    their today or yesterday, 0 once a whole day of theirs has passed without any."""
    today = today or user_today(user)
    if user.last_active_date is None or user.last_active_date < today - ONE_DAY:
        return 0
    return user.streak_days


def _zones_not_on_utc_date(now: datetime) -> dict[date, list[str]]:
    """The known zones whose date differs from UTC's at `now`, by their date (≤ 2 groups)."""
    utc_date = now.astimezone(UTC).date()
    groups: dict[date, list[str]] = {}
    for name in sorted(known_timezones()):
        day = now.astimezone(_zone(name)).date()
        if day != utc_date:
            groups.setdefault(day, []).append(name)
    return groups


def streak_current_expression(*, now: datetime | None = None) -> Case:
    """`streak_current` as a queryset expression over User rows, exact for every known zone.

    SQLite cannot convert a time with a per-row zone name, so the rule is spelled per date
    instead: the zones whose date differs from UTC's right now are listed by their date (at most
    two groups, a few hundred names, computed in well under a millisecond), every other row is
    on UTC's date. Used to order by the current streak and in the stats' one query.
    """
    now = now or timezone.now()
    streak = F("streak_days")
    whens = [
        When(
            timezone__in=zones,
            then=Case(
                When(last_active_date__gte=day - ONE_DAY, then=streak), default=Value(0), output_field=IntegerField()
            ),
        )
        for day, zones in sorted(_zones_not_on_utc_date(now).items())
    ]
    utc_date = now.astimezone(UTC).date()
    return Case(
        *whens,
        When(Q(last_active_date__gte=utc_date - ONE_DAY), then=streak),
        default=Value(0),
        output_field=IntegerField(),
    )
