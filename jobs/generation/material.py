"""What the writers may use, and nothing else.

The `Dossier` is the candidate's real experience: the profile (name, role, years, skills,
summary, target roles) and the parsed CV (experience and education entries). The `Posting` is
the job as untrusted data, with its skills (tags plus known skills named in its text) and the
skills the match found the candidate has.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from careerhub.skills import dedupe_skills
from jobs.matching.selectors import match_explanations_fill
from jobs.matching.writing import Dossier, Posting
from jobs.models import Match
from profiles.selectors import profile_get

MAX_ENTRIES = 10
MAX_SKILLS = 60
EXPERIENCE_KEYS = ("company", "title", "start_date", "end_date", "description")
EDUCATION_KEYS = ("institution", "degree", "field", "end_date")


def _strings(values: Any) -> list[str]:
    return [value for value in values if isinstance(value, str) and value.strip()] if isinstance(values, list) else []


def _entries(values: Any, keys: tuple[str, ...]) -> tuple[dict, ...]:
    """Parsed-CV entries as plain string dicts ("" for a missing value), empty ones dropped."""
    entries = []
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, dict):
            continue
        entry = {key: value.get(key).strip() if isinstance(value.get(key), str) else "" for key in keys}
        if any(entry.values()):
            entries.append(entry)
    return tuple(entries[:MAX_ENTRIES])


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return float(value)


def dossier_for(*, user: User) -> Dossier:
    profile = profile_get(user=user)
    parsed = profile.parsed_cv if isinstance(profile.parsed_cv, dict) else {}
    parsed_name = parsed.get("name") if isinstance(parsed.get("name"), str) else ""
    parsed_summary = parsed.get("summary") if isinstance(parsed.get("summary"), str) else ""
    years = _number(profile.experience_years)
    if years is None:
        years = _number(parsed.get("years_of_experience"))
    return Dossier(
        name=(user.display_name or parsed_name or user.username).strip(),
        current_role=(profile.current_role or "").strip(),
        experience_years=years,
        skills=tuple(dedupe_skills(_strings(profile.skills))[:MAX_SKILLS]),
        summary=(user.bio or parsed_summary).strip(),
        target_roles=tuple(_strings(profile.target_roles)),
        experience=_entries(parsed.get("experience"), EXPERIENCE_KEYS),
        education=_entries(parsed.get("education"), EDUCATION_KEYS),
    )


def posting_for(*, match: Match) -> Posting:
    """The match's job. Its skills are the job's stored skills and tags plus what the match's
    reasoning names; the writers claim only those the dossier really lists."""
    job = match.job
    match_explanations_fill([match])
    reasoning = match.reasoning if isinstance(match.reasoning, dict) else {}
    matching = _strings(reasoning.get("matching_skills"))
    skills = dedupe_skills(
        [*_strings(job.skills), *_strings(job.tags), *matching, *_strings(reasoning.get("missing_skills"))]
    )
    return Posting(
        title=job.title,
        company=job.company or "",
        description=job.description or "",
        skills=tuple(skills[:MAX_SKILLS]),
        location=job.location or "",
        remote_type=job.remote_type,
        matching_skills=tuple(dedupe_skills(matching)),
    )
