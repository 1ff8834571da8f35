"""The inputs of the score: a job's features, computed when the job is stored, and a candidate's,
read from their profile when a refresh starts.

A job's text is parsed once, at ingestion (`job_feature_values`, called by the scraper's upsert,
the user-jobs services and the backfill migration) into three stored columns: `skills` (its tags
plus known skills named in the title or description, through careerhub.skills), `required_years`
(the experience it asks for) and `industries` (industry tags, below). Scoring then reads those
columns with `values_list` (FEATURE_COLUMNS) and never touches the text again.

Industry tags are the lowercase tags of seed 002 (`fintech`, `e-commerce`, ...), the same keys a
user's `industry_years_json` carries; a job gets a tag when its title, company or description
uses one of the phrases in INDUSTRY_PHRASES as a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from careerhub.skills import dedupe_skills
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


def job_feature_values(*, title: str, description: str, tags: Iterable[str], company: str = "") -> dict[str, Any]:
    """The stored matching columns of a job, from the fields a source or a user gave it."""
    text = f"{title or ''}\n{description or ''}"
    return {
        "skills": dedupe_skills([*(tags or ()), *skills_from_text(text, limit=MAX_JOB_SKILLS)])[:MAX_JOB_SKILLS],
        "required_years": scoring.required_years_from_text(description or ""),
        "industries": industries_from_text(title, company, description),
    }


# --- Reading features for scoring ----------------------------------------------------------------

# The Job columns a refresh reads, in the order `job_features_from_row` expects them.
FEATURE_COLUMNS = (
    "id", "title", "skills", "required_years", "remote_type", "job_type", "eligible_regions", "visa_sponsorship",
    "salary_min", "salary_max", "salary_currency", "industries",
)


def job_features_from_row(row: Sequence[Any]) -> scoring.JobFeatures:
    """JobFeatures from one `values_list(*FEATURE_COLUMNS)` row."""
    (id_, title, skills, required_years, remote_type, job_type, regions, visa, salary_min, salary_max, currency, industries) = row
    return scoring.job_features(
        id=id_,
        title=title,
        skills=skills or (),
        required_years=required_years,
        remote_type=remote_type,
        job_type=job_type,
        eligible_regions=regions or (),
        visa_sponsorship=visa,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=currency,
        industries=industries or (),
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


def candidate_features_of(*, profile: Any | None, industry_years: Mapping[str, float] | None) -> scoring.CandidateFeatures:
    """CandidateFeatures from a Profile (None: the user never wrote one) and their industry years.

    Skills are the primary skills (which a parsed CV merges into) plus the skill tags; years
    are the profile's, else the parsed CV's, else implied by seniority (scoring).
    """
    if profile is None:
        return scoring.candidate_features(skills=(), industry_years=_numeric_years(industry_years))
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
        min_salary=profile.salary_min,
        salary_currency=profile.salary_currency or "USD",
        eligible_regions=profile.eligible_regions or (),
        preferred_countries=profile.preferred_countries or (),
        needs_visa_sponsorship=bool(profile.needs_visa_sponsorship),
        industry_years=_numeric_years(industry_years),
    )
