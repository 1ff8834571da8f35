"""Reads for matching: the candidate a user is scored as, and the user's matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from careerhub.cache import safe_get
from jobs import cache_keys
from jobs.matching import scoring
from jobs.matching.features import candidate_features_of
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


def candidate_list(*, first_user_id: Any, last_user_id: Any) -> list[Candidate]:
    """The candidates of `matched_user_list` with a primary key in [first, last], in one query."""
    users = matched_user_list().select_related(*_CANDIDATE_RELATED).filter(pk__gte=first_user_id, pk__lte=last_user_id)
    return [_candidate_of(user) for user in users]


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
        matches.defer("job__description", "job__raw_data", "job__dedupe_key", "job__skills", "job__industries")
        .annotate(profile_scoring_version=_profile_version())
        .order_by("-score", "-created_at", "id")
    )


def matches_stamp_get(*, user_id: Any) -> str | None:
    """A token that changes whenever the user's set of open matches changes (None: not known).

    Whoever caches something computed from the open matches stores the stamp beside it and
    recomputes when it differs (jobs.matching.services.matches_changed sets a new one).
    """
    return safe_get(cache_keys.matches_stamp_key(user_id))
