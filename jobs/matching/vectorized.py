"""The score of many candidates against many jobs at once, identical to `scoring.ranked` (numpy).

A fan-out (jobs.matching.fanout) scores every user against every new job: 100,000 users × 1,000
jobs is 10⁸ pairs, far too many for the pure function's ~6 µs each. But every component and every
limit of the score reads only a few features of each side (`title_score` the candidate's roles,
families, specialisms and learned role dislikes; `seniority_limits` their level, target levels and
learned seniority flags; ...), and among thousands of candidates and jobs those few features take
few distinct values. So each part is computed **by the pure function itself**, once per distinct
(candidate key, job key) pair, on a candidate and a job that have those keys, into a table. A block
of jobs is then scored for every candidate as matrices: each part is one gather of its table (rows
by candidate key, columns by job key); the skills component, which reads each candidate's whole
skill set, is a count of shared skills, one matrix product of a candidate × skill and a skill × job
0/1 matrix.

The parts are then combined in numpy in the same order, with the same float64 operations, as
`scoring._weighted` and `scoring.limits` combine them, so the unrounded score is the same double,
and rounded as Python's `round` does. Candidates with a blocklist (rare) are scored by the pure
function. `kept_scored` returns the pairs whose score reaches a threshold with their scores
(jobs/tests/test_matching_fanout.py proves them equal to the pure function's on every pair).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from jobs.matching import scoring
from jobs.matching.scoring import CandidateFeatures, JobFeatures

# Rounding to one decimal moves a score by at most 0.05: a pair below threshold − MARGIN cannot be kept.
MARGIN = 0.051


def _skills_key(c: CandidateFeatures) -> Hashable:
    return c.families


# Each part: (pure function, the candidate features it reads, the job features it reads).
COMPONENTS: list[tuple[str, Callable, Callable[[CandidateFeatures], Hashable], Callable[[JobFeatures], Hashable]]] = [
    ("title", scoring.title_score,
     lambda c: (c.roles, c.families, c.specialisms, c.learned.avoid_roles),
     lambda j: (j.title, j.family, j.specialism)),
    ("experience", scoring.experience_score, lambda c: c.experience_years, lambda j: j.required_years),
    ("work_type", scoring.work_type_score,
     lambda c: (c.work_modes, c.learned.avoid_modes, c.employment_types),
     lambda j: (j.remote_type, j.employment_types)),
    ("location", scoring.location_score,
     lambda c: (c.eligible, c.needs_visa, c.learned.avoid_countries),
     lambda j: (j.worldwide, j.countries, j.sponsorship)),
    ("salary", scoring.salary_score,
     lambda c: (c.min_salary, c.learned.salary_floor, c.salary_currency),
     lambda j: (j.salary_top, j.salary_currency)),
]
LIMITS: list[tuple[Callable, Callable[[CandidateFeatures], Hashable], Callable[[JobFeatures], Hashable]]] = [
    (scoring.places_limits,
     lambda c: (c.eligible, c.needs_visa, c.eligible_names, c.citizenships, c.clearances),
     lambda j: (j.worldwide, j.countries, j.places, j.sponsorship, j.authorization)),
    (scoring.family_limits, lambda c: (c.families,), lambda j: j.family),
    (scoring.type_limits,
     lambda c: (c.employment_types, c.open_to_other_types),
     lambda j: j.employment_types),
    (scoring.seniority_limits,
     lambda c: (c.level, c.target_levels, c.learned.seniority_below, c.learned.seniority_above),
     lambda j: j.level),
    (scoring.salary_limits,
     lambda c: (c.min_salary, c.salary_currency),
     lambda j: (j.salary_top, j.salary_currency)),
]
SETTING_KEYS = (
    lambda c: (c.work_modes, c.home_city, c.home_country, c.home_state, c.preferred, c.eligible, c.needs_visa),
    lambda j: (j.remote_type, j.cities, j.countries, j.places, j.states, j.worldwide, j.travel),
)


class _Keyed:
    """Distinct keys of a list of objects: an index per object, and each key with one representative."""

    def __init__(self, items: Sequence[Any], key: Callable[[Any], Hashable]) -> None:
        positions: dict[Hashable, int] = {}
        self.keys: list[Hashable] = []
        self.representatives: list[Any] = []
        index = np.empty(len(items), dtype=np.int32)
        for n, item in enumerate(items):
            k = key(item)
            position = positions.get(k)
            if position is None:
                position = positions[k] = len(self.representatives)
                self.keys.append(k)
                self.representatives.append(item)
            index[n] = position
        self.index = index


# Rows of the part tables, kept by a worker process between chunks: a fan-out's chunks score the same
# jobs for other users, and users of different chunks share most keys (the title table, the costliest:
# ~1,300 user keys in each chunk of 5,000 users, 4,652 in all 100,000 of bench/fanout.py's). For each
# function only the rows for one list of job keys are kept (the latest fan-out's), at most MEMO_VALUES
# float64 values (16 MB; ~8 MB in all for that fan-out); a value is the pure function's, so a kept row is exact.
MEMO_VALUES = 2_000_000
_memo: dict[Callable, tuple[tuple[Hashable, ...], dict[Hashable, np.ndarray]]] = {}


def _memo_rows(function: Callable, job_keys: tuple[Hashable, ...], row_values: int) -> dict[Hashable, np.ndarray]:
    kept_keys, rows = _memo.get(function, ((), {}))
    if kept_keys != job_keys or (len(rows) + 1) * row_values > MEMO_VALUES:
        rows = {}
        _memo[function] = (job_keys, rows)
    return rows


def _table(function: Callable, candidates: _Keyed, jobs: _Keyed, *, width: int = 1) -> np.ndarray:
    """function(candidate, job) for every pair of representatives: shape (candidate keys, job keys[, width])."""
    row_shape = (len(jobs.representatives),) + ((width,) if width > 1 else ())
    table = np.empty((len(candidates.representatives), *row_shape), dtype=np.float64)
    rows = _memo_rows(function, tuple(jobs.keys), table[0].size if len(table) else 0)
    for ci, (key, candidate) in enumerate(zip(candidates.keys, candidates.representatives, strict=True)):
        row = rows.get(key)
        if row is None:
            row = np.empty(row_shape, dtype=np.float64)
            for ji, job in enumerate(jobs.representatives):
                row[ji] = function(candidate, job)
            rows[key] = row
        table[ci] = row
    return table


def _other_family(candidate: CandidateFeatures, job: JobFeatures) -> bool:
    return scoring.family_fit(candidate.families, job.family) == scoring.OTHER


class BatchScorer:
    """Candidates (without a blocklist) scored against a list of jobs, a block of jobs at a time, as matrices.

    Each part of a block is one 2-D gather of its table (candidate keys down, job keys across); the
    shared-skill counts of every pair are one matrix product, (candidates × skills) @ (skills × jobs),
    exact because 0/1 counts below 2⁵³ are exact in float64.
    """

    def __init__(self, candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures]) -> None:
        self.candidates = candidates
        self.jobs = jobs
        self.components: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for _, function, candidate_key, job_key in COMPONENTS:
            by_candidate, by_job = _Keyed(candidates, candidate_key), _Keyed(jobs, job_key)
            self.components.append((_table(function, by_candidate, by_job), by_candidate.index, by_job.index))
        self.limits: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for function, candidate_key, job_key in LIMITS:
            by_candidate, by_job = _Keyed(candidates, candidate_key), _Keyed(jobs, job_key)
            self.limits.append((_table(function, by_candidate, by_job, width=2), by_candidate.index, by_job.index))
        by_candidate, by_job = _Keyed(candidates, SETTING_KEYS[0]), _Keyed(jobs, SETTING_KEYS[1])
        self.setting = (_table(scoring.setting_limits, by_candidate, by_job), by_candidate.index, by_job.index)
        # Skills: 0/1 matrices of each candidate's and each job's skills among the jobs' skills, and the family fit.
        vocabulary = {key: n for n, key in enumerate(sorted({key for job in jobs for key in job.skill_keys}))}
        self.has_skill = np.zeros((len(candidates), max(1, len(vocabulary))), dtype=np.float64)
        for row, candidate in enumerate(candidates):
            for key in candidate.skill_keys:
                column = vocabulary.get(key)
                if column is not None:
                    self.has_skill[row, column] = 1.0
        self.asks_skill = np.zeros((max(1, len(vocabulary)), len(jobs)), dtype=np.float64)
        for column, job in enumerate(jobs):
            for key in job.skill_keys:
                self.asks_skill[vocabulary[key], column] = 1.0
        # scoring._skill_fit divides by min(asked, SKILL_DENOMINATOR_CAP); a job asking nothing scores 50 (never divided).
        self.no_skills = np.array([not job.skill_keys for job in jobs], dtype=bool)
        self.denominators = np.array(
            [float(min(len(job.skill_keys), scoring.SKILL_DENOMINATOR_CAP) or 1) for job in jobs], dtype=np.float64
        )
        by_candidate, by_job = _Keyed(candidates, _skills_key), _Keyed(jobs, lambda j: j.family)
        other = _table(_other_family, by_candidate, by_job)
        self.other_family = (other.astype(bool), by_candidate.index, by_job.index)

    @staticmethod
    def _gather(part: tuple[np.ndarray, np.ndarray, np.ndarray], block: slice) -> np.ndarray:
        table, candidate_index, job_index = part
        # The block's columns first (a small table), then whole rows of it: far cheaper than one 2-D fancy index.
        return np.take(table[:, job_index[block]], candidate_index, axis=0)

    def _skills(self, block: slice) -> np.ndarray:
        shared = self.has_skill @ self.asks_skill[:, block]
        values = np.minimum(100.0, 100.0 * shared / self.denominators[None, block])
        values = np.where(self._gather(self.other_family, block), 0.0, values)
        return np.where(self.no_skills[None, block], 50.0, values)

    def block(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """(blocked, max(0, weighted − penalty)) of every candidate (rows) for jobs start..stop (columns): the
        score before rounding and the cap, with the same float64 operations in the same order as
        `scoring._weighted` and `scoring.limits`, so each value is the pure function's double."""
        block = slice(start, stop)
        # 0.35 × skills + 0.20 × title + ... summed left to right, in place (the same operations, fewer temporaries).
        weighted = self._skills(block)
        weighted *= scoring.WEIGHTS["skills"]
        for (name, *_), part in zip(COMPONENTS, self.components, strict=True):
            values = self._gather(part, block)
            values *= scoring.WEIGHTS[name]
            weighted += values
        shape = (len(self.candidates), stop - start)
        blockers = np.zeros(shape, dtype=np.float64)
        place = self._gather(self.limits[0], block)
        blockers += place[..., 0]
        kind_penalty = np.zeros(shape, dtype=np.float64)
        for part in self.limits[1:]:
            found = self._gather(part, block)
            blockers += found[..., 0]
            kind_penalty += found[..., 1]
        penalty = place[..., 1] + kind_penalty + self._gather(self.setting, block)
        return blockers > 0, np.maximum(0.0, weighted - penalty)

    def unrounded(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """`block` for job `n` alone, as vectors over the candidates."""
        blocked, raw = self.block(n, n + 1)
        return blocked[:, 0], raw[:, 0]


# Jobs per block: 5,000 candidates × 128 jobs keeps each of the block's ~15 float64 matrices near 5 MB.
JOB_BLOCK = 128


@dataclass(frozen=True)
class Kept:
    """The pairs that reach a threshold: candidate index, job index and stored score (`scoring.ranked`'s first value)."""

    candidates: np.ndarray
    jobs: np.ndarray
    scores: list[float]

    def __len__(self) -> int:
        return len(self.scores)

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.candidates.tolist(), self.jobs.tolist(), strict=True))

    def best_per_candidate(self, limit: int) -> Kept:
        """At most `limit` pairs of each candidate: their best scores, the earlier job first among equal ones."""
        scores = np.array(self.scores, dtype=np.float64)
        order = np.lexsort((self.jobs, -scores, self.candidates))
        candidates = self.candidates[order]
        # Each pair's rank among its candidate's pairs: its position less the position of the candidate's first.
        starts = np.flatnonzero(np.r_[True, candidates[1:] != candidates[:-1]])
        ranks = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        chosen = order[ranks < limit]
        return Kept(candidates=self.candidates[chosen], jobs=self.jobs[chosen], scores=[self.scores[n] for n in chosen.tolist()])


def _round_1(values: np.ndarray) -> np.ndarray:
    """round(value, 1) of each value, exactly as Python rounds (the pure function's rounding).

    Python rounds the double's exact decimal value; numpy rounds value × 10, itself rounded. The two
    differ only when value × 10 lies within its rounding error of a half (x.x5): those few take Python's
    round, the rest numpy's, whose quotient by 10 is then the same nearest double.
    """
    tenfold = values * 10.0
    rounded = np.rint(tenfold) / 10.0
    near_half = np.flatnonzero(np.abs(tenfold - np.floor(tenfold) - 0.5) < 1e-6)
    rounded[near_half] = [round(value, 1) for value in values[near_half].tolist()]
    return rounded


def kept_scored(candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures], *, threshold: float) -> Kept:
    """Every (candidate, job) whose score is at least `threshold`, with that score.

    A blocked pair is capped at BLOCKER_CEILING, so with a threshold above it only unblocked pairs
    count; candidates with a blocklist (rare) are scored by the pure function.
    """
    plain = [n for n, c in enumerate(candidates) if not (c.blocked_companies or c.blocked_keywords)]
    found_candidates: list[np.ndarray] = []
    found_jobs: list[np.ndarray] = []
    found_raw: list[np.ndarray] = []
    if threshold > scoring.BLOCKER_CEILING and plain:
        scorer = BatchScorer([candidates[n] for n in plain], jobs)
        plain_index = np.array(plain, dtype=np.int64)
        for start in range(0, len(jobs), JOB_BLOCK):
            blocked, raw = scorer.block(start, min(start + JOB_BLOCK, len(jobs)))
            rows, columns = np.nonzero(~blocked & (raw >= threshold - MARGIN))
            found_candidates.append(plain_index[rows])
            found_jobs.append(columns + start)
            found_raw.append(raw[rows, columns])
        rest = [n for n, c in enumerate(candidates) if c.blocked_companies or c.blocked_keywords]
    else:
        rest = list(range(len(candidates)))
    candidate_index = np.concatenate(found_candidates) if found_candidates else np.empty(0, dtype=np.int64)
    job_index = np.concatenate(found_jobs) if found_jobs else np.empty(0, dtype=np.int64)
    rounded = _round_1(np.concatenate(found_raw) if found_raw else np.empty(0, dtype=np.float64))
    keep = rounded >= threshold
    candidate_index, job_index = candidate_index[keep], job_index[keep]
    scores = rounded[keep].tolist()
    extra_candidates, extra_jobs = [], []
    for n in rest:
        for j, job in enumerate(jobs):
            value = scoring.ranked(candidates[n], job)[0]
            if value >= threshold:
                extra_candidates.append(n)
                extra_jobs.append(j)
                scores.append(value)
    return Kept(
        candidates=np.concatenate([candidate_index, np.array(extra_candidates, dtype=np.int64)]),
        jobs=np.concatenate([job_index, np.array(extra_jobs, dtype=np.int64)]),
        scores=scores,
    )


def kept(candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures], *, threshold: float) -> list[tuple[int, int]]:
    """(candidate index, job index) of every pair whose score (`scoring.ranked`'s first value) is at least `threshold`."""
    return kept_scored(candidates, jobs, threshold=threshold).pairs()
