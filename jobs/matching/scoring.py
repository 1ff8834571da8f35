"""The match score: a pure, deterministic function of (candidate features, job features).

    weighted = 0.35·skills + 0.20·title + 0.15·experience + 0.10·work_type + 0.10·location + 0.10·salary
    overall  = max(0, weighted − caveat points), capped at BLOCKER_CEILING (35) when any blocker holds

Every component is 0–100. Features are computed once — a candidate's when a refresh starts, a
job's when it is ingested (jobs.matching.features.job_feature_values, through the posting reader
jobs.eligibility.reader) and its tuples when a refresh reads it (`job_features`, memoised per
title, skill list, company and place list) — so scoring 10,000 jobs is set arithmetic over
prepared tuples, with no parsing and no queries in the loop.

The components (the numbers are the whole specification):

skills      The job's skills are its skill tags plus known skills named in its text, compared
            through the one alias table (careerhub.skills); a candidate holds the broader skills
            theirs imply (Django → Python). score = 100 · matched / min(|job skills|, 8) capped at 100. A job that names no skills scores 50. A job outside the
            candidate's role families (and not next to one) scores 0: skills a sales posting
            name-drops are not an engineer's fit.
title       Role families first (jobs.eligibility.roles): the same family scores 60 + 40 · words,
            times 0.8 for full-stack next to backend/frontend or 0.5 for another specialism
            (backend vs mobile); an adjacent family 20 + 20 · words; another family 0. `words` is
            the word overlap of the title with the best of the candidate's roles after synonyms
            (0.7 · coverage + 0.3 · Jaccard). Either side without a known family: 100 · words.
            No roles → 50.
experience  Years the job asks (jobs.eligibility.reader.required_years_from_text; else implied by
            the title's seniority word) against the candidate's years (else implied by their
            seniority). Enough → 100; short → 100 · (have + 1) / (need + 1). Unknown requirement
            → 75; unknown candidate → 50.
work_type   Work mode (70 %) by the matrix WORK_MODE_FIT, best over the candidate's modes, and
            employment type (30 %): one of theirs → 100, none → 30. No preference → 75 for that
            part; job says nothing → 60.
location    Worldwide jobs → 100. A job hiring where the candidate may work without a visa →
            100: their eligible regions, and unless they need sponsorship their preferred
            countries and home country too (all compared as countries: Germany is in the EU).
            Abroad, only sponsorship makes it work: sponsors → 70, silent → 20 (30 for a candidate
            who needs no visa), refuses → 0. Job places unknown → 70; candidate's unknown → 60
            (someone who needs sponsorship and names no eligible place needs it everywhere).
salary      Against the candidate's minimum: top of range (or the only figure) at or above it →
            100; below, linearly to 0 at half the minimum. No minimum → 100; salary unknown or in
            another currency → 50.

Blockers (any one caps the score at BLOCKER_CEILING, below the default min_score; named first in
the analysis): blocklist (a company or title keyword the user blocked), role_family (a family
neither theirs nor adjacent), region (hires only where they may not work, and does not sponsor),
visa (they need sponsorship and the job refuses it, or is abroad and silent), clearance (a
citizenship or security clearance of a country they cannot work in, or they need a visa),
employment_type (none of their types; contract/freelance/temporary stand in for each other, and
`open_to_other_job_types` makes it a caveat), seniority (two or more levels away, either
direction), salary (top of range more than SALARY_FAR_BELOW under their minimum).
Caveats take CAVEAT_PENALTIES points each and never block.

Soft preferences learned from feedback (Learned, jobs.matching.feedback) move components only.
Industry Experience Match % (seed 002 §6), reported beside the score, is `industry_match`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from careerhub import skills as skill_names
from careerhub.text import sentence_end
from careerhub.vocabulary import SENIORITY_YEARS
from jobs.eligibility import gazetteer, reader, roles
from jobs.eligibility.gazetteer import WORLDWIDE
from jobs.matching.companies import company_match_key

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


@lru_cache(maxsize=16_384)
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


# The one reading of "5+ years", "3-5 years", "at least 4 years", ... lives with the posting reader.
required_years_from_text = reader.required_years_from_text


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


class Learned(NamedTuple):
    """Soft preferences learned from repeated feedback (jobs.matching.feedback); never a blocker."""

    salary_floor: int | None = None  # the salary component's minimum, when above the profile's
    avoid_modes: frozenset[str] = frozenset()  # work modes whose fit counts as 0
    avoid_roles: frozenset[tuple[str, str]] = frozenset()  # (family, specialism) whose title score halves
    avoid_countries: frozenset[str] = frozenset()  # countries whose location score is at most 30
    seniority_below: bool = False  # one level below counts twice
    seniority_above: bool = False  # one level above counts twice


NO_LEARNING = Learned()


def learned_from(values: Mapping[str, Any] | None) -> Learned:
    """A Learned from its stored JSON (LearnedPreferences.values)."""
    if not values:
        return NO_LEARNING
    floor = values.get("salary_floor")
    return Learned(
        salary_floor=int(floor) if isinstance(floor, (int, float)) and not isinstance(floor, bool) and floor > 0 else None,
        avoid_modes=frozenset(m for m in values.get("avoid_modes") or () if m in WORK_MODE_FIT),
        avoid_roles=frozenset(tuple(pair) for pair in values.get("avoid_roles") or () if isinstance(pair, list) and len(pair) == 2),
        avoid_countries=frozenset(c for c in values.get("avoid_countries") or () if isinstance(c, str)),
        seniority_below=bool(values.get("seniority_below")),
        seniority_above=bool(values.get("seniority_above")),
    )


class CandidateFeatures(NamedTuple):
    skills: dict[str, str]  # skill key -> display name
    roles: tuple[frozenset[str], ...]  # word sets of target roles and current role
    experience_years: float | None
    work_modes: frozenset[str]
    employment_types: frozenset[str]
    min_salary: int | None
    salary_currency: str
    eligible: frozenset[str]  # countries where they may work without sponsorship (WORLDWIDE: anywhere)
    eligible_names: frozenset[str]  # those places as codes, for sentences ("the EU")
    needs_visa: bool
    industry_years: dict[str, float]
    skill_keys: frozenset[str]  # the keys of `skills` and of the broader skills they imply (careerhub.skills)
    families: frozenset[str]  # role families of their target roles and current role
    specialisms: frozenset[tuple[str, str]]  # (family, specialism); "" is a generalist
    level: int | None  # seniority ladder (jobs.eligibility.roles)
    target_levels: frozenset[int]  # levels their target roles name ("Head of Operations": 6)
    open_to_other_types: bool
    home_city: str  # lowercase
    home_country: str  # ISO code, "" when unknown
    preferred: frozenset[str]  # countries they would like to work in (a move there is no drawback)
    blocked_companies: frozenset[str]  # company keys (jobs.normalize.company_key)
    blocked_keywords: tuple[str, ...]  # " word word " forms, matched inside a title's words
    learned: Learned
    citizenships: frozenset[str] = frozenset()  # countries they are a citizen of (they may also work there)
    clearances: frozenset[tuple[str, str]] = frozenset()  # (country, level) of the security clearances they hold
    home_state: str = ""  # "US-TX": the state or province they live in, "" when unknown


def with_skill(candidate: CandidateFeatures, name: str) -> CandidateFeatures:
    """The same candidate with one more skill (keeps `skills` and `skill_keys` in step)."""
    key = skill_names.skill_key(name)
    return candidate._replace(
        skills={**candidate.skills, key: name}, skill_keys=skill_names.with_implied_keys(candidate.skill_keys | {key})
    )


class JobFeatures(NamedTuple):
    id: int
    skills: tuple[tuple[str, str], ...]  # (key, display) in the job's order
    skill_keys: frozenset[str]
    title: frozenset[str]
    required_years: int | None
    remote_type: str | None  # the work mode as read (structured first)
    employment_types: frozenset[str]
    places: frozenset[str]  # countries and regions as the job states them (WORLDWIDE removed)
    countries: frozenset[str]  # the countries those places cover
    worldwide: bool
    cities: frozenset[str]  # lowercase
    sponsorship: str  # yes | no | unknown
    authorization: tuple[str, str, str, bool] | None  # (citizenship|clearance, country or region code, level, must be held already)
    level: int | None
    family: str
    specialism: str
    travel: bool
    salary_top: int | None
    salary_currency: str
    industries: tuple[str, ...]
    company: str
    company_key: str
    title_words: str  # " word word " of the title, for blocked keywords
    title_text: str
    states: frozenset[str] = frozenset()  # states or provinces it hires in ("US-CA"), within `countries`


@lru_cache(maxsize=16_384)
def _skill_entry(name: str) -> tuple[str, str]:
    # (key, display name) of one spelling: users name the same few thousand skills, each normalised once.
    display = skill_names.canonical_skill(name)
    return skill_names.skill_key(display), display


def _words_form(text: str) -> str:
    return " " + " ".join(roles.words(text)) + " "


def candidate_features(
    *,
    skills: Iterable[str],
    target_roles: Iterable[str] = (),
    current_role: str = "",
    experience_years: float | None = None,
    seniority: str = "",
    work_modes: Iterable[str] = (),
    employment_types: Iterable[str] = (),
    open_to_other_types: bool = False,
    min_salary: int | None = None,
    salary_currency: str = "USD",
    eligible_regions: Iterable[str] = (),
    preferred_countries: Iterable[str] = (),
    needs_visa_sponsorship: bool | None = False,
    home_country: str = "",
    home_city: str = "",
    home_region: str = "",
    industry_years: Mapping[str, float] | None = None,
    blocked_companies: Iterable[str] = (),
    blocked_keywords: Iterable[str] = (),
    learned: Mapping[str, Any] | Learned | None = None,
    citizenships: Iterable[str] = (),
    security_clearances: Iterable[str] = (),
) -> CandidateFeatures:
    """A candidate as the score sees them.

    Where they may work without sponsorship: their eligible regions and the countries they are a
    citizen of; and, unless they need visa sponsorship, also their preferred countries and the
    country they live in (wanting or living somewhere is not a right to work there for someone who
    needs a visa). Clearances are read as (country, level) by reader.clearance_held; an entry naming
    no level is left out.
    """
    role_names = [role for role in [*target_roles, current_role] if role]
    roles_ = tuple(tokens for tokens in (title_tokens(role) for role in role_names) if tokens)
    found_roles = [found for found in (roles.role_of(role) for role in role_names) if found is not None]
    years = experience_years if experience_years is not None else SENIORITY_YEARS.get(seniority)
    level = roles.profile_level(seniority)
    if level is None:
        levels = [lvl for lvl in (roles.title_level(role) for role in ([current_role] if current_role else [])) if lvl is not None]
        level = levels[0] if levels else roles.level_from_years(float(years) if years is not None else None)
    by_key: dict[str, str] = {}
    for name in skills:
        key, display = _skill_entry(name)
        if display:
            by_key.setdefault(key, display)  # skill_names.dedupe_skills: the first spelling of a skill wins
    needs_visa = bool(needs_visa_sponsorship)
    target_levels = frozenset(lvl for lvl in (roles.title_level(role) for role in target_roles if role) if lvl is not None)
    home = sorted(code for code in gazetteer.codes_of([home_country]) if not gazetteer.is_region(code))
    citizen_of = gazetteer.codes_of(citizenships)
    eligible_names = set(gazetteer.codes_of(eligible_regions)) | citizen_of
    if not needs_visa:
        eligible_names |= gazetteer.codes_of(preferred_countries) | gazetteer.codes_of([home_country])
    return CandidateFeatures(
        skills=by_key,
        roles=roles_,
        experience_years=float(years) if years is not None else None,
        work_modes=frozenset(work_modes),
        employment_types=frozenset(employment_types),
        min_salary=int(min_salary) if min_salary else None,
        salary_currency=(salary_currency or "USD").upper(),
        eligible=gazetteer.member_countries(frozenset(eligible_names)),
        eligible_names=frozenset(eligible_names),
        needs_visa=needs_visa,
        industry_years={k.lower(): float(v) for k, v in (industry_years or {}).items()},
        skill_keys=skill_names.with_implied_keys(frozenset(by_key)),
        families=frozenset(role.family for role in found_roles),
        specialisms=frozenset((role.family, role.specialism) for role in found_roles),
        level=level,
        target_levels=target_levels,
        open_to_other_types=bool(open_to_other_types),
        home_city=(home_city or "").strip().lower(),
        home_country=home[0] if len(home) == 1 else "",
        preferred=gazetteer.member_countries(gazetteer.codes_of(preferred_countries)),
        blocked_companies=frozenset(key for key in (company_match_key(name) for name in blocked_companies) if key),
        blocked_keywords=tuple(form for form in (_words_form(k) for k in blocked_keywords) if form.strip()),
        learned=learned if isinstance(learned, Learned) else learned_from(learned),
        citizenships=gazetteer.member_countries(citizen_of) - {WORLDWIDE},
        clearances=frozenset(held for held in (reader.clearance_held(text) for text in security_clearances if isinstance(text, str)) if held),
        home_state=gazetteer.state_of(home_region or "", home_city or "", home[0]) if len(home) == 1 else "",
    )


# Jobs repeat titles, skill lists, companies and place lists: preparing 10,000 of them reuses these.
FEATURE_MEMO_SIZE = 32_768


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _skills_of(names: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    ordered = tuple((skill_names.skill_key(name), name) for name in skill_names.dedupe_skills(names))
    return ordered, frozenset(key for key, _ in ordered)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _title_of(title: str) -> tuple[frozenset[str], str]:
    return title_tokens(title), _words_form(title)


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _places_of(codes: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], bool, frozenset[str]]:
    # (countries and regions, the countries they cover, worldwide, states): "US-CA" is a state of the US.
    stated = frozenset(codes) - {WORLDWIDE}
    states = frozenset(code for code in stated if "-" in code and not gazetteer.is_region(code))
    places = stated - states
    return places, gazetteer.member_countries(stated), WORLDWIDE in codes and not stated, states


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _company_of(company: str) -> str:
    return company_match_key(company)


@lru_cache(maxsize=4096)
def _authorization_of(value: str) -> tuple[str, str, str, bool] | None:
    parts = (value or "").split(":")
    if len(parts) < 2 or not parts[1]:
        return None
    return parts[0], parts[1], parts[2] if len(parts) > 2 else "", len(parts) > 3 and parts[3] == "active"


def job_features(
    *,
    id: int,
    title: str,
    skills: Iterable[str],
    required_years: int | None,
    work_mode: str | None = None,
    employment_types: Iterable[str] = (),
    places: Iterable[str] = (),
    cities: Iterable[str] = (),
    sponsorship: str = "unknown",
    authorization: str = "",
    seniority_level: int | None = None,
    role_family: str = "",
    role_specialism: str = "",
    travel: bool = False,
    salary_min: int | None = None,
    salary_max: int | None = None,
    salary_currency: str | None = None,
    industries: Iterable[str] = (),
    company: str = "",
) -> JobFeatures:
    ordered, keys = _skills_of(tuple(skills or ()))
    stated, countries, worldwide, states = _places_of(tuple(places or ()))
    tokens, words_form = _title_of(title or "")
    return JobFeatures(
        id=id,
        skills=ordered,
        skill_keys=keys,
        title=tokens,
        required_years=required_years if required_years is not None else seniority_years_from_title(tokens),
        remote_type=work_mode or None,
        employment_types=frozenset(employment_types or ()),
        places=stated,
        countries=countries,
        worldwide=worldwide,
        cities=frozenset(cities or ()),
        sponsorship=sponsorship or reader.UNKNOWN,
        authorization=_authorization_of(authorization),
        level=seniority_level,
        family=role_family or "",
        specialism=role_specialism or "",
        travel=bool(travel),
        salary_top=salary_max or salary_min or None,
        salary_currency=(salary_currency or "USD").upper(),
        industries=tuple(industries or ()),
        company=company or "",
        company_key=_company_of(company or ""),
        title_words=words_form,
        title_text=title or "",
        states=states,
    )


# --- Role families --------------------------------------------------------------------------------

SAME, ADJACENT, OTHER, UNKNOWN_FAMILY = "same", "adjacent", "other", "unknown"
# A title in the candidate's own specialism counts as at least this much word overlap.
SAME_SPECIALISM_WORDS = 0.8


@lru_cache(maxsize=4096)
def family_fit(families: frozenset[str], family: str) -> str:
    """How a job's family stands to the candidate's: same, adjacent, other, or unknown (either side unread)."""
    if not families or not family:
        return UNKNOWN_FAMILY
    if family in families:
        return SAME
    if any(roles.are_adjacent(mine, family) for mine in families):
        return ADJACENT
    return OTHER


@lru_cache(maxsize=4096)
def _specialism_factor(specialisms: frozenset[tuple[str, str]], family: str, specialism: str) -> float:
    """1 for the same specialism (or either side general), 0.8 for full-stack next to backend/frontend, else 0.5."""
    mine = {spec for fam, spec in specialisms if fam == family}
    if not specialism or not mine or "" in mine or specialism in mine:
        return 1.0
    if "fullstack" in mine | {specialism} and ({"backend", "frontend"} & (mine | {specialism})):
        return 0.8
    return 0.5


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
    if family_fit(candidate.families, job.family) == OTHER:
        # Skills a sales or recruiting posting name-drops are not a software engineer's fit (keyword stuffing).
        return 0.0
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
    words = _title_fit(candidate.roles, job.title) / 100.0
    fit = family_fit(candidate.families, job.family)
    if fit == UNKNOWN_FAMILY:
        return 100.0 * words
    if fit == OTHER:
        return 0.0
    if fit == ADJACENT:
        return 20.0 + 20.0 * words
    factor = _specialism_factor(candidate.specialisms, job.family, job.specialism)
    if factor == 1.0 and job.specialism:
        # "UI Engineer" and "Frontend Developer" share few words but are the same work
        words = max(words, SAME_SPECIALISM_WORDS)
    value = (60.0 + 40.0 * words) * factor
    if (job.family, job.specialism) in candidate.learned.avoid_roles:
        value /= 2
    return value


@lru_cache(maxsize=FEATURE_MEMO_SIZE)
def _title_fit(roles_: tuple[frozenset[str], ...], title: frozenset[str]) -> float:
    # Titles repeat across jobs (role × seniority): a refresh computes each fit once.
    best = 0.0
    for role in roles_:
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
    elif job.remote_type in candidate.learned.avoid_modes:
        mode = 0.0
    else:
        mode = _mode_fit(candidate.work_modes, job.remote_type)
    if not candidate.employment_types:
        kind = 75.0
    elif not job.employment_types:
        kind = 60.0
    else:
        kind = 30.0 if job.employment_types.isdisjoint(candidate.employment_types) else 100.0
    return 0.7 * mode + 0.3 * kind


@lru_cache(maxsize=256)
def _mode_fit(wanted: frozenset[str], offered: str) -> float:
    return float(max(WORK_MODE_FIT[mode][offered] for mode in wanted))


def _abroad(candidate: CandidateFeatures, job: JobFeatures) -> bool | None:
    """Whether the job hires only where the candidate may not work without a visa; None when either side is unknown."""
    if job.worldwide:
        return False
    if not job.countries:
        return None
    if not candidate.eligible:
        # someone who needs sponsorship and names no place they may work in needs it everywhere
        return True if candidate.needs_visa else None
    if WORLDWIDE in candidate.eligible:
        return False
    return job.countries.isdisjoint(candidate.eligible)


def location_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    if job.worldwide:
        return 100.0
    if not job.countries:
        return 70.0
    if not candidate.eligible and not candidate.needs_visa:
        return 60.0
    if candidate.learned.avoid_countries and job.countries <= candidate.learned.avoid_countries:
        return 30.0
    if not _abroad(candidate, job):
        return 100.0
    # Restricted to somewhere the candidate may not work: only sponsorship can make it work.
    if job.sponsorship == reader.YES:
        return 70.0
    if job.sponsorship == reader.NO:
        return 0.0
    return 20.0 if candidate.needs_visa else 30.0


def salary_score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    floor = max(candidate.min_salary or 0, candidate.learned.salary_floor or 0)
    if not floor:
        return 100.0
    top = job.salary_top
    if not top or job.salary_currency != candidate.salary_currency:
        return 75.0
    if top >= floor:
        return 100.0
    return max(0.0, 100.0 * (top - floor / 2) / (floor / 2))


# --- Hard limits: blockers and caveats ------------------------------------------------------------

# Any blocker caps the overall score here: below MATCH_STORE_MIN_SCORE (40) and GET /matches'
# default min_score (50), so a blocked job is never a match unless asked for.
BLOCKER_CEILING = 35.0
# "Far below the minimum": the top of the range more than this share under it. Within it, a caveat.
SALARY_FAR_BELOW = 0.20
# Jobs of these employment types can stand in for each other: a mismatch among them is a caveat.
COMPATIBLE_TYPES = frozenset({"contract", "freelance", "temporary"})
# Points each caveat takes off the overall score (documented in docs/matching.md).
CAVEAT_PENALTIES = {
    "work_mode": 6.0,  # hybrid or on-site, and you did not ask for that mode
    "relocation": 12.0,  # hybrid or on-site in a city you do not live in
    "seniority": 8.0,  # one level above or below you (twice that when your feedback says so)
    "salary": 6.0,  # the top of the range just under your minimum
    "travel": 6.0,
    "role_family": 12.0,  # a family next to yours (backend engineer → DevOps)
    "employment_type": 10.0,  # contract for freelance or fixed-term, or a type you are open to
    "clearance": 10.0,  # a clearance or citizenship you may hold
    "visa": 6.0,  # abroad, and the job sponsors the visa you would need
    "visa_unstated": 15.0,  # (code "visa") you need sponsorship; the job says neither where it hires nor whether it sponsors
}
BLOCKER_ORDER = ("blocklist", "role_family", "region", "visa", "clearance", "employment_type", "seniority", "salary")

Notes = list[tuple[str, str, str]] | None  # (blocker|caveat, code, detail) when explaining


def _note(notes: Notes, kind: str, code: str, detail: Callable[[], str]) -> None:
    if notes is not None:
        notes.append((kind, code, detail()))


def _blocklisted(candidate: CandidateFeatures, job: JobFeatures, notes: Notes) -> bool:
    if candidate.blocked_companies and job.company_key in candidate.blocked_companies:
        _note(notes, "blocker", "blocklist", lambda: f"you blocked {job.company or 'this company'}")
        return True
    for keyword in candidate.blocked_keywords:
        if keyword in job.title_words:
            _note(notes, "blocker", "blocklist", lambda k=keyword: f"its title contains “{k.strip()}”, a keyword you blocked")
            return True
    return False


def places_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[int, float]:
    """(blockers, penalty) of where the job hires, sponsorship, citizenship and clearance."""
    blockers, penalty = 0, 0.0
    abroad = _abroad(candidate, job)
    if abroad:
        if job.sponsorship == reader.YES:
            penalty += CAVEAT_PENALTIES["visa"]
            _note(notes, "caveat", "visa", lambda: f"you would need the visa sponsorship it offers to work in {_place_list(job.places)}")
        elif candidate.needs_visa:
            blockers += 1
            _note(notes, "blocker", "visa", lambda: _visa_detail(job, refused=job.sponsorship == reader.NO))
        else:
            blockers += 1
            _note(notes, "blocker", "region", lambda: f"the job is {_only(job.places)} and you can work in {_place_list(candidate.eligible_names)}")
    elif candidate.needs_visa and job.sponsorship == reader.NO and abroad is None:
        blockers += 1
        _note(notes, "blocker", "visa", lambda: _visa_detail(job, refused=True))
    elif candidate.needs_visa and abroad is None and not job.worldwide and job.sponsorship == reader.UNKNOWN:
        penalty += CAVEAT_PENALTIES["visa_unstated"]
        _note(notes, "caveat", "visa", lambda: "you need visa sponsorship and the job says neither where it hires nor whether it sponsors")
    if job.authorization is not None:
        more_blockers, more_penalty = _authorization_limits(candidate, job, notes)
        blockers, penalty = blockers + more_blockers, penalty + more_penalty
    return blockers, penalty


def _holds_clearance(candidate: CandidateFeatures, covered: frozenset[str], level: str) -> bool:
    """Whether a clearance they hold is of one of these countries and at least this level (any level when the job names none)."""
    for country, held in candidate.clearances:
        if country not in covered:
            continue
        wanted, have = reader.clearance_rank(country, level or None), reader.clearance_rank(country, held)
        if not level or held == level or (wanted is not None and have is not None and have >= wanted):
            return True
    return False


def _authorization_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes) -> tuple[int, float]:
    """(blockers, penalty) of a citizenship or a security clearance the job asks for."""
    kind, where, level, held = job.authorization
    covered = gazetteer.member_countries(frozenset({where}))
    if kind == "citizenship" and not covered.isdisjoint(candidate.citizenships):
        return 0, 0.0
    if kind == "clearance" and _holds_clearance(candidate, covered, level):
        return 0, 0.0
    may_work_there = bool(candidate.eligible) and (WORLDWIDE in candidate.eligible or not covered.isdisjoint(candidate.eligible))
    if kind == "citizenship" and candidate.citizenships:
        # Their profile says which citizenships they hold, and this is not one of them.
        _note(notes, "blocker", "clearance", lambda: _authorization_detail(kind, where, level) + f", and you are a citizen of {_place_list(candidate.citizenships)}")
        return 1, 0.0
    if candidate.needs_visa or (candidate.eligible and not may_work_there):
        _note(notes, "blocker", "clearance", lambda: _authorization_detail(kind, where, level) + _authorization_reason(candidate, where))
        return 1, 0.0
    if held:
        # A clearance has to be granted through an employer: one the job wants held already needs one in the profile.
        _note(notes, "blocker", "clearance", lambda: _authorization_detail(kind, where, level) + " held already, and your profile lists no such clearance")
        return 1, 0.0
    penalty = CAVEAT_PENALTIES["clearance"] if kind == "clearance" else CAVEAT_PENALTIES["clearance"] / 2
    _note(notes, "caveat", "clearance", lambda: _authorization_detail(kind, where, level) + ": only if you hold it")
    return 0, penalty


def family_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[int, float]:
    """(blockers, penalty) of the job's role family."""
    fit = family_fit(candidate.families, job.family)
    if fit == OTHER:
        _note(notes, "blocker", "role_family", lambda: f"the job is in {roles.family_label(job.family)} and you look for {_families_list(candidate.families)} roles")
        return 1, 0.0
    if fit == ADJACENT:
        _note(notes, "caveat", "role_family", lambda: f"the job is in {roles.family_label(job.family)}, next to the {_families_list(candidate.families)} roles you look for")
        return 0, CAVEAT_PENALTIES["role_family"]
    return 0, 0.0


def type_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[int, float]:
    """(blockers, penalty) of the employment type."""
    if candidate.employment_types and job.employment_types and job.employment_types.isdisjoint(candidate.employment_types):
        if candidate.open_to_other_types or (job.employment_types <= COMPATIBLE_TYPES and not candidate.employment_types.isdisjoint(COMPATIBLE_TYPES)):
            _note(notes, "caveat", "employment_type", lambda: f"the job is {_types(job.employment_types)} and you asked for {_types(candidate.employment_types)} work")
            return 0, CAVEAT_PENALTIES["employment_type"]
        _note(notes, "blocker", "employment_type", lambda: f"the job is {_types(job.employment_types)} and you want {_types(candidate.employment_types)} work")
        return 1, 0.0
    return 0, 0.0


def seniority_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[int, float]:
    """(blockers, penalty) of the seniority gap."""
    if candidate.level is not None and job.level is not None and job.level != candidate.level and job.level not in candidate.target_levels:
        gap = job.level - candidate.level
        if abs(gap) >= 2:
            _note(notes, "blocker", "seniority", lambda: f"the job is {_JOB_LEVEL[job.level]} and you are {_CANDIDATE_LEVEL[candidate.level]}")
            return 1, 0.0
        doubled = candidate.learned.seniority_below if gap < 0 else candidate.learned.seniority_above
        _note(notes, "caveat", "seniority", lambda: f"the job is one level {'above' if gap > 0 else 'below'} yours ({_JOB_LEVEL[job.level]})")
        return 0, CAVEAT_PENALTIES["seniority"] * (2 if doubled else 1)
    return 0, 0.0


def salary_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[int, float]:
    """(blockers, penalty) of pay under the candidate's minimum."""
    floor, top = candidate.min_salary, job.salary_top
    if floor and top and top < floor and job.salary_currency == candidate.salary_currency:
        if top < floor * (1 - SALARY_FAR_BELOW):
            _note(notes, "blocker", "salary", lambda: f"the job pays at most {_money(top, job.salary_currency)}, far below your minimum of {_money(floor, job.salary_currency)}")
            return 1, 0.0
        _note(notes, "caveat", "salary", lambda: f"the pay tops out at {_money(top, job.salary_currency)}, just under your minimum of {_money(floor, job.salary_currency)}")
        return 0, CAVEAT_PENALTIES["salary"]
    return 0, 0.0


# The limits of the kind of job, in the order their blockers and caveats are listed. Each reads its
# own few features of the candidate and the job (jobs.matching.vectorized tabulates them by those).
KIND_LIMITS = (family_limits, type_limits, seniority_limits, salary_limits)


def _kind_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes) -> tuple[int, float]:
    """(blockers, penalty) of the role family, employment type, seniority and pay."""
    blockers, penalty = 0, 0.0
    for aspect in KIND_LIMITS:
        found, points = aspect(candidate, job, notes)
        blockers += found
        penalty += points
    return blockers, penalty


def setting_limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> float:
    """The penalty of where and how the work happens: commute, relocation, travel."""
    penalty = 0.0
    mode = job.remote_type
    # A job in a named city that does not say it is remote is worked there.
    placed = mode in ("hybrid", "onsite") or (mode is None and bool(job.cities))
    local = bool(candidate.home_city) and candidate.home_city in job.cities
    moving_to = job.countries - {WORLDWIDE}
    # Going in to an office they did not ask for is a drawback (RULES.md); working remotely never is.
    if mode in _MODE and candidate.work_modes and mode not in candidate.work_modes:
        penalty += CAVEAT_PENALTIES["work_mode"]
        _note(notes, "caveat", "work_mode", lambda: f"the job is {_MODE[mode]}{' in your city' if local else ''} and you asked for {_modes(candidate.work_modes)} work")
    if placed:
        where = _MODE.get(mode or "", "based")
        if candidate.work_modes == {"remote"}:
            if not local:
                penalty += CAVEAT_PENALTIES["relocation"]
                _note(notes, "caveat", "relocation", lambda: f"the job is {where}{_in_cities(job.cities)} and you asked for remote work")
        elif candidate.home_city and job.cities and not local:
            penalty += CAVEAT_PENALTIES["relocation"]
            _note(notes, "caveat", "relocation", lambda: f"the job is {where}{_in_cities(job.cities)}, away from where you live")
    elif (
        candidate.home_country
        and moving_to
        and not job.worldwide
        and candidate.home_country not in moving_to
        and moving_to.isdisjoint(candidate.preferred)
        and not _abroad(candidate, job)
    ):
        # Remote, but only for people living in a country they do not live in (and did not ask for).
        penalty += CAVEAT_PENALTIES["relocation"]
        _note(notes, "caveat", "relocation", lambda: f"the job asks you to live in {_place_list(job.places)}")
    elif (states := _home_country_states(candidate, job)) and candidate.home_state not in states:
        # Remote, but only for some states of their country ("Remote - CA, OR or WA only"): a move inside it.
        penalty += CAVEAT_PENALTIES["relocation"]
        _note(notes, "caveat", "relocation", lambda: f"the job asks you to live in {_place_list(states)}")
    if job.travel:
        penalty += CAVEAT_PENALTIES["travel"]
        _note(notes, "caveat", "travel", lambda: "the job asks for some travel")
    return penalty


def _home_country_states(candidate: CandidateFeatures, job: JobFeatures) -> frozenset[str]:
    """The states of the candidate's country a remote job is restricted to; none when the job names a
    city (its office: "Remote (Austin, TX)" restricts nothing) or the candidate's state is unknown."""
    if not (candidate.home_state and job.states) or job.cities:
        return frozenset()
    prefix = candidate.home_country + "-"
    return frozenset(state for state in job.states if state.startswith(prefix))


def blocklisted(candidate: CandidateFeatures, job: JobFeatures) -> bool:
    """Whether the user blocked the job's company or a word of its title: such a job is never matched."""
    return bool(candidate.blocked_companies or candidate.blocked_keywords) and _blocklisted(candidate, job, None)


def limits(candidate: CandidateFeatures, job: JobFeatures, notes: Notes = None) -> tuple[bool, float]:
    """(blocked, caveat penalty) of a job for a candidate; with `notes`, each blocker and caveat explained in it."""
    if (candidate.blocked_companies or candidate.blocked_keywords) and _blocklisted(candidate, job, notes):
        if notes is None:
            return True, 0.0
        blocked = True
    else:
        blocked = False
    place_blockers, place_penalty = places_limits(candidate, job, notes)
    kind_blockers, kind_penalty = _kind_limits(candidate, job, notes)
    penalty = place_penalty + kind_penalty + setting_limits(candidate, job, notes)
    return blocked or bool(place_blockers or kind_blockers), penalty


# --- Sentences for blockers and caveats -----------------------------------------------------------

_JOB_LEVEL = {
    0: "an internship", 1: "an entry-level role", 2: "a mid-level role", 3: "a senior role", 4: "a staff or lead role",
    5: "a principal role", 6: "a director role", 7: "an executive role",
}
_CANDIDATE_LEVEL = {
    0: "a student", 1: "entry-level", 2: "mid-level", 3: "senior", 4: "at staff or lead level", 5: "at principal level",
    6: "at director level", 7: "at executive level",
}
_MODE = {"hybrid": "hybrid", "onsite": "on-site"}
_TYPE_NAMES = {
    "full_time": "full-time", "part_time": "part-time", "contract": "contract", "internship": "internship",
    "freelance": "freelance", "temporary": "temporary",
}


def _short(code: str) -> str:
    return {"US": "US", "GB": "UK"}.get(code) or gazetteer.label(code).removeprefix("the ")


def _only(places: frozenset[str]) -> str:
    if len(places) == 1:
        return f"{_short(next(iter(places)))}-only"
    return f"only for {_place_list(places)}"


def _place_list(codes: Iterable[str]) -> str:
    return gazetteer.labels(codes) or "the places in your profile"


def _in_cities(cities: frozenset[str]) -> str:
    return f" in {', '.join(sorted(c.title() for c in cities))}" if cities else ""


def _modes(modes: frozenset[str]) -> str:
    names = [{"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}[mode] for mode in sorted(modes)]
    return " or ".join(names)


def _families_list(families: frozenset[str]) -> str:
    names = sorted(roles.family_label(f) for f in families)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _types(kinds: frozenset[str]) -> str:
    names = [_TYPE_NAMES.get(kind, kind) for kind in sorted(kinds)]
    return " or ".join(names)


def _money(amount: int, currency: str) -> str:
    return f"{currency} {amount:,}"


def _visa_detail(job: JobFeatures, *, refused: bool) -> str:
    if refused:
        return "you need visa sponsorship and the job says it cannot sponsor"
    return f"you need visa sponsorship to work in {_place_list(job.places)} and the job does not say it sponsors"


def _authorization_detail(kind: str, where: str, level: str) -> str:
    if kind == "citizenship":
        return f"the job is for {_short(where)} citizens only"
    named = {"secret": "Secret", "topsecret": "Top Secret", "ts/sci": "TS/SCI", "tssci": "TS/SCI", "publictrust": "Public Trust"}.get(level, level.upper())
    return f"the job asks for an active {named + ' ' if named else ''}security clearance ({_short(where)})"


def _authorization_reason(candidate: CandidateFeatures, where: str) -> str:
    if candidate.needs_visa:
        return ", and you need visa sponsorship"
    return f", and you can work in {_place_list(candidate.eligible_names)}"


# --- The score ------------------------------------------------------------------------------------


def overall(components: Mapping[str, float]) -> float:
    return round(sum(WEIGHTS[name] * components[name] for name in WEIGHTS), 1)


def _weighted(candidate: CandidateFeatures, job: JobFeatures) -> float:
    return (
        0.35 * skill_score(candidate, job)
        + 0.20 * title_score(candidate, job)
        + 0.15 * experience_score(candidate, job)
        + 0.10 * work_type_score(candidate, job)
        + 0.10 * location_score(candidate, job)
        + 0.10 * salary_score(candidate, job)
    )


def limited(weighted: float, *, blocked: bool, penalty: float) -> float:
    """The overall score: the weighted components less the caveats' points, capped at BLOCKER_CEILING when blocked."""
    value = max(0.0, weighted - penalty)
    return round(min(value, BLOCKER_CEILING) if blocked else value, 1)


def ranked(candidate: CandidateFeatures, job: JobFeatures) -> tuple[float, float]:
    """(overall score, score without the blocker cap): the hot loop of a refresh."""
    weighted = _weighted(candidate, job)
    blocked, penalty = limits(candidate, job)
    unblocked = round(max(0.0, weighted - penalty), 1)
    return (min(unblocked, BLOCKER_CEILING) if blocked else unblocked), unblocked


def score(candidate: CandidateFeatures, job: JobFeatures) -> float:
    """The overall score alone."""
    return ranked(candidate, job)[0]


def reasoning(candidate: CandidateFeatures, job: JobFeatures) -> dict:
    """The reasoning object exactly as seed 004 documents it, plus the industry match %, `blockers` and `caveats`."""
    components = {
        "skills": skill_score(candidate, job),
        "title": title_score(candidate, job),
        "experience": experience_score(candidate, job),
        "work_type": work_type_score(candidate, job),
        "location": location_score(candidate, job),
        "salary": salary_score(candidate, job),
    }
    notes: list[tuple[str, str, str]] = []
    blocked, penalty = limits(candidate, job, notes)
    order = {code: position for position, code in enumerate(BLOCKER_ORDER)}
    blockers = sorted(((code, detail) for kind, code, detail in notes if kind == "blocker"), key=lambda pair: order[pair[0]])
    weighted = sum(WEIGHTS[name] * components[name] for name in WEIGHTS)
    return {
        "overall_score": limited(weighted, blocked=blocked, penalty=penalty),
        "skill_score": round(components["skills"], 1),
        "title_score": round(components["title"], 1),
        "experience_score": round(components["experience"], 1),
        "work_type_score": round(components["work_type"], 1),
        "location_score": round(components["location"], 1),
        "salary_score": round(components["salary"], 1),
        "matching_skills": [name for key, name in job.skills if key in candidate.skill_keys],
        "missing_skills": [name for key, name in job.skills if key not in candidate.skill_keys],
        "weights": dict(WEIGHTS),
        "industry_match_percent": industry_match(job.industries, candidate.industry_years),
        "blockers": [{"code": code, "detail": detail} for code, detail in blockers],
        "caveats": [{"code": code, "detail": detail} for kind, code, detail in notes if kind == "caveat"],
    }


def _sentence(text: str) -> str:
    return sentence_end(text[:1].upper() + text[1:])


def _listed(names: Sequence[str], shown: int) -> str:
    """Up to `shown` names, then how many more: the count in the sentence and the names agree."""
    text = ", ".join(names[:shown])
    return text + (f" and {len(names) - shown} more" if len(names) > shown else "")


def analysis(reasoning_: Mapping) -> str:
    """A short plain-language summary of a reasoning object; a blocker comes first ("Not for you: ...")."""
    total = reasoning_["overall_score"]
    blockers = reasoning_.get("blockers") or []
    parts = []
    if blockers:
        parts.append(sentence_end(f"Not for you: {blockers[0]['detail']}"))
        parts.extend(_sentence(f"also, {blocker['detail']}") for blocker in blockers[1:])
    verdict = (
        "a strong match" if total >= 80 else "a good match" if total >= 65 else "a partial match" if total >= 50 else "a weak match"
    )
    parts.append(f"This is {verdict} ({total:g}/100).")
    caveats = reasoning_.get("caveats") or []
    if caveats:
        parts.append(sentence_end("Keep in mind: " + "; ".join(caveat["detail"] for caveat in caveats)))
    have, missing = reasoning_["matching_skills"], reasoning_["missing_skills"]
    if have or missing:
        asked = len(have) + len(missing)
        sentence = f"You have {len(have)} of the {asked} skills it names"
        if have:
            sentence += f" ({_listed(have, 4)})"
        if missing:
            sentence += f"; missing {_listed(missing, 3)}"
        parts.append(sentence_end(sentence))
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
