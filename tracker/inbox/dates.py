"""Dates and times as employers write them, read into aware datetimes.

"Tuesday, March 10 at 2:30 PM EST", "10/03/2026 14:30 CET", "March 10th, 3pm PT",
"2026-03-10T14:30:00Z", "tomorrow at 10am", "Thursday 12 March, 2–2:45pm (CET)", and the
`DTSTART` of a calendar part. What is read:

* A zone written after the time wins; without one, the caller's `zone` stands (the sender's
  offset when their Date header has one other than UTC, else the user's zone: see
  `tracker.inbox.suggestions`). Zone names and abbreviations are data (`data/dates.json`);
  an abbreviation means its region's wall clock all year.
* A date without a year is the next such date from the email's own date; "tomorrow" and a bare
  weekday count from the email's date in the zone the time is in.
* 03/10/2026 is March 10 where people write month first (the zone says so, or the caller's
  `month_first`), else 3 October; a weekday written with it, or a number above 12, decides first.
* A start time without am/pm takes the end's ("2–2:45pm"); 1–6 o'clock without either is
  afternoon (nobody interviews at 2:30 in the night).
* A date right after a deadline word ("by", "no later than") is a deadline, not an appointment.

Everything here is bounded: the text is cut to `MAX_TEXT`, every pattern has bounded repetition.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from tracker.inbox.rules import date_rules, zone
from tracker.inbox.text import clean

MAX_TEXT = 30_000
MAX_MENTIONS = 50
MAX_CALENDAR_TEXT = 64_000
# How far apart a date and its time may be written ("Tuesday, March 10, 2026 at 2:30 PM").
DATE_BEFORE_TIME_GAP = 30
TIME_BEFORE_DATE_GAP = 12
DEADLINE_LOOKBACK = 40
_CONNECTOR = re.compile(r"^[\s,;:()\[\]|·•@-]*(?:(?:at|from|on|between|starting(?: at)?|beginning(?: at)?|,|-|the|this|next)[\s,;:()\[\]|·•@-]*)*$", re.IGNORECASE)
_MERIDIEM = r"(?:a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)"


@dataclass(frozen=True)
class Mention:
    """A date (and time) the text names; `timed` is False for a date alone."""

    at: datetime
    start: int
    timed: bool
    deadline: bool = False


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative_days: int | None = None
    ambiguous: tuple[int, int] | None = None  # (first, second) numbers of 03/10 style dates


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    hour: int
    minute: int
    zone: tzinfo | None
    zone_name: str


@dataclass(frozen=True)
class _Patterns:
    iso: re.Pattern[str]
    date: re.Pattern[str]
    time: re.Pattern[str]


def _alternation(names: object) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


@functools.cache
def _patterns() -> _Patterns:
    rules = date_rules()
    month = f"(?:{_alternation(rules.months)})"
    weekday = f"(?:{_alternation(rules.weekdays)})"
    relative = f"(?:{_alternation(rules.relative_days)})"
    ordinal = r"(?:st|nd|rd|th)?"
    lead = rf"(?:(?P<{{w}}>{weekday})\.?,?\s{{{{1,3}}}}(?:the\s)?)?"
    date = "|".join([
        # Tuesday, March 10th, 2026 / Tue Mar 10
        lead.format(w="wd1") + rf"(?P<mon1>{month})\.?\s{{1,3}}(?P<day1>\d{{1,2}}){ordinal}(?!\d)(?:,?\s{{1,3}}(?P<year1>\d{{4}}))?",
        # Thursday 12 March 2026 / 12th of March
        lead.format(w="wd2") + rf"(?P<day2>\d{{1,2}}){ordinal}(?:\s(?:of\s)?|\.\s?|\s?-\s?)(?P<mon2>{month})\.?(?:,?\s{{1,3}}(?P<year2>\d{{4}}))?",
        # 2026-03-10
        r"(?P<year3>\d{4})-(?P<mon3>\d{1,2})-(?P<day3>\d{1,2})(?!\d)",
        # 10/03/2026, 03/10, 10.03.2026
        lead.format(w="wd4") + r"(?P<a4>\d{1,2})(?P<sep4>[/.])(?P<b4>\d{1,2})(?:(?P=sep4)(?P<year4>\d{4}|\d{2}))?(?![\d:])",
        # Tuesday the 10th
        rf"(?P<wd5>{weekday})\.?,?\s{{1,3}}(?:the\s)?(?P<day5>\d{{1,2}})(?:st|nd|rd|th)(?!\w)",
        # on the 19th
        rf"(?:on\s)?the\s(?P<day8>\d{{1,2}})(?:st|nd|rd|th)(?!\w)(?!,?\s(?:of\s)?{month})",
        # tomorrow, today
        rf"(?P<rel6>{relative})",
        # Tuesday (tried last, so a weekday written before a date belongs to that date)
        rf"(?P<wd7>{weekday})\.?",
    ])
    zones = rules.zone_names
    abbreviations = [name.upper() for name in zones if len(name) <= 5 and " " not in name]
    phrases = [name for name in zones if name.upper() not in abbreviations]
    zone_pattern = (
        r"(?:\s{0,3}\(?\s{0,2}(?P<zone>"
        r"(?:utc|gmt)\s?[+-]\s?\d{1,2}(?::?\d{2})?"
        rf"|(?-i:{_alternation(abbreviations)})"
        rf"|{_alternation(phrases)}"
        r"|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?"
        r")(?!\w)\)?)?"
    )
    clock = r"(?P<h{n}>\d{{1,2}})(?:[:h.](?P<m{n}>[0-5]\d)(?::[0-5]\d)?)?(?:\s?(?P<ap{n}>" + _MERIDIEM + "))?"
    time = (
        r"(?<![\w:./+-])(?:"
        + r"(?P<noon>noon|midday)"
        + "|" + clock.format(n=1) + r"\s{0,2}(?:-|to|until|till|and)\s{0,2}" + clock.format(n=2)
        + "|" + clock.format(n=3)
        + r")(?![\w:])" + zone_pattern
    )
    iso = r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?P<sep>[T ])(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d{1,9})?\s?(?P<z>Z|[+-]\d{2}:?\d{2})?(?!\d)"
    return _Patterns(
        iso=re.compile(iso),
        date=re.compile(rf"(?<!\w)(?:{date})(?!\w)", re.IGNORECASE),
        time=re.compile(time, re.IGNORECASE),
    )


def zone_named(name: str) -> tzinfo | None:
    """The zone for what people write: `EST`, `Pacific Time`, `UTC+2`, `Europe/Berlin`, or None."""
    text = " ".join(name.split()).lower()
    if not text:
        return None
    rules = date_rules()
    if text in rules.zones:
        return rules.zones[text]
    offset = re.fullmatch(r"(?:utc|gmt)\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?", text)
    if offset:
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(delta if offset.group(1) == "+" else -delta)
    return zone(name.strip()) if "/" in name else None


def _month_first_zone(found: tzinfo | None) -> bool | None:
    key = getattr(found, "key", None)
    if key is None:
        return None
    return key in date_rules().month_first_zones


def _date_at(match: re.Match[str]) -> _Date:
    rules = date_rules()
    groups = {name: value for name, value in match.groupdict().items() if value is not None}

    def number(name: str) -> int | None:
        return int(groups[name]) if name in groups else None

    weekday = next((rules.weekdays[groups[w].lower()] for w in ("wd1", "wd2", "wd4", "wd5", "wd7") if w in groups), None)
    common = dict(start=match.start(), end=match.end(), weekday=weekday)
    if "mon1" in groups:
        return _Date(**common, year=number("year1"), month=rules.months[groups["mon1"].lower()], day=number("day1"))
    if "mon2" in groups:
        return _Date(**common, year=number("year2"), month=rules.months[groups["mon2"].lower()], day=number("day2"))
    if "mon3" in groups:
        return _Date(**common, year=number("year3"), month=number("mon3"), day=number("day3"))
    if "a4" in groups:
        year = number("year4")
        if year is not None and year < 100:
            year += 2000
        return _Date(**common, year=year, ambiguous=(number("a4"), number("b4")))
    if "day5" in groups:
        return _Date(**common, day=number("day5"))
    if "day8" in groups:
        return _Date(start=match.start(), end=match.end(), day=number("day8"))
    if "rel6" in groups:
        return _Date(start=match.start(), end=match.end(), relative_days=rules.relative_days[groups["rel6"].lower()])
    return _Date(**common)


def _clock(hour: int, minute: int, meridiem: str | None) -> tuple[int, int] | None:
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        afternoon = meridiem.lower().startswith("p")
        hour = (hour % 12) + (12 if afternoon else 0)
    elif 1 <= hour <= 6:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _time_at(match: re.Match[str]) -> _Time | None:
    groups = match.groupdict()
    zone_name = groups.get("zone") or ""
    found_zone = zone_named(zone_name) if zone_name else None
    if groups.get("noon"):
        clock = (12, 0)
    elif groups.get("h1") is not None:
        # A range: the start is the appointment; it takes the end's am/pm unless that puts it after the end.
        if not (groups.get("ap1") or groups.get("ap2") or (groups.get("m1") and groups.get("m2"))):
            return None
        end = _clock(int(groups["h2"]), int(groups.get("m2") or 0), groups.get("ap2"))
        meridiem = groups.get("ap1") or groups.get("ap2")
        clock = _clock(int(groups["h1"]), int(groups.get("m1") or 0), meridiem)
        if clock and end and not groups.get("ap1") and groups.get("ap2") and clock > end:
            clock = _clock(int(groups["h1"]), int(groups.get("m1") or 0), "am")
    else:
        if not (groups.get("m3") or groups.get("ap3")):
            return None
        clock = _clock(int(groups["h3"]), int(groups.get("m3") or 0), groups.get("ap3"))
    if clock is None:
        return None
    return _Time(start=match.start(), end=match.end(), hour=clock[0], minute=clock[1], zone=found_zone, zone_name=zone_name)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _calendar_day(found: _Date, *, reference: date, month_first: bool) -> date | None:
    """The day a date mention names, counted from `reference` (the email's date where the time is)."""
    if found.relative_days is not None:
        return reference + timedelta(days=found.relative_days)
    if found.ambiguous is not None:
        first, second = found.ambiguous
        readings = [(second, first), (first, second)] if month_first else [(first, second), (second, first)]
        days = [_day(found.year, month, day, reference) for day, month in readings]
        days = [day for day in days if day is not None]
        if found.weekday is not None:
            days = [day for day in days if day.weekday() == found.weekday] or days
        return days[0] if days else None
    if found.month is not None and found.day is not None:
        return _day(found.year, found.month, found.day, reference)
    if found.day is not None:
        # "Tuesday the 10th": the next 10th that is a Tuesday; "the 19th": the next 19th.
        for months_ahead in range(0, 13):
            month_index = reference.month - 1 + months_ahead
            candidate = _day(reference.year + month_index // 12, month_index % 12 + 1, found.day, None)
            if candidate and candidate >= reference and found.weekday in (None, candidate.weekday()):
                return candidate
        return None
    if found.weekday is not None:
        return reference + timedelta(days=(found.weekday - reference.weekday()) % 7 or 7)
    return None


def _day(year: int | None, month: int, day: int, reference: date | None) -> date | None:
    """The date; without a year, the first such date not more than a week before `reference`."""
    try:
        if year is not None:
            return date(year, month, day)
        if reference is None:
            return None
        candidate = date(reference.year, month, day)
        return candidate if candidate >= reference - timedelta(days=7) else date(reference.year + 1, month, day)
    except ValueError:
        return None


def _pair(times: list[_Time], dates: list[_Date], text: str) -> list[tuple[_Date, _Time | None]]:
    """Each time with the date written next to it; dates left alone are dates without a time."""
    pairs: list[tuple[_Date, _Time | None]] = []
    used: set[int] = set()
    for found in times:
        before = [d for d in dates if d.end <= found.start and found.start - d.end <= DATE_BEFORE_TIME_GAP
                  and _CONNECTOR.match(text[d.end:found.start])]
        after = [d for d in dates if d.start >= found.end and d.start - found.end <= TIME_BEFORE_DATE_GAP
                 and _CONNECTOR.match(text[found.end:d.start])]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            pairs.append((chosen, found))
            used.add(id(chosen))
    pairs.extend((d, None) for d in dates if id(d) not in used)
    return sorted(pairs, key=lambda pair: min(pair[0].start, pair[1].start if pair[1] else pair[0].start))


def mentions_in(
    text: str, *, sent_at: datetime | None, zone: tzinfo, month_first: bool = False
) -> list[Mention]:
    """Every date the text names, in order of appearance, as aware datetimes.

    `sent_at` anchors relative days and years (no anchor: such dates are skipped); `zone` is the
    zone of times written without one; `month_first` reads 03/10 as March 10 when nothing else says.
    """
    text = clean((text or "")[:MAX_TEXT])
    patterns = _patterns()
    mentions: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for found in patterns.iso.finditer(text):
        if found["sep"] == " " and found["z"] is None:
            continue  # "2026-03-18 16:00 (UTC)": a date and a time, read below with the zone after them
        moment = _iso(found, zone)
        if moment is not None:
            mentions.append(Mention(at=moment, start=found.start(), timed=True, deadline=_is_deadline(text, found.start())))
        spans.append(found.span())
    masked = _blank(text, spans)
    dates = [_date_at(found) for found in patterns.date.finditer(masked)][:MAX_MENTIONS]
    masked = _blank(masked, [(d.start, d.end) for d in dates])
    times = [t for t in (_time_at(found) for found in patterns.time.finditer(masked)) if t is not None][:MAX_MENTIONS]
    for found_date, found_time in _pair(times, dates, text):
        here = (found_time.zone if found_time and found_time.zone else None) or zone
        hint = _month_first_zone(found_time.zone) if found_time and found_time.zone else None
        if found_time is None and (found_date.month is None and found_date.ambiguous is None):
            continue  # "see you Monday" names no appointment without a time
        reference = sent_at.astimezone(here).date() if sent_at else None
        if reference is None and (found_date.year is None or found_date.relative_days is not None):
            continue
        day = _calendar_day(found_date, reference=reference or date(found_date.year or 1, 1, 1),
                            month_first=month_first if hint is None else hint)
        if day is None:
            continue
        clock = time(found_time.hour, found_time.minute) if found_time else time(0, 0)
        start = min(found_date.start, found_time.start) if found_time else found_date.start
        mentions.append(Mention(at=datetime.combine(day, clock, tzinfo=here), start=start, timed=found_time is not None,
                                deadline=_is_deadline(text, start)))
    return sorted(mentions, key=lambda mention: mention.start)[:MAX_MENTIONS]


def _iso(found: re.Match[str], default: tzinfo) -> datetime | None:
    try:
        moment = datetime(int(found["y"]), int(found["mo"]), int(found["d"]), int(found["h"]), int(found["mi"]),
                          int(found["s"] or 0))
    except ValueError:
        return None
    offset = found["z"]
    if offset is None:
        return moment.replace(tzinfo=default)
    if offset.upper() == "Z":
        return moment.replace(tzinfo=UTC)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta >= timedelta(hours=24):
        return None
    return moment.replace(tzinfo=timezone(sign * delta))


def _is_deadline(text: str, start: int) -> bool:
    return bool(date_rules().deadline_words.search(text[max(0, start - DEADLINE_LOOKBACK):start]))


def is_choice(text: str) -> bool:
    """The text offers several times to choose from ("which of these works for you?")."""
    return bool(date_rules().choice_phrases.search((text or "")[:MAX_TEXT]))


def moment_parse(text: str, *, zone: tzinfo, reference: datetime | None) -> datetime | None:
    """A date and time written on its own: a forwarded message's `Date:` line, in any client's format."""
    text = (text or "").strip()[:500]
    if not text:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    timed = [mention for mention in mentions_in(text, sent_at=reference, zone=zone) if mention.timed]
    return timed[0].at if timed else None


# --- Calendar parts (RFC 5545) -------------------------------------------------------------------

_UNFOLD = re.compile(r"\r?\n[ \t]")
_DTSTART = re.compile(r"^DTSTART((?:;[^:\n]{0,200})?):(\d{8})(?:T(\d{6})(Z)?)?\s*$", re.IGNORECASE | re.MULTILINE)
_TZID = re.compile(r';TZID="?([^";:]{1,100})"?', re.IGNORECASE)
_VEVENT = re.compile(r"^BEGIN:VEVENT\s*$.*?(?:^END:VEVENT\s*$|\Z)", re.IGNORECASE | re.MULTILINE | re.DOTALL)
_CANCELLED = re.compile(r"^(?:METHOD:CANCEL|STATUS:CANCELLED)\s*$", re.IGNORECASE | re.MULTILINE)


def calendar_start(calendar: str, *, zone: tzinfo) -> datetime | None:
    """The start of the first timed event of an iCalendar part, or None (no event, all-day, cancelled)."""
    text = _UNFOLD.sub("", (calendar or "")[:MAX_CALENDAR_TEXT])
    if _CANCELLED.search(text):
        return None
    # The event's DTSTART, not a VTIMEZONE rule's (Outlook's start with DTSTART:16010101T020000).
    event = _VEVENT.search(text)
    found = _DTSTART.search(event.group()) if event else None
    if found is None or found.group(3) is None:
        return None
    params, day, clock, utc = found.groups()
    here: tzinfo = zone
    if utc:
        here = UTC
    else:
        tzid = _TZID.search(params or "")
        if tzid:
            here = zone_named(tzid.group(1)) or zone
    try:
        return datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:]),
                        tzinfo=here)
    except ValueError:
        return None
