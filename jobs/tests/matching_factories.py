"""Rows for the matching tests: a profile, jobs stored the way ingestion stores them, matches."""

from __future__ import annotations

import itertools
import uuid

from django.utils import timezone

from jobs.matching.features import job_feature_values
from jobs.models import Job, Match
from profiles.models import IndustryProfile, Profile

_counter = itertools.count(1)

PROFILE = dict(
    skills=["Python", "Django", "PostgreSQL"],
    target_roles=["Backend Engineer"],
    current_role="Software Engineer",
    experience_years=5,
    work_modes=["remote"],
    employment_types=["full_time"],
    salary_min=100_000,
    salary_currency="USD",
    eligible_regions=["US"],
    needs_visa_sponsorship=False,
)

# Scores 99.2 against PROFILE: every skill, the role (backend, title words 0.9: 60 + 40·0.9 = 96), remote
# full-time, worldwide, well paid, no blocker or caveat.
STRONG_JOB = dict(
    title="Senior Backend Engineer",
    description="Build our APIs with Python, Django and PostgreSQL.",
    tags=["Python", "Django", "PostgreSQL"],
    remote_type="remote",
    job_type="full_time",
    eligible_regions=["Worldwide"],
    salary_min=120_000,
    salary_max=150_000,
    salary_currency="USD",
)

# Scores about 13 against PROFILE: nothing in common, on site in the UK, no sponsorship, low pay.
WEAK_JOB = dict(
    title="Sales Representative",
    description="Sell our CRM to retailers. 8+ years of experience in sales.",
    tags=["Salesforce"],
    remote_type="onsite",
    job_type="full_time",
    eligible_regions=["UK"],
    visa_sponsorship=0,
    salary_min=30_000,
    salary_max=40_000,
    salary_currency="USD",
)


def profile(user, **fields) -> Profile:
    return Profile.objects.create(user=user, **{**PROFILE, **fields})


def industry_years(user, years: dict[str, float]) -> IndustryProfile:
    return IndustryProfile.objects.create(user=user, industry_years_json=years, updated_at=timezone.now())


def job_values(**fields) -> dict:
    n = next(_counter)
    values = {
        "source": "remoteok",
        "source_id": f"matching-{n}-{uuid.uuid4().hex[:8]}",
        "company": f"Company {n}",
        "scraped_at": timezone.now(),
        **STRONG_JOB,
        **fields,
    }
    values.update(
        job_feature_values(
            title=values["title"],
            description=values.get("description", ""),
            tags=values.get("tags", []),
            company=values["company"],
            location=values.get("location", ""),
            remote_type=values.get("remote_type"),
            job_type=values.get("job_type"),
            eligible_regions=values.get("eligible_regions", []),
            visa_sponsorship=values.get("visa_sponsorship"),
        )
    )
    return values


def job(**fields) -> Job:
    """A job with its matching features computed, as ingestion stores it."""
    return Job.objects.create(**job_values(**fields))


def jobs(count: int, **fields) -> list[Job]:
    return Job.objects.bulk_create(Job(**job_values(**fields)) for _ in range(count))


def match(user, job_: Job, *, score: float = 80.0, **fields) -> Match:
    reasoning = {"overall_score": score, "matching_skills": [], "missing_skills": []}
    return Match.objects.create(user=user, job=job_, score=score, reasoning=reasoning, scoring_version=0, **fields)
