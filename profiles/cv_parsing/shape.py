"""The parsed CV's shape (seed 004), as a JSON schema for the LLM and a normaliser for both parsers."""

from __future__ import annotations

from typing import Any

from careerhub.skills import MAX_SKILL_LENGTH, dedupe_skills

MAX_ENTRIES = 30
MAX_SKILLS = 100
MAX_TEXT = 2000
MAX_FIELD = 200

_NULLABLE_STRING = {"type": ["string", "null"]}

CV_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": _NULLABLE_STRING,
        "email": _NULLABLE_STRING,
        "phone": _NULLABLE_STRING,
        "summary": _NULLABLE_STRING,
        "skills": {"type": "array", "items": {"type": "string"}},
        "experience": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "company": _NULLABLE_STRING,
                    "title": _NULLABLE_STRING,
                    "start_date": _NULLABLE_STRING,
                    "end_date": _NULLABLE_STRING,
                    "description": _NULLABLE_STRING,
                },
            },
        },
        "education": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "institution": _NULLABLE_STRING,
                    "degree": _NULLABLE_STRING,
                    "field": _NULLABLE_STRING,
                    "end_date": _NULLABLE_STRING,
                },
            },
        },
        "years_of_experience": {"type": ["number", "null"], "minimum": 0},
    },
    "required": ["skills", "experience", "education"],
}

EXPERIENCE_KEYS = ("company", "title", "start_date", "end_date", "description")
EDUCATION_KEYS = ("institution", "degree", "field", "end_date")


def _text(value: Any, limit: int = MAX_FIELD) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split()) if limit <= MAX_FIELD else value.strip()
    return value[:limit] or None


def _entries(values: Any, keys: tuple[str, ...]) -> list[dict[str, str | None]]:
    entries = []
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, dict):
            continue
        entry = {key: _text(value.get(key), MAX_TEXT if key == "description" else MAX_FIELD) for key in keys}
        if any(entry.values()):
            entries.append(entry)
    return entries[:MAX_ENTRIES]


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """Every key present, strings trimmed and capped, skills canonical and unique."""
    skills = [s for s in raw.get("skills") or [] if isinstance(s, str) and 0 < len(s.strip()) <= MAX_SKILL_LENGTH]
    years = raw.get("years_of_experience")
    if isinstance(years, bool) or not isinstance(years, (int, float)) or years < 0:
        years = None
    else:
        years = min(int(years), 70)
    return {
        "name": _text(raw.get("name")),
        "email": _text(raw.get("email")),
        "phone": _text(raw.get("phone"), 40),
        "summary": _text(raw.get("summary"), MAX_TEXT),
        "skills": dedupe_skills(skills)[:MAX_SKILLS],
        "experience": _entries(raw.get("experience"), EXPERIENCE_KEYS),
        "education": _entries(raw.get("education"), EDUCATION_KEYS),
        "years_of_experience": years,
    }


def is_empty(parsed: dict[str, Any]) -> bool:
    """True when nothing useful came out of the CV (a 400 `cv_unparseable` for the client)."""
    return not any(parsed.get(key) for key in ("name", "email", "phone", "summary", "skills", "experience", "education"))
