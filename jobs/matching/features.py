"""The inputs of the score: a job's features, computed when the job is stored, and a candidate's,
read from their profile when a refresh starts.

A job's text is parsed once, at ingestion (`job_feature_values`, called by the scraper's upsert,
the user-jobs services, the backfill migrations and `jobs_reextract`) into stored columns:
`skills` (its tags plus known skills named in the title or description, through careerhub.skills),
`required_years` (the experience it asks for), `industries` (industry tags, below), and who the job
is for, read by jobs.eligibility.reader: the whole reading with the source of each value
(`eligibility`, shown on job detail) and the effective values the score reads — `places`,
`cities`, `work_mode`, `employment_types`, `sponsorship`, `authorization`, `seniority_level`,
`role_family`, `role_specialism`, `travel`. Scoring then reads those columns with `values_list`
(FEATURE_COLUMNS) and never touches the text again.

Industry tags are the lowercase tags of seed 002 (`fintech`, `e-commerce`, ...), the same keys a
user's `industry_years_json` carries; a job gets a tag when its title, company or description
uses one of the phrases in INDUSTRY_PHRASES as a whole word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from careerhub.skills import dedupe_skills
from jobs.eligibility.reader import Reading, read_posting
from jobs.matching import scoring
from jobs.normalize import skills_from_text

MAX_JOB_SKILLS = 40

# tag -> phrases that put a job in that industry (whole words, case-insensitive).
INDUSTRY_PHRASES: dict[str, tuple[str, ...]] = {
    "fintech": ("fintech", "financial technology", "neobank", "financial services"),
    "banking": ("banking", "banks", "retail bank", "investment bank"),
    "payments": ("payments", "payment processing", "payment platform"),
    "insurance": ("insurance", "insurtech", "insurer"),
    "crypto": ("crypto", "cryptocurrency", "blockchain", "defi", "bitcoin", "ethereum"),
    "web3": ("web3", "web 3"),
    "e-commerce": ("e-commerce", "ecommerce", "online retail", "online store", "shopify"),
    "retail": ("retail", "retailer"),
    "marketplace": ("marketplace", "two-sided market"),
    "healthtech": ("healthtech", "health tech", "digital health", "telehealth", "telemedicine"),
    "healthcare": ("healthcare", "health care", "hospital", "hospitals", "patients", "clinical"),
    "biotech": ("biotech", "biotechnology", "life sciences", "drug discovery"),
    "edtech": ("edtech", "ed-tech", "online learning", "e-learning"),
    "education": ("education", "educational", "schools", "teachers"),
    "saas": ("saas", "software as a service", "b2b software"),
    "b2b": ("b2b",),
    "devtools": ("developer tools", "devtools", "developer platform", "developer experience"),
    "cloud": ("cloud provider", "cloud infrastructure", "cloud platform", "cloud computing"),
    "gaming": ("gaming", "video game", "video games", "game studio", "games studio"),
    "media": ("media company", "publishing", "newsroom", "journalism", "broadcasting"),
    "entertainment": ("entertainment", "music", "film"),
    "adtech": ("adtech", "ad tech", "advertising technology", "programmatic advertising"),
    "marketing": ("marketing agency", "martech", "marketing technology", "marketing platform"),
    "logistics": ("logistics", "supply chain", "freight", "last-mile delivery", "warehousing"),
    "mobility": ("mobility", "ride-hailing", "ridesharing", "autonomous vehicles", "electric vehicles"),
    "climate": ("climate", "climate tech", "renewable energy", "clean energy", "carbon removal"),
    "real estate": ("real estate", "proptech", "property management"),
    "legal": ("legal tech", "legaltech", "law firm", "law firms", "legal industry"),
    "cybersecurity": ("cybersecurity", "cyber security", "security company", "threat detection"),
    "travel": ("travel industry", "travel tech", "hospitality", "tourism"),
}
_INDUSTRY_RE = [
    (tag, re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.IGNORECASE))
    for tag, phrases in INDUSTRY_PHRASES.items()
]


def industries_from_text(*texts: str | None) -> list[str]:
    """Industry tags named in the texts, in the order of INDUSTRY_PHRASES."""
    text = "\n".join(t for t in texts if t)
    if not text:
        return []
    return [tag for tag, pattern in _INDUSTRY_RE if pattern.search(text)]


def eligibility_values(reading: Reading) -> dict[str, Any]:
    """The stored eligibility columns of a reading."""
    asked = reading.citizenship_or_clearance_required
    authorization = ""
    if asked is not None and isinstance(asked.value, Mapping) and asked.value.get("country"):
        parts = [
            str(asked.value.get("kind") or "clearance"),
            str(asked.value["country"]),
            str(asked.value.get("level") or ""),
            "active" if asked.value.get("active") else "",
        ]
        authorization = ":".join(parts).rstrip(":")[:40]
    role = reading.role_family.value if reading.role_family is not None else {}
    return {
        "eligibility": reading.as_json(),
        "places": reading.places(),
        "cities": [value.value.lower() for value in reading.cities],
        "work_mode": reading.work_mode.value if reading.work_mode is not None else "",
        "employment_types": [value.value for value in reading.employment_types],
        "sponsorship": reading.visa_sponsorship.value,
        "authorization": authorization,
        "seniority_level": reading.seniority.value["level"] if reading.seniority is not None else None,
        "role_family": str(role.get("family") or "")[:40],
        "role_specialism": str(role.get("specialism") or "")[:20],
        "travel": bool(reading.travel and reading.travel.value),
    }


def job_feature_values(
    *,
    title: str,
    description: str,
    tags: Iterable[str],
    company: str = "",
    location: str = "",
    remote_type: str | None = None,
    job_type: str | None = None,
    eligible_regions: Iterable[str] = (),
    visa_sponsorship: int | None = None,
    llm: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The stored matching columns of a job, from the fields a source or a user gave it.

    Structured fields (remote_type, job_type, eligible_regions, visa_sponsorship) win over what
    the reader finds in the text; `llm` is what an LLM extraction read, between the two.
    """
    text = f"{title or ''}\n{description or ''}"
    reading = read_posting(
        title=title or "",
        location=location or "",
        description=description or "",
        remote_type=remote_type,
        job_type=job_type,
        eligible_regions=eligible_regions or (),
        visa_sponsorship=visa_sponsorship,
        llm=llm,
    )
    return {
        "skills": dedupe_skills([*(tags or ()), *skills_from_text(text, limit=MAX_JOB_SKILLS)])[:MAX_JOB_SKILLS],
        "required_years": reading.required_years.value if reading.required_years is not None else None,
        "industries": industries_from_text(title, company, description),
        **eligibility_values(reading),
    }


def job_feature_values_of(job: Any) -> dict[str, Any]:
    """The matching columns recomputed from a stored Job's own fields (jobs_reextract, user-job edits)."""
    return job_feature_values(
        title=job.title,
        description=job.description,
        tags=job.tags or (),
        company=job.company,
        location=job.location,
        remote_type=job.remote_type,
        job_type=job.job_type,
        eligible_regions=job.eligible_regions or (),
        visa_sponsorship=job.visa_sponsorship,
    )


FEATURE_FIELDS = (
    "skills", "required_years", "industries", "eligibility", "places", "cities", "work_mode", "employment_types", "sponsorship",
    "authorization", "seniority_level", "role_family", "role_specialism", "travel",
)


# --- Reading features for scoring ----------------------------------------------------------------

# The Job columns a refresh reads, in the order `job_features_from_row` expects them.
FEATURE_COLUMNS = (
    "id", "title", "company", "skills", "required_years", "work_mode", "employment_types", "places", "cities", "sponsorship",
    "authorization", "seniority_level", "role_family", "role_specialism", "travel", "salary_min", "salary_max",
    "salary_currency", "industries",
)


# The JSON list columns among them. `feature_rows` reads these as their JSON text, which
# `job_features_from_row` decodes once per distinct text: jobs repeat their place, city, type and
# skill lists, and decoding every row's lists was a third of a refresh.
JSON_FEATURE_COLUMNS = frozenset({"skills", "employment_types", "places", "cities", "industries"})


def feature_rows(queryset: QuerySet) -> QuerySet:
    """`values_list` of FEATURE_COLUMNS over `queryset`, the JSON lists as text (for job_features_from_row)."""
    casts = {f"{column}_as_text": Cast(column, TextField()) for column in JSON_FEATURE_COLUMNS}
    names = [f"{column}_as_text" if column in JSON_FEATURE_COLUMNS else column for column in FEATURE_COLUMNS]
    return queryset.annotate(**casts).values_list(*names)


@lru_cache(maxsize=16_384)
def _decoded(text: str) -> tuple[Any, ...]:
    value = json.loads(text)
    return tuple(value) if isinstance(value, list) else ()


def _listed(value: Any) -> tuple[Any, ...]:
    if isinstance(value, str):
        return _decoded(value)
    return tuple(value or ())


def job_features_from_row(row: Sequence[Any]) -> scoring.JobFeatures:
    """JobFeatures from one `values_list(*FEATURE_COLUMNS)` or `feature_rows` row."""
    (
        id_, title, company, skills, required_years, work_mode, employment_types, places, cities, sponsorship, authorization,
        level, family, specialism, travel, salary_min, salary_max, currency, industries,
    ) = row
    return scoring.job_features(
        id=id_,
        title=title,
        company=company or "",
        skills=_listed(skills),
        required_years=required_years,
        work_mode=work_mode or None,
        employment_types=_listed(employment_types),
        places=_listed(places),
        cities=_listed(cities),
        sponsorship=sponsorship or "unknown",
        authorization=authorization or "",
        seniority_level=level,
        role_family=family or "",
        role_specialism=specialism or "",
        travel=bool(travel),
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=currency,
        industries=_listed(industries),
    )


def job_features_of(job: Any) -> scoring.JobFeatures:
    """JobFeatures from a loaded Job (its feature columns must be loaded)."""
    return job_features_from_row([getattr(job, column) for column in FEATURE_COLUMNS])


def _numeric_years(industry_years: Mapping[str, Any] | None) -> dict[str, float]:
    return {
        str(key): float(value)
        for key, value in (industry_years or {}).items()
        if isinstance(value, (int, float)) and not isinstance(value, bool)
    }


def candidate_features_of(
    *,
    profile: Any | None,
    industry_years: Mapping[str, float] | None,
    blocklist: Any | None = None,
    learned: Mapping[str, Any] | None = None,
) -> scoring.CandidateFeatures:
    """CandidateFeatures from a Profile (None: the user never wrote one), their industry years, their
    match blocklist (jobs.models.MatchBlocklist or None) and their learned soft preferences.

    Skills are the primary skills (which a parsed CV merges into) plus the skill tags; years
    are the profile's, else the parsed CV's, else implied by seniority (scoring).
    """
    blocked = {
        "blocked_companies": [c for c in getattr(blocklist, "companies", None) or () if isinstance(c, str)],
        "blocked_keywords": [k for k in getattr(blocklist, "keywords", None) or () if isinstance(k, str)],
        "learned": learned or {},
    }
    if profile is None:
        return scoring.candidate_features(skills=(), industry_years=_numeric_years(industry_years), **blocked)
    tag_names = [tag.get("name", "") for tag in profile.skill_tags or () if isinstance(tag, dict)]
    years = profile.experience_years
    if years is None and isinstance(profile.parsed_cv, dict):
        parsed_years = profile.parsed_cv.get("years_of_experience")
        years = parsed_years if isinstance(parsed_years, (int, float)) and not isinstance(parsed_years, bool) else None
    return scoring.candidate_features(
        skills=[name for name in [*(profile.skills or ()), *tag_names] if isinstance(name, str)],
        target_roles=[role for role in profile.target_roles or () if isinstance(role, str)],
        current_role=profile.current_role or "",
        experience_years=years,
        seniority=profile.seniority or "",
        work_modes=[mode for mode in profile.work_modes or () if mode in scoring.WORK_MODE_FIT],
        employment_types=profile.employment_types or (),
        open_to_other_types=bool(profile.open_to_other_job_types),
        min_salary=profile.salary_min,
        salary_currency=profile.salary_currency or "USD",
        eligible_regions=[r for r in profile.eligible_regions or () if isinstance(r, str)],
        preferred_countries=[c for c in profile.preferred_countries or () if isinstance(c, str)],
        needs_visa_sponsorship=profile.needs_visa_sponsorship,
        citizenships=[c for c in profile.citizenships or () if isinstance(c, str)],
        security_clearances=[c for c in profile.security_clearances or () if isinstance(c, str)],
        home_country=profile.location_country or "",
        home_city=profile.location_city or "",
        home_region=profile.location_region or "",
        industry_years=_numeric_years(industry_years),
        **blocked,
    )
