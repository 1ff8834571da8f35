"""New jobs scored for everyone (issue 19): when a scrape adds jobs, every user with a profile
gets them scored, incrementally, without a refresh of their other matches.

`matches_fanout_request(job_ids=)` splits the users (active, with a profile, in primary-key order)
into ranges of MATCH_FANOUT_USERS_PER_TASK and the jobs into batches of MATCH_FANOUT_JOBS_PER_TASK,
and queues one `jobs.fanout_new_jobs` task per (range, batch), on commit: the chunks spread over
however many workers consume the queue. Each chunk (`matches_fanout_chunk`) runs three queries
and a write, whatever its size:

1. the candidates of its user range (user + profile + industry profile + blocklist + learned
   preferences, one query, the needed columns only), 2. the features of its jobs (`feature_rows`, one
   query), 3. scoring every pair with `jobs.matching.vectorized` (numpy, blocks of jobs as matrices;
   identical to `scoring.ranked`), 4. of the pairs at or above MATCH_STORE_MIN_SCORE, each user's best
   MATCH_FANOUT_MAX_NEW_PER_USER: their user, job, score and scoring version COPYed into a temporary
   table and inserted from it with `ON CONFLICT (user, job) DO NOTHING`.

A fan-out's match carries its score but no explanation (`reasoning` `{}`, `analysis` empty): whoever
shows it fills them in from the pure scorer (`selectors.match_explanations_fill`), which is what a
refresh stores, and the user's next refresh rescores and stores them as it does every match. Building
them here for every kept pair, and writing every pair that reaches the threshold, made a fan-out of
1,000 jobs × 100,000 users take 12 minutes on one worker (docs/performance.md, docs/scaling.md).

A chunk that runs twice writes nothing the second time; a match that exists already (the user
refreshed meanwhile, or hid the job) is left as it is. Blocked pairs are never written (a blocker
caps the score at 35, below the threshold); a user's next refresh may still store one, capped, as
it does for every job. A user's new matches give their open matches a new stamp
(`services.matches_changed_many`, one cache round trip per chunk), so their skill insights are recomputed.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from careerhub.tasks import enqueue_on_commit
from jobs.matching import vectorized
from jobs.matching.features import feature_rows, job_features_from_row
from jobs.matching.scoring import JobFeatures
from jobs.matching.selectors import Candidate, candidate_list, matched_user_list
from jobs.matching.services import matches_changed_many
from jobs.models import Job, Match, MatchStatus

FANOUT_TASK = "jobs.fanout_new_jobs"
# The columns a fan-out writes (the rest of a match keeps its defaults: no status change, no texts).
WRITTEN_COLUMNS = ("id", "user_id", "job_id", "score", "status", "reasoning", "analysis", "cover_letter", "cv_highlights",
                   "scoring_version", "feedback_reason", "created_at", "updated_at")


@dataclass(frozen=True)
class FanoutResult:
    users: int
    jobs: int
    pairs_reaching: int  # pairs at or above MATCH_STORE_MIN_SCORE
    matches_kept: int  # the best MATCH_FANOUT_MAX_NEW_PER_USER of each user among them: what is written
    seconds_reading: float
    seconds_scoring: float
    seconds_writing: float
    seconds_inserting: float  # of which PostgreSQL's INSERT ... SELECT ... ON CONFLICT alone

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def user_ranges(*, size: int) -> list[tuple[Any, Any]]:
    """(first, last) primary keys of consecutive runs of `size` users of `matched_user_list`.

    The keys stream from the database (a server-side cursor on PostgreSQL): only the boundaries are kept.
    """
    ranges: list[tuple[Any, Any]] = []
    first = last = None
    for position, pk in enumerate(matched_user_list().values_list("pk", flat=True).iterator(chunk_size=20_000)):
        if position % size == 0:
            if first is not None:
                ranges.append((first, last))
            first = pk
        last = pk
    if first is not None:
        ranges.append((first, last))
    return ranges


def fanout_job_ids(job_ids: Iterable[int]) -> list[int]:
    """The jobs among `job_ids` anyone can be matched with: scraped, not a duplicate listing, still open."""
    return list(_open_public_jobs().filter(pk__in=list(job_ids)).order_by("pk").values_list("pk", flat=True))


def _open_public_jobs() -> QuerySet[Job]:
    return Job.objects.filter(owner__isnull=True, duplicate_of__isnull=True, closed_at__isnull=True)


def id_runs(ids: list[int]) -> list[list[int]]:
    """Sorted ids as [first, last] runs of consecutive ids: a scrape's new jobs are a few runs, so a
    task's message stays small however many jobs it scores (1,000 ids in a list are ~85 kB in Redis)."""
    runs: list[list[int]] = []
    for job_id in ids:
        if runs and job_id == runs[-1][1] + 1:
            runs[-1][1] = job_id
        else:
            runs.append([job_id, job_id])
    return runs


def ids_of_runs(runs: Iterable[Iterable[int]]) -> list[int]:
    return [job_id for first, last in runs for job_id in range(first, last + 1)]


def matches_fanout_request(*, job_ids: Iterable[int]) -> int:
    """Queue the scoring of these new jobs for every user with a profile; how many chunks were queued."""
    ids = fanout_job_ids(job_ids)
    if not ids:
        return 0
    ranges = user_ranges(size=settings.MATCH_FANOUT_USERS_PER_TASK)
    per_task = settings.MATCH_FANOUT_JOBS_PER_TASK
    queued = 0
    for start in range(0, len(ids), per_task):
        runs = id_runs(ids[start : start + per_task])
        for first, last in ranges:
            enqueue_on_commit(FANOUT_TASK, job_id_runs=runs, first_user_id=str(first), last_user_id=str(last))
            queued += 1
    return queued


def matches_fanout_chunk(*, job_ids: Iterable[int], first_user_id: Any, last_user_id: Any) -> FanoutResult:
    """Score `job_ids` for the users in [first_user_id, last_user_id] and store the matches worth keeping."""
    # A chunk allocates millions of short-lived, acyclic objects (features, keys, rows): the cyclic collector
    # would walk them, and everything a worker keeps, again and again for nothing; reference counting frees them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _chunk(list(job_ids), first_user_id, last_user_id)
    finally:
        if collecting:
            gc.enable()


def _chunk(job_ids: list[int], first_user_id: Any, last_user_id: Any) -> FanoutResult:
    started = time.monotonic()
    candidates = candidate_list(first_user_id=first_user_id, last_user_id=last_user_id)
    # A job closed before its chunk ran is not scored (the same rule as the request's).
    rows = feature_rows(_open_public_jobs().filter(pk__in=job_ids).order_by("pk"))
    jobs = [job_features_from_row(row) for row in rows]
    read = time.monotonic()
    kept, reaching = None, 0
    if jobs:
        kept = vectorized.kept_scored([c.features for c in candidates], jobs, threshold=settings.MATCH_STORE_MIN_SCORE)
        reaching = len(kept)
        kept = kept.best_per_candidate(settings.MATCH_FANOUT_MAX_NEW_PER_USER)
    scored = time.monotonic()
    users_with_new, inserting = _write(candidates, jobs, kept) if kept else (set(), 0.0)
    matches_changed_many(user_ids=users_with_new)
    return FanoutResult(
        users=len(candidates),
        jobs=len(jobs),
        pairs_reaching=reaching,
        matches_kept=len(kept) if kept else 0,
        seconds_reading=read - started,
        seconds_scoring=scored - read,
        seconds_writing=time.monotonic() - scored,
        seconds_inserting=inserting,
    )


def _rows(candidates: list[Candidate], jobs: list[JobFeatures], kept: vectorized.Kept) -> Iterator[tuple[Any, int, float, int]]:
    """(user id, job id, score, scoring version) of each kept pair."""
    users = [(candidate.user_id, candidate.scoring_version) for candidate in candidates]
    job_ids = [job.id for job in jobs]
    for c, j, score in zip(kept.candidates.tolist(), kept.jobs.tolist(), kept.scores, strict=True):
        user_id, version = users[c]
        yield user_id, job_ids[j], score, version


def _write(candidates: list[Candidate], jobs: list[JobFeatures], kept: vectorized.Kept) -> tuple[set, float]:
    """The kept pairs' matches, COPYed into a temporary table and inserted from it with ON CONFLICT (user, job)
    DO NOTHING; the users who got one, and the seconds the INSERT took.

    Only the score is stored: `reasoning` is `{}` and `analysis` empty, and whoever shows a match fills
    them in from the pure scorer (selectors.match_explanations_fill), which is what a refresh would have
    stored. Building them here was ~190 µs per kept pair, 85 % of a fan-out.
    """
    if connection.vendor != "postgresql":
        return _write_rows(candidates, jobs, kept), 0.0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE fanout_match AS SELECT user_id, job_id, score, scoring_version FROM jobs_match WITH NO DATA"
        )
        with cursor.copy("COPY fanout_match (user_id, job_id, score, scoring_version) FROM STDIN") as copy:
            for row in _rows(candidates, jobs, kept):
                copy.write_row(row)
        # The match's own defaults, written once in SQL rather than per row in Python: a new uuid
        # (PostgreSQL 13+), status matched, no explanation or material yet.
        inserting = time.monotonic()
        cursor.execute(
            f"INSERT INTO jobs_match ({', '.join(WRITTEN_COLUMNS)}) "
            "SELECT gen_random_uuid(), user_id, job_id, score, %s, '{}'::jsonb, '', '', '[]'::jsonb, scoring_version, '', now(), now() "
            "FROM fanout_match ON CONFLICT (user_id, job_id) DO NOTHING",
            [MatchStatus.MATCHED.value],
        )
        inserting = time.monotonic() - inserting
        # Dropped here, not at commit: the chunk may run inside a caller's transaction (twice, even).
        cursor.execute("DROP TABLE fanout_match")
    return {candidates[c].user_id for c in set(kept.candidates.tolist())}, inserting


def _write_rows(candidates: list[Candidate], jobs: list[JobFeatures], kept: vectorized.Kept) -> set:
    """The same matches through the ORM (SQLite, the embedded default, has no COPY): INSERT ... ON CONFLICT DO NOTHING."""
    matches = [
        Match(user_id=user_id, job_id=job_id, score=score, scoring_version=version)
        for user_id, job_id, score, version in _rows(candidates, jobs, kept)
    ]
    with transaction.atomic():
        Match.objects.bulk_create(matches, ignore_conflicts=True, batch_size=500)
    return {match.user_id for match in matches}
