"""The match score: a pure, deterministic function of (candidate features, job features).

    overall = 0.35·skills + 0.20·title + 0.15·experience + 0.10·work_type + 0.10·location + 0.10·salary

Every component is 0–100. Features are computed once — a candidate's when a refresh starts,
a job's text when it is ingested (jobs.matching.features.job_feature_values) and its tuples when
a refresh reads it (`job_features`, memoised per title, skill list and region list) — so scoring
10,000 jobs is set arithmetic over prepared tuples, with no parsing and no queries in the loop.

The rules, component by component (the numbers are the whole specification):

skills      The job's skills are its skill tags plus known skills named in its text, compared
            through the one alias table (careerhub.skills). score = 100 · matched / min(|job
            skills|, 8) capped at 100 — a long tag list does not punish a candidate who has the
            core of it. A job that names no skills scores 50.
title       Word overlap between the job title and each of the candidate's target roles and
            current role, after normalising synonyms (dev → developer, sr → senior, ...):
            0.7 · (share of the role's words in the title) + 0.3 · Jaccard; the best role wins.
            No roles → 50.
experience  Years the job asks (parsed from "5+ years", "3-5 years", "at least 4 years",
            "minimum (of) 3 years", "min. 3 yrs"; else implied by the title's seniority word)
            against the candidate's years (else implied by their seniority). Enough → 100; short → 100 · (have + 1) / (need + 1).
            Unknown requirement → 75; unknown candidate → 50.
work_type   Work mode (70 %) by the matrix WORK_MODE_FIT, best over the candidate's modes, and
            employment type (30 %): listed → 100, not listed → 30. No preference → 75 for that
            part; job says nothing → 60.
location    Worldwide jobs → 100. A job whose regions overlap where the candidate may work
            (their eligible regions; countries expand to their regions: Germany → DE, EU,
            Europe, EMEA) → 100. A job that overlaps only their preferred countries → 100,
            unless they need visa sponsorship: wanting to work somewhere is not being allowed
            to, so that job counts as abroad. Abroad, only sponsorship makes it work: the job
            sponsors → 70, is silent → 20 (30 for a candidate who says they need no visa),
            refuses → 0. Job regions unknown → 70; candidate gives neither regions nor
            countries → 60.
salary      Against the candidate's minimum: the job's top of range (or its only figure) at or
            above it → 100; below, linearly to 0 at half the minimum. No minimum → 100; job
            salary unknown or in another currency → 50.

Industry Experience Match % (seed 002 §6), reported beside the score, is `industry_match`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from careerhub import skills as skill_names
from careerhub.vocabulary import SENIORITY_YEARS

WEIGHTS = {"skills": 0.35, "title": 0.20, "experience": 0.15, "work_type": 0.10, "location": 0.10, "salary": 0.10}
SKILL_DENOMINATOR_CAP = 8

# --- Words ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9+#.]+")
_TITLE_SYNONYMS = {
    "dev": "developer", "developers": "developer", "engineers": "engineer", "eng": "engineer",
    "sr": "senior", "sr.": "senior", "jr": "junior", "jr.": "junior", "mgr": "manager",
    "swe": "software", "sde": "software", "fullstack": "full-stack", "frontend": "front-end",
    "backend": "back-end", "front": "front-end", "back": "back-end", "ml": "machine-learning",
    "programmer": "developer", "coder": "developer", "architect": "architect",
}
# Engineer and developer mean the same job in a title.
_TITLE_EQUIVALENT = {"engineer": "developer"}
_TITLE_STOPWORDS = {"and", "or", "of", "the", "a", "an", "for", "to", "in", "at", "with", "&", "-", "/", "remote", "m/f/d", "(m/f/d)"}
_SENIORITY_WORDS = {
    "intern": 0, "internship": 0, "trainee": 0, "graduate": 0, "junior": 1, "entry": 0, "associate": 1,
    "mid": 3, "intermediate": 3, "senior": 5, "lead": 7, "staff": 8, "principal": 10, "head": 10,
    "director": 12, "vp": 15, "chief": 15, "cto": 15,
}


def title_tokens(text: str) -> frozenset[str]:
    words = []
    for raw in _WORD.findall((text or "").lower().replace("full stack", "fullstack").replace("machine learning", "ml")):
        word = raw.strip(".")
        word = _TITLE_SYNONYMS.get(word, word)
        word = _TITLE_EQUIVALENT.get(word, word)
        if word and word not in _TITLE_STOPWORDS:
            words.append(word)
    return frozenset(words)


def seniority_years_from_title(tokens: Iterable[str]) -> int | None:
    found = [_SENIORITY_WORDS[token] for token in tokens if token in _SENIORITY_WORDS]
    return max(found) if found else None


_YEARS_PATTERNS = [
    re.compile(r"(\d{1,2})\s*(?:\+|plus)\s*(?:years|yrs)", re.I),
    re.compile(r"(\d{1,2})\s*(?:-|–|to)\s*\d{1,2}\s*(?:years|yrs)", re.I),
    re.compile(r"(?:at least|minimum(?: of)?|min\.?|over)\s*(\d{1,2})\s*(?:years|yrs)", re.I),
    re.compile(r"(\d{1,2})\s*(?:years|yrs)(?:'|’)?\s*(?:of\s+)?(?:professional\s+|relevant\s+|hands-on\s+)?experience", re.I),
]


def required_years_from_text(text: str) -> int | None:
    """The experience a posting asks for: the smallest plausible figure it states."""
    found = []
    for pattern in _YEARS_PATTERNS:
        found.extend(int(match) for match in pattern.findall(text or ""))
    plausible = [years for years in found if 0 < years <= 25]
    return min(plausible) if plausible else None


# --- Regions --------------------------------------------------------------------------------------

WORLDWIDE = "WORLDWIDE"
_REGION_ALIASES = {
    "worldwide": WORLDWIDE, "anywhere": WORLDWIDE, "global": WORLDWIDE, "anywhere in the world": WORLDWIDE,
    "us": "US", "usa": "US", "u.s.": "US", "united states": "US", "america": "US", "united states of america": "US",
    "ca": "CA", "canada": "CA", "uk": "GB", "gb": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "eu": "EU", "europe": "EUROPE", "emea": "EMEA", "latam": "LATAM", "latin america": "LATAM", "apac": "APAC",
    "asia": "APAC", "north america": "NA", "americas": "AMERICAS", "oceania": "APAC",
    "germany": "DE", "de": "DE", "france": "FR", "fr": "FR", "spain": "ES", "es": "ES", "italy": "IT", "it": "IT",
    "netherlands": "NL", "nl": "NL", "poland": "PL", "pl": "PL", "portugal": "PT", "pt": "PT", "ireland": "IE",
    "ie": "IE", "sweden": "SE", "se": "SE", "austria": "AT", "belgium": "BE", "denmark": "DK", "finland": "FI",
    "romania": "RO", "greece": "GR", "czechia": "CZ", "czech republic": "CZ", "switzerland": "CH", "norway": "NO",
    "mexico": "MX", "brazil": "BR", "argentina": "AR", "colombia": "CO", "chile": "CL", "india": "IN",
    "australia": "AU", "new zealand": "NZ", "japan": "JP", "singapore": "SG", "philippines": "PH",
}
_EU = {"DE", "FR", "ES", "IT", "NL", "PL", "PT", "IE", "SE", "AT", "BE", "DK", "FI", "RO", "GR", "CZ"}
_EUROPE = _EU | {"GB", "CH", "NO"}
_LATAM = {"MX", "BR", "AR", "CO", "CL"}
_APAC = {"IN", "AU", "NZ", "JP", "SG", "PH"}


def _expand(code: str) -> set[str]:
    """A country with the regions it belongs to; a region as itself."""
    expanded = {code}
    if code in _EU:
        expanded |= {"EU", "EUROPE", "EMEA"}
    elif code in _EUROPE:
        expanded |= {"EUROPE", "EMEA"}
    if code in {"US", "CA", "MX"}:
        expanded |= {"NA", "AMERICAS"}
    if code in _LATAM:
        expanded |= {"LATAM", "AMERICAS"}
    if code in _APAC:
        expanded.add("APAC")
    if code == "EU":
        expanded |= {"EUROPE", "EMEA"}
    if code == "EUROPE":
        expanded.add("EMEA")
    return expanded


def region_codes(names: Iterable[str], *, expand: bool) -> frozenset[str]:
    codes: set[str] = set()
    for name in names or ():
        code = _REGION_ALIASES.get((name or "").strip().lower())
        if code is None:
            continue
        codes |= _expand(code) if expand else {code}
    return frozenset(codes)


# --- Industries (seed 002 §6) ---------------------------------------------------------------------

RELATED_INDUSTRIES: dict[str, frozenset[str]] = {
    "fintech": frozenset({"banking", "payments", "insurance", "crypto"}),
    "banking": frozenset({"fintech", "payments", "insurance"}),
    "payments": frozenset({"fintech", "banking", "e-commerce"}),
    "insurance": frozenset({"fintech", "banking", "healthtech"}),
    "crypto": frozenset({"fintech", "web3"}),
    "web3": frozenset({"crypto"}),
    "e-commerce": frozenset({"retail", "marketplace", "payments"}),
    "retail": frozenset({"e-commerce", "marketplace"}),
    "marketplace": frozenset({"e-commerce", "retail"}),
    "healthtech": frozenset({"healthcare", "biotech", "insurance"}),
    "healthcare": frozenset({"healthtech", "biotech"}),
    "biotech": frozenset({"healthtech", "healthcare"}),
    "edtech": frozenset({"education"}),
    "education": frozenset({"edtech"}),
    "saas": frozenset({"b2b", "devtools"}),
    "b2b": frozenset({"saas"}),
    "devtools": frozenset({"saas", "cloud"}),
    "cloud": frozenset({"devtools", "saas"}),
    "gaming": frozenset({"media", "entertainment"}),
    "media": frozenset({"gaming", "entertainment", "adtech"}),
    "entertainment": frozenset({"media", "gaming"}),
    "adtech": frozenset({"media", "marketing"}),
    "marketing": frozenset({"adtech"}),
    "logistics": frozenset({"mobility"}),
    "mobility": frozenset({"logistics"}),
}


def industry_match(job_industries: Iterable[str], industry_years: Mapping[str, float]) -> float | None:
    """Industry Experience Match % — the one rule (seed 002 §6).

    For each industry the job is in: years in that exact industry give min(100, 60 + 20·years)
    (any experience counts for at least 60; two years or more is a full match); years in a
    related industry (RELATED_INDUSTRIES) give min(70, 30 + 15·years). The job's figure is the
    best over its industries. A job with no industry tag has no figure (None); a candidate with
    no industry experience scores 0.
    """
    industries = [industry.strip().lower() for industry in job_industries or () if industry and industry.strip()]
    if not industries:
        return None
    years = {key.strip().lower(): float(value) for key, value in (industry_years or {}).items() if value and value > 0}
    best = 0.0
    for industry in industries:
        if industry in years:
            best = max(best, min(100.0, 60.0 + 20.0 * years[industry]))
        for related in RELATED_INDUSTRIES.get(industry, ()):
            if related in years:
                best = max(best, min(70.0, 30.0 + 15.0 * years[related]))
    return round(best, 1)


# --- Features -------------------------------------------------------------------------------------


class CandidateFeatures(NamedTuple):
    skills: dict[str, str]  # skill key -> display name
    roles: tuple[frozenset[str], ...]  # word sets of target roles and current role
    experience_years: float | None
    work_modes: frozenset[str]
    employment_types: frozenset[str]
    min_salary: int | None
    salary_currency: str
    eligible_regions: frozenset[str]  # expanded codes of where the candidate may work
    preferred_regions: frozenset[str]  # expanded codes of where they would like to (may still need a visa)
    needs_visa: bool
    industry_years: dict[str, float]
    skill_keys: frozenset[str]  # the keys of `skills`, as a set


def with_skill(candidate: CandidateFeatures, name: str) -> CandidateFeatures:
    """The same candidate with one more skill (keeps `skills` and `skill_keys` in step)."""
    key = skill_names.skill_key(name)
    return candidate._replace(skills={**candidate.skills, key: name}, skill_keys=candidate.skill_keys | {key})


class JobFeatures(NamedTuple):
    id: int
    skills: tuple[tuple[str, str], ...]  # (key, display) in the job's order
    skill_keys: frozenset[str]
    title: frozenset[str]
    required_years: int | None
    remote_type: str | None
    job_type: str | None
    regions: frozenset[str]  # codes as the job states them (not expanded)
    worldwide: bool
    visa_sponsorship: int | None
    salary_top: int | None
    salary_currency: str
    industries: tuple[str, ...]


def candidate_features(
    *,
    skills: Iterable[str],
    target_roles: Iterable[str] = (),
    current_role: str = "",
    experience_years: float | None = None,
    seniority: str = "",
    work_modes: Iterable[str] = (),
    employment_types: Iterable[str] = (),
    min_salary: int | None = None,
    salary_currency: str = "USD",
    eligible_regions: Iterable[str] = (),
    preferred_countries: Iterable[str] = (),
    needs_visa_sponsorship: bool = False,
    industry_years: Mapping[str, float] | None = None,
) -> CandidateFeatures:
    roles = tuple(
        tokens for tokens in (title_tokens(role) for role in [*target_roles, current_role] if role) if tokens
    )
    years = experience_years if experience_years is not None else SENIORITY_YEARS.get(seniority)
    by_key = {skill_names.skill_key(name): name for name in skill_names.dedupe_skills(skills)}
    return CandidateFeatures(
        skills=by_key,
        roles=roles,
        experience_years=float(years) if years is not None else None,
        work_modes=frozenset(work_modes),
        employment_types=frozenset(employment_types),
        min_salary=int(min_salary) if min_salary else None,
        salary_currency=(salary_currency or "USD").upper(),
        eligible_regions=region_codes(eligible_regions, expand=True),
        preferred_regions=region_codes(preferred_countries, expand=True),
        needs_visa=bool(needs_visa_sponsorship),
        industry_years={k.lower(): float(v) for k, v in (industry_years or {}).items()},
        skill_keys=frozenset(by_key),
    )


# Jobs repeat titles, skill lists and region lists: preparing 10,000 of them reuses these.
FEATURE_MEMO_SIZE = 32_768


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _skills_of(names: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    ordered = tuple((skill_names.skill_key(name), name) for name in skill_names.dedupe_skills(names))
    return ordered, frozenset(key for key, _ in ordered)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _title_of(title: str) -> frozenset[str]:
    return title_tokens(title)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _regions_of(names: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    codes = region_codes(names, expand=False)
    return codes - {WORLDWIDE}, WORLDWIDE in codes


def job_features(
    *,
    id: int,
    title: str,
    skills: Iterable[str],
    required_years: int | None,
    remote_type: str | None,
    job_type: str | None,
    eligible_regions: Iterable[str],
    visa_sponsorship: int | None,
    salary_min: int | None,
    salary_max: int | None,
    salary_currency: str | None,
    industries: Iterable[str] = (),
) -> JobFeatures:
    ordered, keys = _skills_of(tuple(skills or ()))
    regions, worldwide = _regions_of(tuple(eligible_regions or ()))
    tokens = _title_of(title or "")
    return JobFeatures(
        id=id,
        skills=ordered,
        skill_keys=keys,
        title=tokens,
        required_years=required_years if required_years is not None else seniority_years_from_title(tokens),
        remote_type=remote_type or None,
        job_type=job_type or None,
        regions=regions,
        worldwide=worldwide,
        visa_sponsorship=visa_sponsorship,
        salary_top=salary_max or salary_min or None,
        salary_currency=(salary_currency or "USD").upper(),
        industries=tuple(industries or ()),
    )


# --- Components -----------------------------------------------------------------------------------

WORK_MODE_FIT = {
    # candidate wants → job offers → fit
    "remote": {"remote": 100, "hybrid": 40, "onsite": 0},
    "hybrid": {"remote": 80, "hybrid": 100, "onsite": 60},
    "onsite": {"remote": 50, "hybrid": 70, "onsite": 100},
}


def skill_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    if not job.skill_keys:
        return 50.0
    return _skill_fit(candidate.skill_keys, job.skill_keys)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _skill_fit(have: frozenset[str], asked: frozenset[str]) -> float:
    # Jobs share skill lists (the same tags, the same skills named in the text): computed once each.
    return min(100.0, 100.0 * len(asked & have) / min(len(asked), SKILL_DENOMINATOR_CAP))


def title_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    if not candidate.roles:
        return 50.0
    if not job.title:
        return 0.0
    return _title_fit(candidate.roles, job.title)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _title_fit(roles: tuple[frozenset[str], ...], title: frozenset[str]) -> float:
    # Titles repeat across jobs (role × seniority): a refresh computes each fit once.
    best = 0.0
    for role in roles:
        if role.isdisjoint(title):
            continue
        shared = len(role & title)
        coverage = shared / len(role)
        jaccard = shared / (len(role) + len(title) - shared)  # |role ∪ title|, without building it
        best = max(best, 0.7 * coverage + 0.3 * jaccard)
    return 100.0 * best


def experience_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    need = job.required_years
    if need is None:
        return 75.0
    have = candidate.experience_years
    if have is None:
        return 50.0
    if have >= need:
        return 100.0
    return 100.0 * (have + 1) / (need + 1)


def work_type_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    if job.remote_type is None:
        mode = 60.0
    elif not candidate.work_modes:
        mode = 75.0
    else:
        mode = _mode_fit(candidate.work_modes, job.remote_type)
    if not candidate.employment_types:
        kind = 75.0
    elif job.job_type is None:
        kind = 60.0
    else:
        kind = 100.0 if job.job_type in candidate.employment_types else 30.0
    return 0.7 * mode + 0.3 * kind


@lru_cache(maxsize=256)
def _mode_fit(wanted: frozenset[str], offered: str) -> float:
    return float(max(WORK_MODE_FIT[mode][offered] for mode in wanted))


def location_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    if job.worldwide:
        return 100.0
    if not job.regions:
        return 70.0
    if not candidate.eligible_regions and not candidate.preferred_regions:
        return 60.0
    if not job.regions.isdisjoint(candidate.eligible_regions):
        return 100.0
    if not candidate.needs_visa and not job.regions.isdisjoint(candidate.preferred_regions):
        return 100.0
    # Restricted to somewhere the candidate may not work (a preferred country included, when
    # they need a visa for it): only sponsorship can make it work.
    if job.visa_sponsorship == 1:
        return 70.0
    if job.visa_sponsorship == 0:
        return 0.0
    return 20.0 if candidate.needs_visa else 30.0


def salary_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    floor = candidate.min_salary
    if not floor:
        return 100.0
    top = job.salary_top
    if not top or job.salary_currency != candidate.salary_currency:
        return 50.0
    if top >= floor:
        return 100.0
    return max(0.0, 100.0 * (top - floor / 2) / (floor / 2))


# --- The score ------------------------------------------------------------------------------------


def overall(components: Mapping[str, float]) -> float:
    return round(sum(WEIGHTS[name] * components[name] for name in WEIGHTS), 1)


def score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    """The overall score alone: the hot loop of a refresh."""
    return round(
        0.35 * skill_score(candidate, job)
        + 0.20 * title_score(candidate, job)
        + 0.15 * experience_score(candidate, job)
        + 0.10 * work_type_score(candidate, job)
        + 0.10 * location_score(candidate, job)
        + 0.10 * salary_score(candidate, job),
        1,
    )


def reasoning(candidate: CandidateFeatures, job: JobFeatures) -> dict:
    """The reasoning object exactly as seed 004 documents it, plus the industry match %."""
    components = {
        "skills": skill_score(candidate, job),
        "title": title_score(candidate, job),
        "experience": experience_score(candidate, job),
        "work_type": work_type_score(candidate, job),
        "location": location_score(candidate, job),
        "salary": salary_score(candidate, job),
    }
    return {
        "overall_score": overall(components),
        "skill_score": round(components["skills"], 1),
        "title_score": round(components["title"], 1),
        "experience_score": round(components["experience"], 1),
        "work_type_score": round(components["work_type"], 1),
        "location_score": round(components["location"], 1),
        "salary_score": round(components["salary"], 1),
        "matching_skills": [name for key, name in job.skills if key in candidate.skills],
        "missing_skills": [name for key, name in job.skills if key not in candidate.skills],
        "weights": dict(WEIGHTS),
        "industry_match_percent": industry_match(job.industries, candidate.industry_years),
    }


def analysis(reasoning_: Mapping) -> str:
    """A short plain-language summary of a reasoning object."""
    total = reasoning_["overall_score"]
    verdict = (
        "a strong match" if total >= 80 else "a good match" if total >= 65 else "a partial match" if total >= 50 else "a weak match"
    )
    parts = [f"This is {verdict} ({total:g}/100)."]
    have, missing = reasoning_["matching_skills"], reasoning_["missing_skills"]
    if have or missing:
        asked = len(have) + len(missing)
        sentence = f"You have {len(have)} of the {asked} skills it names"
        if have:
            sentence += f" ({', '.join(have[:4])})"
        if missing:
            sentence += f"; missing {', '.join(missing[:3])}"
        parts.append(sentence + ".")
    notes = {
        "title_score": ("The title lines up with the roles you target.", "The title is far from the roles you target."),
        "experience_score": ("Your experience meets what it asks.", "It asks for more experience than you list."),
        "work_type_score": ("The work arrangement fits your preferences.", "The work arrangement does not fit your preferences."),
        "location_score": ("You can work from where it hires.", "It hires where you may not be able to work."),
        "salary_score": ("The pay meets your minimum.", "The pay is below your minimum."),
    }
    for key, (good, bad) in notes.items():
        value = reasoning_[key]
        if value >= 90:
            parts.append(good)
        elif value <= 30:
            parts.append(bad)
    industry = reasoning_.get("industry_match_percent")
    if industry is not None:
        parts.append(f"Industry experience match: {industry:g}%.")
    return " ".join(parts)
