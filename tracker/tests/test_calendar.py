from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from tracker import ical
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: CRLF + one space or tab continues the previous line."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def assert_valid_icalendar(text: str) -> list[dict[str, str]]:
    """Check the structure RFC 5545 requires and return each VEVENT's properties."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line breaks
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75, physical
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    stack, events, current = [], [], None
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None and stack[-1] == "VEVENT":
            current[name] = value
    assert stack == []
    for event in events:
        assert {"UID", "DTSTAMP"} <= set(event)
        assert any(key.startswith("DTSTART") for key in event)
    return events


def feed_url(client) -> str:
    return client.get("/api/v1/calendar/feed").json()["url"]


def test_the_feed_url_answers_without_a_token(auth_client, api_client, user):
    # given
    factories.reminder(user, title="Call Acme")
    body = auth_client.get("/api/v1/calendar/feed").json()
    assert body["url"].endswith(f"/api/v1/calendar/feed/{body['token']}.ics")
    # when a calendar app fetches it with no Authorization header
    response = api_client.get(body["url"])
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = assert_valid_icalendar(response.content.decode())
    assert [event["SUMMARY"] for event in events] == ["Call Acme"]


def test_rotating_the_token_retires_the_old_url(auth_client, api_client, user):
    old = feed_url(auth_client)
    new = auth_client.post("/api/v1/calendar/feed/rotate").json()["url"]
    assert new != old
    assert api_client.get(old).status_code == 404
    assert api_client.get(new).status_code == 200


def test_an_unknown_token_is_404(api_client):
    assert api_client.get("/api/v1/calendar/feed/not-a-real-token.ics").status_code == 404


def test_a_deactivated_users_feed_is_404(auth_client, api_client, user):
    url = feed_url(auth_client)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert api_client.get(url).status_code == 404


def test_the_feed_holds_reminders_interviews_offer_deadlines_and_follow_ups(auth_client, api_client, user, other_user):
    # given
    today = timezone.localdate()
    application = factories.application(user, company_name="Acme", role_title="SRE", status="Interviewing", follow_up_date=today + timedelta(days=3))
    factories.stage(application, stage_name="Onsite", stage_date=today + timedelta(days=7))
    factories.stage(application, stage_name="Undated")
    factories.stage(application, stage_name="Long ago", stage_date=today - timedelta(days=60))
    offer = factories.application(user, company_name="Globex", role_title="SWE", status="Offer")
    factories.outcome(offer, deadline=today + timedelta(days=10))
    factories.application(user, status="Rejected", follow_up_date=today + timedelta(days=1))  # closed: no follow-up
    factories.reminder(user, title="Prep", remind_at=timezone.now() + timedelta(days=1), application=application)
    factories.reminder(user, title="Done", is_completed=True)
    factories.reminder(other_user, title="Not mine")
    # when
    events = assert_valid_icalendar(api_client.get(feed_url(auth_client)).content.decode())
    # then
    summaries = {event["SUMMARY"] for event in events}
    assert summaries == {"Prep", "Follow up: SRE at Acme", "Onsite: SRE at Acme", "Offer deadline: SWE at Globex"}


def test_all_day_and_timed_events_are_written_as_rfc_5545_requires(auth_client, api_client, user):
    # given
    application = factories.application(user)
    stage = factories.stage(application, stage_name="Panel", stage_date=timezone.localdate() + timedelta(days=2))
    moment = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    reminder = factories.reminder(user, title="Call", remind_at=moment)
    # when
    events = {event["UID"]: event for event in assert_valid_icalendar(api_client.get(feed_url(auth_client)).content.decode())}
    # then
    interview = events[f"stage-{stage.pk}@careerhub"]
    assert interview["DTSTART;VALUE=DATE"] == stage.stage_date.strftime("%Y%m%d")
    assert interview["DTEND;VALUE=DATE"] == (stage.stage_date + timedelta(days=1)).strftime("%Y%m%d")
    timed = events[f"reminder-{reminder.pk}@careerhub"]
    assert timed["DTSTART"] == moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert timed["DTEND"] == (moment + timedelta(minutes=15)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def test_uids_are_stable_between_fetches(auth_client, api_client, user):
    factories.reminder(user)
    factories.stage(factories.application(user), stage_date=timezone.localdate())
    url = feed_url(auth_client)
    first = [event["UID"] for event in assert_valid_icalendar(api_client.get(url).content.decode())]
    second = [event["UID"] for event in assert_valid_icalendar(api_client.get(url).content.decode())]
    assert first == second and len(set(first)) == 2


def test_text_is_escaped_and_long_lines_are_folded_without_splitting_characters():
    # given
    event = ical.CalendarEvent(
        uid="x@careerhub",
        summary="Lunch; then call, maybe \\ no\nreally — " + "é" * 80,
        start=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        stamp=datetime(2026, 2, 1, tzinfo=UTC),
    )
    # when
    text = ical.calendar([event])
    # then
    events = assert_valid_icalendar(text)
    assert events[0]["SUMMARY"].startswith("Lunch\\; then call\\, maybe \\\\ no\\nreally — éé")
    folded = [line for line in text.encode("utf-8").split(b"\r\n") if line.startswith(b" ")]
    assert folded, "the long summary was folded"
    for physical in text.encode("utf-8").split(b"\r\n"):
        physical.decode("utf-8")  # each folded piece is whole characters


def test_control_characters_never_reach_the_calendar():
    assert ical.escape_text("a\x00b\x07c\td") == "abc\td"


def test_one_reminder_downloads_as_an_ics_file(auth_client, user):
    reminder = factories.reminder(user, title="Send thank-you note", description="To: Rita, Hank")
    response = auth_client.get(f"/api/v1/reminders/{reminder.pk}/ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="reminder-{reminder.pk}.ics"'
    (event,) = assert_valid_icalendar(response.content.decode())
    assert event["SUMMARY"] == "Send thank-you note"
    assert event["DESCRIPTION"] == "To: Rita\\, Hank"


def test_one_stage_downloads_as_an_ics_file_and_a_dateless_stage_is_400(auth_client, user):
    application = factories.application(user, company_name="Acme", role_title="SRE")
    dated = factories.stage(application, stage_name="Onsite", stage_date=timezone.localdate(), interviewer_names="Ada")
    undated = factories.stage(application)
    response = auth_client.get(f"/api/v1/applications/{application.pk}/stages/{dated.pk}/ics")
    (event,) = assert_valid_icalendar(response.content.decode())
    assert event["SUMMARY"] == "Onsite: SRE at Acme"
    assert event["UID"] == f"stage-{dated.pk}@careerhub"
    assert auth_client.get(f"/api/v1/applications/{application.pk}/stages/{undated.pk}/ics").status_code == 400


def test_events_at_the_edges_of_the_calendar_still_make_a_valid_file():
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    events = [
        ical.CalendarEvent(uid="last-day@careerhub", summary="End", start=date.max, stamp=stamp),
        ical.CalendarEvent(uid="last-minute@careerhub", summary="End", start=datetime(9999, 12, 31, 23, 59, tzinfo=UTC), stamp=stamp),
        ical.CalendarEvent(uid="first-day@careerhub", summary="Start", start=date(1, 1, 1), stamp=stamp),
    ]
    parsed = {event["UID"]: event for event in assert_valid_icalendar(ical.calendar(events))}
    assert parsed["last-day@careerhub"]["DTSTART;VALUE=DATE"] == "99991231"
    assert "DTEND;VALUE=DATE" not in parsed["last-day@careerhub"]
    assert "DTEND" not in parsed["last-minute@careerhub"]
    assert parsed["first-day@careerhub"]["DTSTART;VALUE=DATE"] == "00010101"


def test_a_reminder_far_in_the_future_downloads(auth_client, user):
    reminder = factories.reminder(user, remind_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    response = auth_client.get(f"/api/v1/reminders/{reminder.pk}/ics")
    assert response.status_code == 200
    assert_valid_icalendar(response.content.decode())
