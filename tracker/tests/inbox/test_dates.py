from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tracker.inbox.dates import calendar_start, is_choice, mentions_in, moment_parse, zone_named

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SENT = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)  # a Thursday


def first_timed(text: str, *, zone=NEW_YORK, month_first: bool = True, sent_at=SENT) -> datetime | None:
    timed = [m for m in mentions_in(text, sent_at=sent_at, zone=zone, month_first=month_first) if m.timed]
    return timed[0].at if timed else None


@pytest.mark.parametrize(("text", "expected"), [
    ("Tuesday, March 10 at 2:30 PM EST", datetime(2026, 3, 10, 14, 30, tzinfo=NEW_YORK)),
    ("10/03/2026 14:30 CET", datetime(2026, 3, 10, 14, 30, tzinfo=BERLIN)),
    ("March 10th, 3pm PT", datetime(2026, 3, 10, 15, 0, tzinfo=LOS_ANGELES)),
    ("2026-03-10T14:30:00Z", datetime(2026, 3, 10, 14, 30, tzinfo=UTC)),
    ("2026-03-10 14:30:00+01:00", datetime(2026, 3, 10, 14, 30, tzinfo=timezone(timedelta(hours=1)))),
    ("tomorrow at 10am", datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK)),
    ("Thursday 12 March, 2–2:45pm (CET)", datetime(2026, 3, 12, 14, 0, tzinfo=BERLIN)),
    ("at 2:30 PM EST on Tuesday, March 10", datetime(2026, 3, 10, 14, 30, tzinfo=NEW_YORK)),
    ("Tuesday the 10th at 11:00", datetime(2026, 3, 10, 11, 0, tzinfo=NEW_YORK)),
    ("next Tuesday at 11am", datetime(2026, 3, 10, 11, 0, tzinfo=NEW_YORK)),
    ("Mar 10, 2026 @ 14:00 UTC+1", datetime(2026, 3, 10, 14, 0, tzinfo=timezone(timedelta(hours=1)))),
    ("11–12pm on Friday", datetime(2026, 3, 6, 11, 0, tzinfo=NEW_YORK)),
    ("Friday, 13 March 2026, 09:30 - 10:15 (Europe/Berlin)", datetime(2026, 3, 13, 9, 30, tzinfo=BERLIN)),
    ("at noon on March 11", datetime(2026, 3, 11, 12, 0, tzinfo=NEW_YORK)),
    ("Thursday 19th March at 3.30pm GMT", datetime(2026, 3, 19, 15, 30, tzinfo=UTC)),
    ("Wed 3/4 at 3:30pm EST", datetime(2026, 3, 4, 15, 30, tzinfo=NEW_YORK)),
    ("March 26th from 1:00-2:00 p.m. CT", datetime(2026, 3, 26, 13, 0, tzinfo=ZoneInfo("America/Chicago"))),
    ("on 24.03.2026 at 14h30", datetime(2026, 3, 24, 14, 30, tzinfo=NEW_YORK)),
    ("Can you come in on the 19th at 2:00 PM?", datetime(2026, 3, 19, 14, 0, tzinfo=NEW_YORK)),
    ("on the 17th of March at 11:00 CET", datetime(2026, 3, 17, 11, 0, tzinfo=BERLIN)),
    ("When: 2026-03-18 16:00 (UTC)", datetime(2026, 3, 18, 16, 0, tzinfo=UTC)),
    ("Start: 2026-03-18T16:00", datetime(2026, 3, 18, 16, 0, tzinfo=NEW_YORK)),
])
def test_it_reads_the_ways_employers_write_a_time(text, expected):
    # when
    found = first_timed(text)
    # then
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()


def test_an_abbreviation_means_its_regions_wall_clock_across_daylight_saving():
    # given EST written for a date after the US change to daylight time (March 8, 2026)
    found = first_timed("Tuesday, March 10 at 2:30 PM EST")
    # then it is 2:30 PM in New York, which is UTC−4 that day
    assert found.utcoffset() == timedelta(hours=-4)


def test_a_time_without_a_zone_is_in_the_zone_given():
    # when
    found = first_timed("Friday, March 6 at 9:00", zone=BERLIN)
    # then
    assert found == datetime(2026, 3, 6, 9, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(("text", "month_first", "expected_day"), [
    ("03/10/2026 at 14:00", True, (3, 10)),
    ("03/10/2026 at 14:00", False, (10, 3)),
    ("Tuesday 03/10/2026 at 14:00", False, (3, 10)),  # the weekday decides: March 10 is a Tuesday
    ("10/03/2026 at 14:00 CET", True, (3, 10)),  # a European zone reads day first
    ("25/03/2026 at 14:00", True, (3, 25)),  # 25 cannot be a month
])
def test_a_numeric_date_is_read_day_or_month_first_by_what_the_email_says(text, month_first, expected_day):
    # when
    found = first_timed(text, month_first=month_first)
    # then
    assert (found.month, found.day) == expected_day


def test_a_day_of_the_month_alone_is_the_next_such_day():
    # given an email sent on March 5 naming "the 2nd"
    # then it is April 2
    assert first_timed("Could you do the 2nd at 10am?") == datetime(2026, 4, 2, 10, 0, tzinfo=NEW_YORK)


def test_a_date_without_a_year_is_the_next_one_from_the_emails_date():
    # given an email sent in late December about January 6
    december = datetime(2026, 12, 28, 12, tzinfo=UTC)
    # when
    found = first_timed("January 6 at 10am", sent_at=december)
    # then
    assert found.year == 2027


def test_the_start_of_a_range_takes_the_ends_am_or_pm():
    # then
    assert first_timed("Friday, March 6, 2-2:45pm").hour == 14
    assert first_timed("Friday, March 6, 11-12pm").hour == 11
    assert first_timed("Friday, March 6, 10am - 11am").hour == 10


def test_an_afternoon_hour_written_without_am_or_pm_is_afternoon():
    # then
    assert first_timed("Friday, March 6 at 2:30").hour == 14
    assert first_timed("Friday, March 6 at 9:30").hour == 9


def test_a_date_after_a_deadline_word_is_a_deadline():
    # when
    mentions = mentions_in("Please reply by Monday, March 9 at 5pm. The interview is on March 10 at 2pm.",
                           sent_at=SENT, zone=NEW_YORK)
    # then
    assert [(m.at.day, m.deadline) for m in mentions] == [(9, True), (10, False)]


def test_a_date_alone_is_a_mention_without_a_time_and_a_weekday_alone_is_nothing():
    # when
    mentions = mentions_in("Your onsite is on March 13. See you Monday!", sent_at=SENT, zone=NEW_YORK)
    # then
    assert [(m.at.date().isoformat(), m.timed) for m in mentions] == [("2026-03-13", False)]


def test_relative_days_need_the_emails_date():
    # then
    assert first_timed("tomorrow at 10am", sent_at=None) is None
    assert first_timed("March 10, 2026 at 10am", sent_at=None) == datetime(2026, 3, 10, 10, tzinfo=NEW_YORK)


def test_text_with_no_date_names_none():
    # then
    assert mentions_in("Thanks for applying! We will be in touch.", sent_at=SENT, zone=NEW_YORK) == []
    assert first_timed("Version 2.10 ships at build 14:30:99 on port 8080") is None


@pytest.mark.parametrize(("name", "offset_in_july"), [
    ("EST", -4), ("pacific time", -7), ("CEST", 2), ("UTC+5:30", 5.5), ("GMT-3", -3), ("Europe/London", 1),
    ("Eastern Standard Time", -4),
])
def test_zone_names_people_write_are_known(name, offset_in_july):
    # when
    found = zone_named(name)
    # then
    assert datetime(2026, 7, 1, 12, tzinfo=found).utcoffset() == timedelta(hours=offset_in_july)


def test_unknown_zone_names_are_none():
    # then
    assert zone_named("Mars/Olympus") is None
    assert zone_named("UTC+99") is None
    assert zone_named("") is None


def test_choosing_between_times_is_recognised():
    # then
    assert is_choice("Please pick one of the following slots:")
    assert is_choice("Which of these works for you?")
    assert not is_choice("Your interview is on Tuesday at 2pm.")


def test_a_forwarded_date_line_is_read_in_any_clients_format():
    # then
    assert moment_parse("Mon, 2 Mar 2026 09:14:00 +0100", zone=NEW_YORK, reference=SENT) == datetime(
        2026, 3, 2, 9, 14, tzinfo=timezone(timedelta(hours=1)))
    assert moment_parse("Mon, Mar 2, 2026 at 9:14 AM", zone=NEW_YORK, reference=SENT) == datetime(
        2026, 3, 2, 9, 14, tzinfo=NEW_YORK)
    assert moment_parse("Donnerstag, 19. März 2026 17:45", zone=BERLIN, reference=SENT) is None
    assert moment_parse("", zone=NEW_YORK, reference=SENT) is None


def calendar(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "METHOD:REQUEST", *lines, "END:VCALENDAR"]) + "\r\n"


def test_a_calendar_parts_start_is_read_with_its_zone():
    # then
    assert calendar_start(calendar("BEGIN:VEVENT", "DTSTART;TZID=America/Chicago:20260312T093000", "END:VEVENT"),
                          zone=UTC) == datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert calendar_start(calendar("BEGIN:VEVENT", "DTSTART:20260310T183000Z", "END:VEVENT"),
                          zone=NEW_YORK) == datetime(2026, 3, 10, 18, 30, tzinfo=UTC)
    assert calendar_start(calendar("BEGIN:VEVENT", "DTSTART:20260310T090000", "END:VEVENT"),
                          zone=BERLIN) == datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN)


def test_outlooks_windows_zone_names_and_timezone_rules_do_not_confuse_the_start():
    # given Outlook's VTIMEZONE (whose own DTSTART is in 1601) before the event
    text = calendar(
        "BEGIN:VTIMEZONE", "TZID:Central Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T020000", "END:STANDARD",
        "END:VTIMEZONE", "BEGIN:VEVENT", "DTSTART;TZID=Central Standard Time:20260317T140000", "END:VEVENT",
    )
    # then
    assert calendar_start(text, zone=UTC) == datetime(2026, 3, 17, 14, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_cancelled_all_day_and_broken_calendars_have_no_start():
    # then
    assert calendar_start(calendar("METHOD:CANCEL", "BEGIN:VEVENT", "DTSTART:20260310T090000Z", "END:VEVENT"),
                          zone=UTC) is None
    assert calendar_start(calendar("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260310", "END:VEVENT"), zone=UTC) is None
    assert calendar_start(calendar("BEGIN:VEVENT", "DTSTART:20261399T250000Z", "END:VEVENT"), zone=UTC) is None
    assert calendar_start("not a calendar", zone=UTC) is None
