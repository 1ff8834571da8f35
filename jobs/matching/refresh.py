"""Recomputing one user's matches against every eligible job, in bulk.

Never a query or a write per job:

1. one query loads the candidate (user + profile + industry profile), one the user's existing
   matches (job id → status);
2. the eligible jobs (scraped ones and the user's own, no duplicate listings, no job the user
   rejected or hid) are read in primary-key batches of MATCH_REFRESH_BATCH_SIZE with
   `values_list` over the stored feature columns, and scored with `scoring.score`, the bare
   number: no reasoning is built for a job that is not kept;
3. kept are the jobs already matched (always rescored, so a score never goes stale) and the new
   ones scoring at least MATCH_STORE_MIN_SCORE that rank among the best MATCH_STORE_MAX_MATCHES;
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
from jobs.matching.features import FEATURE_COLUMNS, job_features_from_row
from jobs.matching.selectors import (
    NEVER_RESUGGESTED,
    Candidate,
    candidate_get,
    eligible_job_list,
)
from jobs.models import Match

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
    candidate: Candidate, *, existing: dict[int, str], skipped: set[int], progress: Progress
) -> tuple[list[tuple[float, scoring.JobFeatures]], int]:
    """Score every eligible job; return (score, features) of the ones worth keeping, and how many were scored."""
    jobs = eligible_job_list(user_id=candidate.user_id)
    total = jobs.count()
    batch_size = settings.MATCH_REFRESH_BATCH_SIZE
    threshold = settings.MATCH_STORE_MIN_SCORE
    score, features_of, person = scoring.score, job_features_from_row, candidate.features
    worth_keeping: list[tuple[float, scoring.JobFeatures]] = []
    read = scored = 0
    last_id = 0
    while True:
        rows = list(jobs.filter(pk__gt=last_id).order_by("pk").values_list(*FEATURE_COLUMNS)[:batch_size])
        if not rows:
            break
        last_id = rows[-1][0]
        for row in rows:
            job_id = row[0]
            if job_id in skipped:
                continue
            job = features_of(row)
            value = score(person, job)
            if value >= threshold or job_id in existing:
                worth_keeping.append((value, job))
        scored += sum(1 for row in rows if row[0] not in skipped)
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
    scored, processed = _score_all(candidate, existing=existing, skipped=skipped, progress=progress)
    kept = _choose(scored, existing=existing)

    person, version = candidate.features, candidate.scoring_version
    created = sum(1 for job in kept if job.id not in existing)
    batch_size = settings.MATCH_REFRESH_BATCH_SIZE
    written = 0
    with transaction.atomic():
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
