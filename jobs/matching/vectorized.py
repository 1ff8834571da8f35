"""The score of many candidates against one job at once, identical to `scoring.ranked` (numpy).

A fan-out (jobs.matching.fanout) scores every user against every new job: 100,000 users × 1,000
jobs is 10⁸ pairs, far too many for the pure function's ~6 µs each. But every component and every
limit of the score reads only a few features of each side (`title_score` the candidate's roles,
families, specialisms and learned role dislikes; `seniority_limits` their level, target levels and
learned seniority flags; ...), and among thousands of candidates and jobs those few features take
few distinct values. So each part is computed **by the pure function itself**, once per distinct
(candidate key, job key) pair, on a candidate and a job that have those keys, into a table; a
job's column of the table, indexed by each candidate's key, gives every candidate's value at
once. The skills component, which reads each candidate's whole skill set, is a count of shared
skills from a candidate × skill 0/1 matrix.

The parts are then combined in numpy in the same order, with the same float64 operations, as
`scoring._weighted` and `scoring.limits` combine them, so the unrounded score is the same double.
Candidates with a blocklist (rare) are scored by the pure function. `kept` returns the pairs whose
score reaches a threshold; the caller builds their reasoning with the pure function, which
yields the stored score (jobs/tests/test_matching_fanout.py proves both agree on every pair).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
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
    lambda c: (c.work_modes, c.home_city, c.home_country, c.preferred, c.eligible, c.needs_visa),
    lambda j: (j.remote_type, j.cities, j.countries, j.places, j.worldwide, j.travel),
)


class _Keyed:
    """Distinct keys of a list of objects: an index per object and one representative per key."""

    def __init__(self, items: Sequence[Any], key: Callable[[Any], Hashable]) -> None:
        positions: dict[Hashable, int] = {}
        self.representatives: list[Any] = []
        index = np.empty(len(items), dtype=np.int32)
        for n, item in enumerate(items):
            k = key(item)
            position = positions.get(k)
            if position is None:
                position = positions[k] = len(self.representatives)
                self.representatives.append(item)
            index[n] = position
        self.index = index


def _table(function: Callable, candidates: _Keyed, jobs: _Keyed, *, width: int = 1) -> np.ndarray:
    """function(candidate, job) for every pair of representatives: shape (candidate keys, job keys[, width])."""
    shape = (len(candidates.representatives), len(jobs.representatives)) + ((width,) if width > 1 else ())
    table = np.empty(shape, dtype=np.float64)
    for ci, candidate in enumerate(candidates.representatives):
        for ji, job in enumerate(jobs.representatives):
            table[ci, ji] = function(candidate, job)
    return table


class BatchScorer:
    """Candidates (without a blocklist) scored against a list of jobs, one job at a time."""

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
        # Skills: a 0/1 matrix of each candidate's skills among the jobs' skills, and the family fit.
        vocabulary = {key: n for n, key in enumerate(sorted({key for job in jobs for key in job.skill_keys}))}
        self.has_skill = np.zeros((len(candidates), max(1, len(vocabulary))), dtype=np.float64)
        for row, candidate in enumerate(candidates):
            for key in candidate.skill_keys:
                column = vocabulary.get(key)
                if column is not None:
                    self.has_skill[row, column] = 1.0
        self.job_skill_columns = [np.array([vocabulary[key] for key in job.skill_keys], dtype=np.int64) for job in jobs]
        by_candidate, by_job = _Keyed(candidates, _skills_key), _Keyed(jobs, lambda j: j.family)
        other = _table(lambda c, j: scoring.family_fit(c.families, j.family) == scoring.OTHER, by_candidate, by_job)
        self.other_family = (other.astype(bool), by_candidate.index, by_job.index)

    def _skills(self, n: int) -> np.ndarray:
        job = self.jobs[n]
        if not job.skill_keys:
            return np.full(len(self.candidates), 50.0)
        shared = self.has_skill[:, self.job_skill_columns[n]].sum(axis=1)
        values = np.minimum(100.0, 100.0 * shared / min(len(job.skill_keys), scoring.SKILL_DENOMINATOR_CAP))
        table, candidate_index, job_index = self.other_family
        return np.where(table[candidate_index, job_index[n]], 0.0, values)

    def unrounded(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(blocked, max(0, weighted − penalty)) of every candidate for job `n`: the score before rounding and the cap."""
        parts = [table[candidate_index, job_index[n]] for table, candidate_index, job_index in self.components]
        title, experience, work_type, location, salary = parts
        weighted = (
            0.35 * self._skills(n) + 0.20 * title + 0.15 * experience + 0.10 * work_type + 0.10 * location + 0.10 * salary
        )
        blockers = np.zeros(len(self.candidates), dtype=np.float64)
        place_table, candidate_index, job_index = self.limits[0]
        place = place_table[candidate_index, job_index[n]]
        blockers += place[:, 0]
        kind_penalty = np.zeros(len(self.candidates), dtype=np.float64)
        for table, candidate_index, job_index in self.limits[1:]:
            found = table[candidate_index, job_index[n]]
            blockers += found[:, 0]
            kind_penalty += found[:, 1]
        table, candidate_index, job_index = self.setting
        penalty = place[:, 1] + kind_penalty + table[candidate_index, job_index[n]]
        return blockers > 0, np.maximum(0.0, weighted - penalty)


def kept(candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures], *, threshold: float) -> list[tuple[int, int]]:
    """(candidate index, job index) of every pair whose score (`scoring.ranked`'s first value) is at least `threshold`.

    A blocked pair is capped at BLOCKER_CEILING, so with a threshold above it only unblocked pairs count.
    """
    plain = [n for n, c in enumerate(candidates) if not (c.blocked_companies or c.blocked_keywords)]
    pairs: list[tuple[int, int]] = []
    if threshold > scoring.BLOCKER_CEILING and plain:
        scorer = BatchScorer([candidates[n] for n in plain], jobs)
        for j in range(len(jobs)):
            blocked, raw = scorer.unrounded(j)
            for position in np.flatnonzero(~blocked & (raw >= threshold - MARGIN)):
                if round(float(raw[position]), 1) >= threshold:
                    pairs.append((plain[position], j))
        rest = [n for n, c in enumerate(candidates) if c.blocked_companies or c.blocked_keywords]
    else:
        rest = list(range(len(candidates)))
    for n in rest:
        for j, job in enumerate(jobs):
            if scoring.ranked(candidates[n], job)[0] >= threshold:
                pairs.append((n, j))
    return pairs
