"""Recomputing one user's matches against every eligible job, in bulk.

Never a query or a write per job:

1. one query loads the candidate (user + profile + industry profile), one the user's existing
   matches (job id → status);
2. the eligible jobs (scraped ones and the user's own, no duplicate listings, no job the user
   rejected or hid) are read in primary-key batches of MATCH_REFRESH_BATCH_SIZE with
   `values_list` over the stored feature columns, and scored with `scoring.ranked`, the bare
   numbers: no reasoning is built for a job that is not kept. A job from a company or with a
   title keyword on the user's blocklist is never scored, and the user's open matches for such
   jobs (matched, interested) are deleted;
3. kept are the jobs already matched (always rescored, so a score never goes stale) and the new
   ones whose score before the blocker cap is at least MATCH_STORE_MIN_SCORE that rank, by their
   score, among the best MATCH_STORE_MAX_MATCHES: a blocked job that would otherwise have been a
   good match is stored at its capped score (below every unblocked match), so the user can be
   shown what was held back and why;
4. only for those the reasoning and the analysis are built, and they are written in batches
   with one `INSERT ... ON CONFLICT (user, job) DO UPDATE` each, inside one transaction. The
   upsert never touches `status`, `applied_at`, the generated texts or `created_at`.

Every stored match records the profile's `scoring_version` it was computed against.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from jobs.matching import scoring
from jobs.matching.features import feature_rows, job_features_from_row
from jobs.matching.selectors import (
    NEVER_RESUGGESTED,
    Candidate,
    candidate_get,
    eligible_job_list,
)
from jobs.models import Match, MatchStatus

# Matches of a blocklisted job that a refresh deletes (applied, rejected and hidden ones stay).
BLOCKLIST_REMOVES = (MatchStatus.MATCHED, MatchStatus.INTERESTED)
# The columns an upsert rewrites on an existing match.
RESCORED_FIELDS = ["score", "reasoning", "analysis", "scoring_version", "updated_at"]

# Progress callback: (percentage 0–100, message).
Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class RefreshResult:
    matches_created: int
    matches_updated: int
    total_jobs_processed: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _noop(percentage: int, message: str) -> None:
    return None


def _score_all(
    candidate: Candidate, *, existing: dict[int, str], skipped: set[int], blocklisted: set[int], progress: Progress
) -> tuple[list[tuple[float, scoring.JobFeatures]], int]:
    """Score every eligible job; return (score, features) of the ones worth keeping, and how many were scored.

    Jobs on the user's blocklist are not scored; the ids of those among `existing` go into `blocklisted`.
    """
    jobs = eligible_job_list(user_id=candidate.user_id)
    total = jobs.count()
    batch_size = settings.MATCH_REFRESH_BATCH_SIZE
    threshold = settings.MATCH_STORE_MIN_SCORE
    ranked, features_of, person = scoring.ranked, job_features_from_row, candidate.features
    has_blocklist = bool(person.blocked_companies or person.blocked_keywords)
    worth_keeping: list[tuple[float, scoring.JobFeatures]] = []
    read = scored = 0
    last_id = 0
    while True:
        rows = list(feature_rows(jobs.filter(pk__gt=last_id).order_by("pk"))[:batch_size])
        if not rows:
            break
        last_id = rows[-1][0]
        for row in rows:
            job_id = row[0]
            if job_id in skipped:
                continue
            job = features_of(row)
            if has_blocklist and scoring.blocklisted(person, job):
                if job_id in existing:
                    blocklisted.add(job_id)
                continue
            value, unblocked = ranked(person, job)
            scored += 1
            if unblocked >= threshold or job_id in existing:
                worth_keeping.append((value, job))
        read += len(rows)
        progress(60 * read // max(total, read), f"Scored {read} of {total} jobs...")
    return worth_keeping, scored


def _choose(scored: list[tuple[float, scoring.JobFeatures]], *, existing: dict[int, str]) -> list[scoring.JobFeatures]:
    """Every already-matched job, plus the new ones that rank among the best MATCH_STORE_MAX_MATCHES
    of all (ties broken by job id): a second run over unchanged jobs adds nothing."""
    best = heapq.nsmallest(settings.MATCH_STORE_MAX_MATCHES, scored, key=lambda pair: (-pair[0], pair[1].id))
    return [job for _, job in scored if job.id in existing] + [job for _, job in best if job.id not in existing]


def matches_refresh(*, user_id: Any, progress: Progress = _noop) -> RefreshResult | None:
    """Recompute and store the user's matches. None when the user does not exist (any more)."""
    candidate = candidate_get(user_id=user_id)
    if candidate is None:
        return None
    existing: dict[int, str] = dict(Match.objects.filter(user_id=user_id).values_list("job_id", "status"))
    skipped = {job_id for job_id, status in existing.items() if status in NEVER_RESUGGESTED}
    progress(0, "Calculating matches against all jobs...")
    blocklisted: set[int] = set()
    scored, processed = _score_all(candidate, existing=existing, skipped=skipped, blocklisted=blocklisted, progress=progress)
    for job_id in blocklisted:
        existing.pop(job_id)
    kept = _choose(scored, existing=existing)

    person, version = candidate.features, candidate.scoring_version
    created = sum(1 for job in kept if job.id not in existing)
    batch_size = settings.MATCH_REFRESH_BATCH_SIZE
    written = 0
    with transaction.atomic():
        if blocklisted:
            # A blocked company's or keyword's open matches disappear; applied ones stay the user's record.
            Match.objects.filter(user_id=user_id, job_id__in=blocklisted, status__in=BLOCKLIST_REMOVES).delete()
        for start in range(0, len(kept), batch_size):
            rows = []
            for job in kept[start : start + batch_size]:
                why = scoring.reasoning(person, job)
                rows.append(
                    Match(
                        user_id=candidate.user_id,
                        job_id=job.id,
                        score=why["overall_score"],
                        reasoning=why,
                        analysis=scoring.analysis(why),
                        scoring_version=version,
                    )
                )
            Match.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["user", "job"], update_fields=RESCORED_FIELDS
            )
            written += len(rows)
            progress(60 + 40 * written // max(len(kept), 1), f"Saved {written} of {len(kept)} matches...")
    return RefreshResult(matches_created=created, matches_updated=len(kept) - created, total_jobs_processed=processed)
