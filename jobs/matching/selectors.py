"""Reads for matching: the candidate a user is scored as, and the user's matches."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast

from accounts.models import User
from careerhub.cache import safe_get
from jobs import cache_keys
from jobs.matching import scoring
from jobs.matching.features import candidate_features_of, job_features_of
from jobs.models import Job, Match, MatchStatus
from profiles.models import Profile

# Never shown unless asked for by status, and never rescored by a refresh.
NEVER_RESUGGESTED = frozenset({MatchStatus.REJECTED, MatchStatus.HIDDEN})


@dataclass(frozen=True)
class Candidate:
    """A user as the scoring function sees them, and the profile version that describes."""

    user_id: Any
    features: scoring.CandidateFeatures
    scoring_version: int


_CANDIDATE_RELATED = ("profile", "industry_profile", "match_blocklist", "learned_match_preferences")


def _candidate_of(user: Any) -> Candidate:
    profile = getattr(user, "profile", None)
    industry = getattr(user, "industry_profile", None)
    learned = getattr(user, "learned_match_preferences", None)
    return Candidate(
        user_id=user.pk,
        features=candidate_features_of(
            profile=profile,
            industry_years=industry.industry_years_json if industry else None,
            blocklist=getattr(user, "match_blocklist", None),
            learned=learned.values if learned is not None else None,
        ),
        scoring_version=profile.scoring_version if profile is not None else 0,
    )


def candidate_get(*, user_id: Any) -> Candidate | None:
    """The user's candidate features in one query (user + profile + industry profile + match blocklist +
    learned preferences); None if no such user."""
    user = get_user_model().objects.select_related(*_CANDIDATE_RELATED).filter(pk=user_id).first()
    return _candidate_of(user) if user is not None else None


def matched_user_list() -> QuerySet:
    """Everyone whose matches are kept up to date: active users with a profile, in primary-key order."""
    return get_user_model().objects.filter(is_active=True, profile__isnull=False).order_by("pk")


# What candidate_features_of reads of a profile: candidate_list reads these columns alone, not whole rows
# (building 5,000 users and profiles as model instances, every column decoded, was half of reading them).
_PROFILE_COLUMNS = (
    "skills", "skill_tags", "target_roles", "current_role", "experience_years", "seniority", "work_modes", "employment_types",
    "open_to_other_job_types", "salary_min", "salary_currency", "eligible_regions", "preferred_countries",
    "needs_visa_sponsorship", "citizenships", "security_clearances", "location_country", "location_city", "location_region",
    "scoring_version",
)
_JSON_PROFILE_COLUMNS = frozenset({
    "skills", "skill_tags", "target_roles", "work_modes", "employment_types", "eligible_regions", "preferred_countries",
    "citizenships", "security_clearances",
})
# Related rows' JSON, as text: absent (no such row) reads as None, as it does through the models.
_RELATED_JSON = {
    "industry_years": "industry_profile__industry_years_json",
    "blocked_companies": "match_blocklist__companies",
    "blocked_keywords": "match_blocklist__keywords",
    "learned": "learned_match_preferences__values",
}


@lru_cache(maxsize=16_384)
def _json(text: str | None) -> Any:
    # Users share most of these values (work modes, regions, role lists): each distinct text is decoded once.
    # The values are only read, never changed, so sharing one decoded object is safe.
    return json.loads(text) if text is not None else None


def _columns(names: Iterable[str], prefix: str) -> dict[str, Any]:
    return {f"c_{name}": Cast(f"{prefix}{name}", TextField()) for name in names}


def candidate_list(*, first_user_id: Any, last_user_id: Any) -> list[Candidate]:
    """The candidates of `matched_user_list` with a primary key in [first, last], in one query.

    The same features as `candidate_get`'s (jobs/tests/test_matching_fanout.py compares them), read as
    the columns the features need, JSON as text decoded once per distinct value.
    """
    annotations = {
        **_columns(_JSON_PROFILE_COLUMNS, "profile__"),
        **{f"c_{name}": Cast(path, TextField()) for name, path in _RELATED_JSON.items()},
        # The parsed CV is read for its years alone.
        "c_parsed_years": KeyTransform("years_of_experience", "profile__parsed_cv"),
    }
    plain = [name for name in _PROFILE_COLUMNS if name not in _JSON_PROFILE_COLUMNS]
    rows = (
        matched_user_list()
        .filter(pk__gte=first_user_id, pk__lte=last_user_id)
        .annotate(**annotations)
        .values_list("pk", *(f"profile__{name}" for name in plain), *annotations)
    )
    names = ["pk", *plain, *(name[2:] for name in annotations)]
    candidates = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        for name in (*_JSON_PROFILE_COLUMNS, *_RELATED_JSON):
            values[name] = _json(values[name])
        years = values.pop("parsed_years")
        profile = SimpleNamespace(**values, parsed_cv={"years_of_experience": years} if years is not None else None)
        blocked = SimpleNamespace(companies=values["blocked_companies"], keywords=values["blocked_keywords"])
        candidates.append(Candidate(
            user_id=values["pk"],
            features=candidate_features_of(
                profile=profile, industry_years=values["industry_years"], blocklist=blocked, learned=values["learned"]
            ),
            scoring_version=values["scoring_version"],
        ))
    return candidates


def eligible_job_list(*, user_id: Any) -> QuerySet[Job]:
    """The jobs a user can be matched with: scraped ones and their own, never a duplicate listing."""
    return Job.objects.filter(Q(owner__isnull=True) | Q(owner_id=user_id), duplicate_of__isnull=True)


def _profile_version() -> Subquery:
    return Subquery(
        Profile.objects.filter(user_id=OuterRef("user_id")).values("scoring_version")[:1], output_field=IntegerField()
    )


def match_owned_list(*, user: User) -> QuerySet[Match]:
    """Every match of the user with its job, whatever its status or score: the scope every lookup
    of one match starts from (someone else's is simply not found)."""
    return Match.objects.select_related("job").filter(user=user)


def match_list(
    *, user: User, min_score: float = 50.0, status: str | None = None, include_blocked: bool = False
) -> QuerySet[Match]:
    """Seed 004 `GET /matches`: best first. Without a status filter, rejected and hidden matches
    and matches on closed postings are left out; each row carries the profile's current scoring
    version (for `stale`).

    A blocked match is capped below the default `min_score` (scoring.BLOCKER_CEILING), so it stays
    out unless `include_blocked` asks for the matches with a blocker whatever their score.
    """
    shown = Q(score__gte=min_score)
    if include_blocked:
        shown |= Q(reasoning__blockers__0__isnull=False)
    matches = match_owned_list(user=user).filter(shown)
    if status:
        matches = matches.filter(status=status)
    else:
        matches = matches.exclude(status__in=NEVER_RESUGGESTED).filter(job__closed_at__isnull=True)
    return (
        # The job's feature columns stay: match_explanations_fill scores a fan-out's matches from them.
        matches.defer("job__description", "job__raw_data", "job__dedupe_key")
        .annotate(profile_scoring_version=_profile_version())
        .order_by("-score", "-created_at", "id")
    )


def match_explanations_fill(matches: Iterable[Match]) -> None:
    """Fill in the reasoning and analysis of the matches stored without them, in place.

    A fan-out (jobs.matching.fanout) stores a match's score alone; its explanation is the pure
    scorer's for the user and the job, computed here when the match is shown, the same
    `scoring.reasoning` a refresh would have stored. One query per user among the matches (a page
    of one user's matches: one), none per match: each match's job must be loaded with its feature
    columns (match_list and match_owned_list load them). Matches that have their explanation cost
    nothing. When the profile changed since the fan-out, the explanation is for the current profile
    and the match says `stale` until the next refresh rescores it.
    """
    missing = [match for match in matches if not match.reasoning and match.score is not None]
    candidates: dict[Any, Candidate | None] = {}
    for match in missing:
        if match.user_id not in candidates:
            candidates[match.user_id] = candidate_get(user_id=match.user_id)
        candidate = candidates[match.user_id]
        if candidate is not None:
            why = scoring.reasoning(candidate.features, job_features_of(match.job))
            match.reasoning, match.analysis = why, scoring.analysis(why)


def matches_stamp_get(*, user_id: Any) -> str | None:
    """A token that changes whenever the user's set of open matches changes (None: not known).

    Whoever caches something computed from the open matches stores the stamp beside it and
    recomputes when it differs (jobs.matching.services.matches_changed sets a new one).
    """
    return safe_get(cache_keys.matches_stamp_key(user_id))
