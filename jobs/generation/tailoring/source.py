"""What the candidate has, and what the job asks: the two inputs of every tailoring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.models import User
from careerhub import llm
from careerhub.skills import dedupe_skills
from jobs.models import Match
from jobs.normalize import skills_from_text
from profiles.resume_content import profile_resume_content
from profiles.selectors import profile_get

MAX_JOB_SKILLS = 40


@dataclass(frozen=True)
class Source:
    """The candidate's resume as the profile and parsed CV tell it, untailored (`base`, in the
    profiles.resume_content shape), and every skill it shows: the listed ones first, then known
    skills named in its text (a CV line "Deployed on Kubernetes" shows Kubernetes)."""

    base: dict[str, Any]
    skills: tuple[str, ...]
    experience_years: int | None
    digest: str

    @property
    def listed_skills(self) -> tuple[str, ...]:
        return tuple(self.base["skills"])

    def text(self) -> str:
        """Every piece of free text the source holds (for the no-invention check's years)."""
        parts = [self.base["summary"], self.base["basics"]["label"]]
        for entry in self.base["work"]:
            parts += [entry["company"], entry["title"], entry["start_date"], entry["end_date"], *entry["highlights"]]
        for entry in self.base["education"]:
            parts += [entry["institution"], entry["degree"], entry["field"], entry["end_date"]]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class JobAsk:
    """The job as the tailor sees it. `description` is untrusted text from the web."""

    title: str
    company: str
    location: str
    description: str
    skills: tuple[str, ...]


def _years(profile: Any) -> int | None:
    if isinstance(profile.experience_years, int):
        return profile.experience_years
    parsed = profile.parsed_cv if isinstance(profile.parsed_cv, dict) else {}
    years = parsed.get("years_of_experience")
    return int(years) if isinstance(years, (int, float)) and not isinstance(years, bool) and years >= 0 else None


def source_for(*, user: User) -> Source:
    profile = profile_get(user=user)
    base = profile_resume_content(profile=profile, user=user)
    years = _years(profile)
    shell = Source(base=base, skills=(), experience_years=years, digest="")
    skills = tuple(dedupe_skills([*base["skills"], *skills_from_text(shell.text(), limit=100)]))
    digest = llm.content_hash("resume-source", base, skills, years)
    return Source(base=base, skills=skills, experience_years=years, digest=digest)


def job_ask_for(*, match: Match) -> JobAsk:
    """The match's job. What it asks is `Job.skills` (its tags plus known skills named in its text)."""
    job = match.job
    wanted = dedupe_skills(
        [name for name in [*(job.skills or []), *(job.tags or [])] if isinstance(name, str)]
    )
    return JobAsk(
        title=job.title,
        company=job.company or "",
        location=job.location or "",
        description=job.description or "",
        skills=tuple(wanted[:MAX_JOB_SKILLS]),
    )
