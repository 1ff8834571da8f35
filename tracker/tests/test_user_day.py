"""The tracker's "today" is the user's: the streak, the automatic applied_date, the import default
and the dashboard's current week follow the user's time zone, not UTC's date."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from accounts.tests.clock import HONOLULU, TONGA, set_clock
from tracker.csv_format import COLUMNS
from tracker.models import Application
from tracker.tests import factories

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/applications"

# Two instants an hour and a half apart on the same UTC day (the 10th) that fall either side
# of the user's midnight, and the user's dates at each.
EITHER_SIDE_OF_THE_USERS_MIDNIGHT = [
    (TONGA, "2026-03-10T10:00:00+00:00", "2026-03-10T11:30:00+00:00", date(2026, 3, 10), date(2026, 3, 11)),
    (HONOLULU, "2026-03-10T09:00:00+00:00", "2026-03-10T10:30:00+00:00", date(2026, 3, 9), date(2026, 3, 10)),
]
# Instants on the 10th in UTC that are another day of the user's.
NOT_UTCS_DAY = [
    (TONGA, "2026-03-10T11:30:00+00:00", date(2026, 3, 11)),
    (HONOLULU, "2026-03-10T09:00:00+00:00", date(2026, 3, 9)),
]
# Two instants either side of UTC midnight that fall on the same day of the user's.
EITHER_SIDE_OF_UTC_MIDNIGHT = [
    (TONGA, "2026-03-10T23:00:00+00:00", "2026-03-11T01:00:00+00:00", date(2026, 3, 11)),
    (HONOLULU, "2026-03-10T23:00:00+00:00", "2026-03-11T01:00:00+00:00", date(2026, 3, 10)),
]


def add_application(client, **body):
    response = client.post(APPLICATIONS, {"company_name": "Acme", "role_title": "SRE", **body}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize("zone, first, second, first_day, second_day", EITHER_SIDE_OF_THE_USERS_MIDNIGHT)
def test_activity_either_side_of_the_users_midnight_is_a_two_day_streak(
    client_for, make_user, monkeypatch, zone, first, second, first_day, second_day
):
    # given a user far from UTC
    user = make_user(timezone=zone)
    client = client_for(user)
    # when they add an application late in their evening, and another just after their midnight
    set_clock(monkeypatch, first)
    add_application(client)
    user.refresh_from_db()
    assert (user.streak_days, user.last_active_date) == (1, first_day)
    set_clock(monkeypatch, second)
    add_application(client)
    # then two of their days are counted, although it is one day in UTC
    user.refresh_from_db()
    assert (user.streak_days, user.last_active_date) == (2, second_day)
    assert client.get("/api/v1/users/me").json()["streak_days"] == 2


@pytest.mark.parametrize("zone, first, second, day", EITHER_SIDE_OF_UTC_MIDNIGHT)
def test_activity_either_side_of_utc_midnight_is_one_day_of_the_users(client_for, make_user, monkeypatch, zone, first, second, day):
    # given a user with no streak yet
    user = make_user(timezone=zone)
    client = client_for(user)
    # when they are active on either side of UTC midnight, the same day of theirs
    set_clock(monkeypatch, first)
    add_application(client)
    set_clock(monkeypatch, second)
    add_application(client)
    # then that is one day
    user.refresh_from_db()
    assert (user.streak_days, user.last_active_date) == (1, day)


@pytest.mark.parametrize("zone, instant, day", NOT_UTCS_DAY)
def test_an_application_created_as_applied_is_applied_on_the_users_today(client_for, make_user, monkeypatch, zone, instant, day):
    user = make_user(timezone=zone)
    set_clock(monkeypatch, instant)
    body = add_application(client_for(user), status="Applied")
    assert body["applied_date"] == day.isoformat()


@pytest.mark.parametrize("zone, instant, day", NOT_UTCS_DAY)
def test_a_saved_application_moved_to_applied_is_applied_on_the_users_today(client_for, make_user, monkeypatch, zone, instant, day):
    # given a saved application
    user = make_user(timezone=zone)
    application = factories.application(user, status="Saved", applied_date=None)
    set_clock(monkeypatch, instant)
    # when it is applied
    response = client_for(user).put(f"{APPLICATIONS}/{application.pk}", {"status": "Applied"}, format="json")
    # then
    assert response.status_code == 200, response.json()
    assert response.json()["applied_date"] == day.isoformat()


def test_an_imported_applied_row_without_a_date_is_applied_on_the_users_today(client_for, make_user, monkeypatch):
    # given 11:30 UTC on the 10th, the 11th in Tonga
    user = make_user(timezone=TONGA)
    set_clock(monkeypatch, "2026-03-10T11:30:00+00:00")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow({"company_name": "New", "role_title": "R", "status": "Applied"})
    upload = SimpleUploadedFile("applications.csv", buffer.getvalue().encode(), content_type="text/csv")
    # when
    response = client_for(user).post(f"{APPLICATIONS}/import", {"file": upload}, format="multipart")
    # then
    assert response.status_code == 201, response.json()
    assert Application.objects.get(user=user).applied_date == date(2026, 3, 11)


@pytest.mark.parametrize(
    "zone, instant, current_week",
    [
        # Sunday 8 March in UTC (2026-W10) is already Monday 9 March (2026-W11) in Tonga ...
        ("UTC", "2026-03-08T11:30:00+00:00", "2026-W10"),
        (TONGA, "2026-03-08T11:30:00+00:00", "2026-W11"),
        # ... and Monday 9 March in UTC is still Sunday 8 March in Honolulu
        ("UTC", "2026-03-09T05:00:00+00:00", "2026-W11"),
        (HONOLULU, "2026-03-09T05:00:00+00:00", "2026-W10"),
    ],
)
def test_the_dashboards_current_week_is_the_users(client_for, make_user, monkeypatch, zone, instant, current_week):
    user = make_user(timezone=zone)
    set_clock(monkeypatch, instant)
    trend = client_for(user).get("/api/v1/analytics/dashboard").json()["weekly_trend"]
    assert trend[-1]["week"] == current_week


def test_a_new_time_zone_keeps_the_streak(client_for, make_user, monkeypatch):
    # given a Tonga user active on their 11th (11:30 UTC on the 10th)
    user = make_user(timezone=TONGA)
    client = client_for(user)
    set_clock(monkeypatch, "2026-03-10T11:30:00+00:00")
    add_application(client)
    # when they move to Honolulu, where it is still the 10th, and are active again
    client.put("/api/v1/users/me", {"timezone": HONOLULU}, format="json")
    add_application(client)
    # then nothing is lost and nothing is double counted
    assert User.objects.values_list("streak_days", "last_active_date").get(pk=user.pk) == (1, date(2026, 3, 11))
    assert client.get("/api/v1/users/me").json()["streak_days"] == 1
