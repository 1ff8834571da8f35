"""Plain builders for jobs rows, for the tests of every app.

`job()` is the one Job builder: its matching features (`skills`, `required_years`, `industries`)
are computed from its title, description, tags and company by `jobs.matching.features`, the code
ingestion uses, so scoring, refreshes and skill insights see what they would see for a scraped
posting. `STRONG_JOB` and `WEAK_JOB` are postings to pass it, scored against `PROFILE`.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from jobs.matching.features import job_feature_values
from jobs.models import Job, JobSource, Match
from profiles.models import IndustryProfile, Profile

_counter = itertools.count(1)

# Computed from the text, never given: a job's features always agree with it.
FEATURE_FIELDS = frozenset({"skills", "required_years", "industries"})

# A candidate's profile (candidate_profile's defaults).
PROFILE = {
    "skills": ["Python", "Django", "PostgreSQL"],
    "target_roles": ["Backend Engineer"],
    "current_role": "Software Engineer",
    "experience_years": 5,
    "work_modes": ["remote"],
    "employment_types": ["full_time"],
    "salary_min": 100_000,
    "salary_currency": "USD",
    "eligible_regions": ["US"],
    "needs_visa_sponsorship": False,
}

# Scores 99.2 against PROFILE: every skill, the role (backend, title words 0.9: 60 + 40·0.9 = 96), remote
# full-time, worldwide, well paid, no blocker or caveat.
STRONG_JOB = {
    "title": "Senior Backend Engineer",
    "description": "Build our APIs with Python, Django and PostgreSQL.",
    "tags": ["Python", "Django", "PostgreSQL"],
    "remote_type": "remote",
    "job_type": "full_time",
    "eligible_regions": ["Worldwide"],
    "salary_min": 120_000,
    "salary_max": 150_000,
    "salary_currency": "USD",
}

# Scores about 13 against PROFILE: nothing in common, on site in the UK, no sponsorship, low pay.
WEAK_JOB = {
    "title": "Sales Representative",
    "description": "Sell our CRM to retailers. 8+ years of experience in sales.",
    "tags": ["Salesforce"],
    "remote_type": "onsite",
    "job_type": "full_time",
    "eligible_regions": ["UK"],
    "visa_sponsorship": 0,
    "salary_min": 30_000,
    "salary_max": 40_000,
    "salary_currency": "USD",
}


def job_values(posting: Mapping[str, Any] | None = None, /, **fields: Any) -> dict[str, Any]:
    """The columns `job()` stores: defaults, then `posting` (e.g. STRONG_JOB), then `fields`, then the features."""
    n = next(_counter)
    values = {
        "source": JobSource.USER_SUBMITTED if fields.get("owner") is not None else JobSource.REMOTEOK,
        "source_id": f"test-{n}-{uuid.uuid4().hex[:8]}",
        "title": f"Job {n}",
        "company": f"Company {n}",
        "description": "A job.",
        "scraped_at": timezone.now(),
        **(posting or {}),
        **fields,
    }
    # A job built here was first and last seen when it was scraped, unless the test says otherwise.
    values.setdefault("first_seen_at", values["scraped_at"])
    values.setdefault("last_seen_at", values["scraped_at"])
    given = FEATURE_FIELDS & values.keys()
    if given:
        raise TypeError(f"job() computes {', '.join(sorted(given))} from the text: give title, description, tags or company")
    values.update(
        job_feature_values(
            title=values["title"],
            description=values["description"],
            tags=values.get("tags") or [],
            company=values["company"],
            location=values.get("location") or "",
            remote_type=values.get("remote_type"),
            job_type=values.get("job_type"),
            eligible_regions=values.get("eligible_regions") or (),
            visa_sponsorship=values.get("visa_sponsorship"),
        )
    )
    return values


def job(posting: Mapping[str, Any] | None = None, /, **fields: Any) -> Job:
    """A job (scraped, or the owner's own when `owner` is given) with its matching features."""
    return Job.objects.create(**job_values(posting, **fields))


def jobs(count: int, posting: Mapping[str, Any] | None = None, /, **fields: Any) -> list[Job]:
    """`count` jobs like `job()`, in one INSERT."""
    return Job.objects.bulk_create(Job(**job_values(posting, **fields)) for _ in range(count))


def match(user, job_: Job, *, score: float = 80.0, **fields: Any) -> Match:
    """A stored match, as a refresh leaves it (reasoning reduced to what the list shows)."""
    reasoning = {"overall_score": score, "matching_skills": [], "missing_skills": []}
    return Match.objects.create(user=user, job=job_, score=score, reasoning=reasoning, scoring_version=0, **fields)


def candidate_profile(user, **fields: Any) -> Profile:
    """The user's profile, PROFILE unless told otherwise."""
    return Profile.objects.create(user=user, **{**PROFILE, **fields})


def industry_profile(user, years: dict[str, float]) -> IndustryProfile:
    return IndustryProfile.objects.create(user=user, industry_years_json=years, updated_at=timezone.now())
