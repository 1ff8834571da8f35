"""The content of a resume: one shape that tailoring writes and every export format renders.

    {
      "basics": {"name", "label", "email", "phone", "location": {"city", "region", "country"},
                 "links": [{"network", "url"}]},
      "summary": str,
      "skills": [str, ...],                                   # in the order to show them
      "work": [{"company", "title", "start_date", "end_date", "highlights": [str, ...]}],
      "education": [{"institution", "degree", "field", "end_date"}],
    }

Every value is a string ("" when unknown; dates as the CV wrote them). A tailored version stores
this on `ResumeVersion.content`; a plain version exports `profile_resume_content`, the same shape
built from the profile and its parsed CV. `normalise_content` is applied to both, so every string
is trimmed, bounded and free of control characters (a DOCX cannot hold them, a PDF would show
boxes) whatever the CV or a model put in it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from accounts.models import User
from careerhub.skills import dedupe_skills
from profiles.models import Profile

MAX_FIELD = 200
MAX_TEXT = 2000
MAX_SKILLS = 60
MAX_ENTRIES = 30
MAX_HIGHLIGHTS = 12
MAX_LINKS = 10

WORK_KEYS = ("company", "title", "start_date", "end_date")
EDUCATION_KEYS = ("institution", "degree", "field", "end_date")
LOCATION_KEYS = ("city", "region", "country")

# C0/C1 control characters (tab and newline aside), surrogates and non-characters: not text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BULLET = re.compile(r"^\s*(?:[•·*\-–—▪◦●>]+|\d{1,2}[.)])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def clean_text(value: Any, limit: int = MAX_FIELD) -> str:
    """A string fit for every format: text only, whitespace collapsed (a field) or kept per line
    (a longer text), at most `limit` characters."""
    if not isinstance(value, str):
        return ""
    value = _NOT_TEXT.sub("", unicodedata.normalize("NFC", value))
    if limit <= MAX_FIELD:
        value = " ".join(value.split())
    else:
        value = "\n".join(" ".join(line.split()) for line in value.strip().splitlines()).strip()
    return value[:limit].strip()


def highlights_from_description(description: Any) -> list[str]:
    """A CV entry's description as bullet lines: one per line when it has several, else one per
    sentence; bullet markers dropped."""
    text = clean_text(description, MAX_TEXT)
    lines = [line for line in (_BULLET.sub("", line).strip() for line in text.splitlines()) if line]
    if len(lines) == 1:
        lines = [part.strip() for part in _SENTENCE_END.split(lines[0]) if part.strip()]
    return lines[:MAX_HIGHLIGHTS]


def _strings(values: Any, limit: int = MAX_FIELD) -> list[str]:
    if not isinstance(values, list):
        return []
    return [text for text in (clean_text(value, limit) for value in values) if text]


def _entries(values: Any, keys: tuple[str, ...], *, with_highlights: bool) -> list[dict[str, Any]]:
    entries = []
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, dict):
            continue
        entry: dict[str, Any] = {key: clean_text(value.get(key)) for key in keys}
        if with_highlights:
            entry["highlights"] = _strings(value.get("highlights"), MAX_TEXT)[:MAX_HIGHLIGHTS]
        if any(entry.values()):
            entries.append(entry)
    return entries[:MAX_ENTRIES]


def _links(values: Any) -> list[dict[str, str]]:
    links = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, dict) and (url := clean_text(value.get("url"), 500)):
            links.append({"network": clean_text(value.get("network") or value.get("platform"), 50), "url": url})
    return links[:MAX_LINKS]


def normalise_content(raw: Any) -> dict[str, Any]:
    """Every key of the shape present, every value a clean string (or list of them)."""
    raw = raw if isinstance(raw, dict) else {}
    basics = raw.get("basics") if isinstance(raw.get("basics"), dict) else {}
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    return {
        "basics": {
            "name": clean_text(basics.get("name")),
            "label": clean_text(basics.get("label")),
            "email": clean_text(basics.get("email"), 255),
            "phone": clean_text(basics.get("phone"), 40),
            "location": {key: clean_text(location.get(key), 100) for key in LOCATION_KEYS},
            "links": _links(basics.get("links")),
        },
        "summary": clean_text(raw.get("summary"), MAX_TEXT),
        "skills": dedupe_skills(_strings(raw.get("skills"), 50))[:MAX_SKILLS],
        "work": _entries(raw.get("work"), WORK_KEYS, with_highlights=True),
        "education": _entries(raw.get("education"), EDUCATION_KEYS, with_highlights=False),
    }


def _text(mapping: dict, key: str) -> str:
    value = mapping.get(key)
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def profile_resume_content(*, profile: Profile, user: User) -> dict[str, Any]:
    """The user's resume as the profile and its parsed CV tell it, untailored.

    The profile wins where both say something (it is what the user last edited); the parsed CV
    fills the rest. Contact details are the profile's contact email (or the CV's), never the
    sign-in email, which the user has not chosen to show.
    """
    parsed = profile.parsed_cv if isinstance(profile.parsed_cv, dict) else {}
    experience = [entry for entry in _list(parsed.get("experience")) if isinstance(entry, dict)]
    work = [
        {**{key: _text(entry, key) for key in WORK_KEYS}, "highlights": highlights_from_description(entry.get("description"))}
        for entry in experience
    ]
    label = profile.current_role or next((entry["title"] for entry in work if entry["title"]), "")
    return normalise_content(
        {
            "basics": {
                "name": user.display_name or _text(parsed, "name") or user.username,
                "label": label,
                "email": profile.contact_email or _text(parsed, "email"),
                "phone": profile.contact_phone or _text(parsed, "phone"),
                "location": {
                    "city": profile.location_city, "region": profile.location_region, "country": profile.location_country,
                },
                "links": profile.social_links,
            },
            "summary": user.bio or _text(parsed, "summary"),
            "skills": [*_list(profile.skills), *_list(parsed.get("skills"))],
            "work": work,
            "education": parsed.get("education"),
        }
    )


def is_blank(content: dict[str, Any]) -> bool:
    """True when there is nothing to put on a resume but a name."""
    return not (content["summary"] or content["skills"] or content["work"] or content["education"] or content["basics"]["label"])


# --- Dates --------------------------------------------------------------------------------------

PRESENT = "present"
_PRESENT_WORDS = frozenset({"present", "current", "now", "today", "ongoing", "currently"})
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NAMED_MONTH = re.compile(r"^([a-z]{3,9})\.?,?\s+(\d{4})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def _month(year: str, month: int) -> str | None:
    return f"{year}-{month:02d}" if 1 <= month <= 12 else None


def resume_date(value: Any) -> str | None:
    """A CV date in one comparable form: "YYYY-MM", "YYYY" or "present"; None when it cannot be read.

    "2019-01", "2019/1", "01/2019", "Jan 2019" and "January 2019" are all "2019-01".
    """
    text = clean_text(value).casefold()
    if not text:
        return None
    if text in _PRESENT_WORDS:
        return PRESENT
    if found := _ISO_MONTH.match(text):
        return _month(found[1], int(found[2]))
    if found := _MONTH_FIRST.match(text):
        return _month(found[2], int(found[1]))
    if (found := _NAMED_MONTH.match(text)) and (number := _MONTHS.get(found[1][:4]) or _MONTHS.get(found[1][:3])):
        return _month(found[2], number)
    if found := _YEAR_ONLY.match(text):
        return found[1]
    return None
