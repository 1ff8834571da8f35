"""A fixed clock for tests of the user's day (shared by the accounts, tracker and insights tests)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

# Zones without daylight saving, so the offsets the tests rely on hold on any date.
TONGA = "Pacific/Tongatapu"  # UTC+13
HONOLULU = "Pacific/Honolulu"  # UTC−10


def set_clock(monkeypatch, iso: str) -> datetime:
    """From now on `django.utils.timezone.now()` answers this instant (ISO 8601 with an offset)."""
    instant = datetime.fromisoformat(iso)
    assert instant.tzinfo is not None
    monkeypatch.setattr(timezone, "now", lambda: instant)
    return instant
