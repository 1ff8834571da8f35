"""Progress shows the streak as it stands in the user's today: a missed day reads 0."""

from datetime import date

import pytest

from accounts.tests.clock import TONGA, set_clock

pytestmark = pytest.mark.django_db

# 11:30 UTC on the 10th: still the 10th in UTC, already the 11th in Tonga.
NOW = "2026-03-10T11:30:00+00:00"


@pytest.mark.parametrize(
    "zone, last_active, shown",
    [
        ("UTC", date(2026, 3, 10), 4),
        ("UTC", date(2026, 3, 9), 4),
        ("UTC", date(2026, 3, 8), 0),
        (TONGA, date(2026, 3, 9), 0),
        (TONGA, date(2026, 3, 10), 4),
    ],
)
def test_stats_show_a_broken_streak_as_0(client_for, make_user, monkeypatch, zone, last_active, shown):
    # given a stored streak of 4
    user = make_user(timezone=zone, streak_days=4, last_active_date=last_active)
    set_clock(monkeypatch, NOW)
    # when
    body = client_for(user).get("/api/v1/progress/stats").json()
    # then
    assert body["streak_days"] == shown


def test_the_community_shows_broken_streaks_as_0_and_ranks_them_so(auth_client, make_user, monkeypatch):
    # given three members last active on the 9th: in UTC that was yesterday, in Tonga the day before
    set_clock(monkeypatch, NOW)
    make_user(username="tonga", timezone=TONGA, profile_visibility="public", streak_days=9, last_active_date=date(2026, 3, 9))
    make_user(username="utc_short", profile_visibility="public", streak_days=2, last_active_date=date(2026, 3, 9))
    make_user(username="utc_long", profile_visibility="public", streak_days=5, last_active_date=date(2026, 3, 9))
    # and one whose streak ended long ago
    make_user(username="lapsed", profile_visibility="public", streak_days=30, last_active_date=date(2026, 3, 1))
    # when
    body = auth_client.get("/api/v1/progress/community").json()
    # then the lapsed Tonga streak is 0 and ranked as 0, not as the 9 stored
    assert [(m["username"], m["streak_days"]) for m in body] == [
        ("utc_long", 5),
        ("utc_short", 2),
        ("tonga", 0),
        ("lapsed", 0),
    ]
