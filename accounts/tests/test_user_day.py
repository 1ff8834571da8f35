"""The user's day: a time zone per user, "today" in it, and the streak as it stands today."""

from datetime import date, datetime, timedelta

import pytest

from accounts.days import known_timezones, streak_current, streak_current_expression, user_today
from accounts.models import User
from accounts.tests.clock import HONOLULU, TONGA, set_clock

pytestmark = pytest.mark.django_db


# --- The time zone setting -----------------------------------------------------------------


def test_a_new_user_lives_in_utc_until_they_say_otherwise(api_client):
    # when
    body = api_client.post(
        "/auth/register", {"email": "new@example.com", "password": "correct-horse-battery"}, format="json"
    ).json()
    # then
    assert body["user"]["timezone"] == "UTC"
    assert User.objects.get(email="new@example.com").timezone == "UTC"


def test_registration_takes_a_time_zone(api_client):
    body = api_client.post(
        "/auth/register",
        {"email": "kiwi@example.com", "password": "correct-horse-battery", "timezone": "Pacific/Auckland"},
        format="json",
    ).json()
    assert body["user"]["timezone"] == "Pacific/Auckland"


def test_put_users_me_sets_the_time_zone_and_both_me_endpoints_show_it(auth_client, user):
    # when
    response = auth_client.put("/api/v1/users/me", {"timezone": "America/Argentina/Buenos_Aires"}, format="json")
    # then
    assert response.status_code == 200
    assert response.json()["timezone"] == "America/Argentina/Buenos_Aires"
    assert auth_client.get("/api/v1/users/me").json()["timezone"] == "America/Argentina/Buenos_Aires"
    assert auth_client.get("/auth/me").json()["timezone"] == "America/Argentina/Buenos_Aires"


def test_put_users_me_without_a_time_zone_keeps_it(auth_client, user):
    User.objects.filter(pk=user.pk).update(timezone=TONGA)
    auth_client.put("/api/v1/users/me", {"display_name": "Ada"}, format="json")
    assert User.objects.get(pk=user.pk).timezone == TONGA


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "europe/paris", "UTC+13", "../../etc/passwd", "localtime"])
def test_an_unknown_time_zone_is_400_on_the_field(auth_client, user, name):
    # when
    response = auth_client.put("/api/v1/users/me", {"timezone": name}, format="json")
    # then
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"detail", "code", "errors"}
    message = body["errors"]["timezone"][0]
    assert name in message and "IANA time zone" in message and "Europe/Paris" in message
    assert User.objects.get(pk=user.pk).timezone == "UTC"


def test_registration_with_an_unknown_time_zone_is_400_and_creates_nothing(api_client):
    response = api_client.post(
        "/auth/register",
        {"email": "x@example.com", "password": "correct-horse-battery", "timezone": "Nowhere/Special"},
        format="json",
    )
    assert response.status_code == 400
    assert "timezone" in response.json()["errors"]
    assert not User.objects.filter(email="x@example.com").exists()


def test_every_choosable_zone_is_a_real_zone_and_the_servers_own_setting_is_not_one():
    assert {"UTC", TONGA, HONOLULU, "Asia/Kathmandu"} <= known_timezones()
    assert "localtime" not in known_timezones()


# --- Today ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone, instant, today",
    [
        ("UTC", "2026-03-10T11:30:00+00:00", date(2026, 3, 10)),
        (TONGA, "2026-03-10T10:59:00+00:00", date(2026, 3, 10)),  # 23:59 in Tonga
        (TONGA, "2026-03-10T11:00:00+00:00", date(2026, 3, 11)),  # midnight in Tonga
        (HONOLULU, "2026-03-10T09:59:00+00:00", date(2026, 3, 9)),  # 23:59 in Honolulu
        (HONOLULU, "2026-03-10T10:00:00+00:00", date(2026, 3, 10)),  # midnight in Honolulu
    ],
)
def test_today_is_the_date_where_the_user_lives(make_user, zone, instant, today):
    user = make_user(timezone=zone)
    assert user_today(user, now=datetime.fromisoformat(instant)) == today


# --- The streak as it stands today -----------------------------------------------------------


@pytest.mark.parametrize(
    "last_active, shown",
    [(date(2026, 3, 10), 5), (date(2026, 3, 9), 5), (date(2026, 3, 8), 0), (None, 0)],
)
def test_users_me_shows_a_streak_broken_by_a_missed_day_as_0(auth_client, user, monkeypatch, last_active, shown):
    # given a UTC user with a stored streak of 5, on the 10th
    User.objects.filter(pk=user.pk).update(streak_days=5, last_active_date=last_active)
    set_clock(monkeypatch, "2026-03-10T12:00:00+00:00")
    # when
    body = auth_client.get("/api/v1/users/me").json()
    # then the streak counts only while the last activity was today or yesterday
    assert body["streak_days"] == shown
    assert User.objects.get(pk=user.pk).streak_days == 5  # reading changes nothing stored


@pytest.mark.parametrize(
    "zone, last_active, shown",
    [
        # 11:30 UTC on the 10th: the 11th in Tonga, still the 10th in UTC
        ("UTC", date(2026, 3, 9), 5),
        (TONGA, date(2026, 3, 9), 0),
        (TONGA, date(2026, 3, 10), 5),
    ],
)
def test_whether_a_streak_is_broken_depends_on_the_users_day(client_for, make_user, monkeypatch, zone, last_active, shown):
    user = make_user(timezone=zone, streak_days=5, last_active_date=last_active)
    set_clock(monkeypatch, "2026-03-10T11:30:00+00:00")
    assert client_for(user).get("/api/v1/users/me").json()["streak_days"] == shown


def test_a_public_profile_shows_the_streak_as_it_stands_today(auth_client, make_user, monkeypatch):
    # given 09:00 UTC on the 10th: still the 9th in Honolulu
    set_clock(monkeypatch, "2026-03-10T09:00:00+00:00")
    honolulu = make_user(timezone=HONOLULU, profile_visibility="public", streak_days=3, last_active_date=date(2026, 3, 8))
    utc = make_user(profile_visibility="public", streak_days=3, last_active_date=date(2026, 3, 8))
    # then
    assert auth_client.get(f"/api/v1/users/{honolulu.pk}").json()["streak_days"] == 3
    assert auth_client.get(f"/api/v1/users/{utc.pk}").json()["streak_days"] == 0


# Zones across the whole range of offsets, including the odd quarter and half hours.
ZONES = [
    "Etc/GMT+12", HONOLULU, "America/St_Johns", "America/New_York", "UTC", "Europe/Paris", "Asia/Kolkata",
    "Asia/Kathmandu", "Australia/Eucla", "Pacific/Chatham", TONGA, "Pacific/Kiritimati",
]


def test_the_query_expression_agrees_with_the_python_rule_in_every_zone_at_every_hour(make_user):
    # given users in every kind of zone, last active on each day around now
    utc_day = date(2026, 3, 10)
    for zone in ZONES:
        for back in range(-1, 4):
            make_user(timezone=zone, streak_days=7, last_active_date=utc_day - timedelta(days=back))
    # when the expression is evaluated through the UTC day, on the hour and half past
    for minutes in range(0, 24 * 60, 30):
        now = datetime.fromisoformat("2026-03-10T00:00:00+00:00") + timedelta(minutes=minutes)
        rows = User.objects.annotate(current=streak_current_expression(now=now))
        # then every row reads as streak_current does
        for row in rows:
            assert row.current == streak_current(row, today=user_today(row, now=now)), (now, row.timezone, row.last_active_date)
    # and both outcomes occur, so the comparison means something
    noon = datetime.fromisoformat("2026-03-10T12:00:00+00:00")
    assert {row.current for row in User.objects.annotate(current=streak_current_expression(now=noon))} == {0, 7}
