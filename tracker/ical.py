"""A small RFC 5545 (iCalendar) writer: just what the tracker's feed and downloads need.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT
values are escaped (backslash, semicolon, comma, newline) and stripped of control characters;
all-day events use VALUE=DATE with an exclusive DTEND the next day, timed events are in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODID = "-//careerhub//Application tracker//EN"
UID_DOMAIN = "careerhub"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: date | datetime
    stamp: datetime
    description: str = ""
    minutes: int = 30
    alarm: bool = False
    categories: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def uid(kind: str, pk: object) -> str:
    """Stable across feed refreshes: the same row always has the same UID."""
    return f"{kind}-{pk}@{UID_DOMAIN}"


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into CRLF + space continuations of at most 75 octets each."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_LINE_OCTETS - 1  # the leading space counts
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def _day(day: date) -> str:
    # Formatted by hand: strftime does not zero-pad years before 1000.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _utc(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return f"{_day(moment)}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"


def _after(start: date | datetime, step: timedelta) -> date | datetime | None:
    """start + step, or None at the very end of the calendar (then DTEND is left out)."""
    try:
        return start + step
    except OverflowError:
        return None


def _event_lines(event: CalendarEvent) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_utc(event.stamp)}", f"LAST-MODIFIED:{_utc(event.stamp)}"]
    if event.all_day:
        end = _after(event.start, timedelta(days=1))
        lines.append(f"DTSTART;VALUE=DATE:{_day(event.start)}")
        lines += [f"DTEND;VALUE=DATE:{_day(end)}"] if end else []
        lines.append("TRANSP:TRANSPARENT")
    else:
        end = _after(event.start, timedelta(minutes=event.minutes))
        lines.append(f"DTSTART:{_utc(event.start)}")
        lines += [f"DTEND:{_utc(end)}"] if end else []
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append(f"CATEGORIES:{escape_text(event.categories)}")
    if event.alarm:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(event.summary)}",
            "TRIGGER:PT0M",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[CalendarEvent], *, name: str = "careerhub") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
