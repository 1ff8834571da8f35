"""Reads for skill insights: the jobs relevant to a user, and aggregates over them.

"Relevant to the user" means the jobs of their open matches (not rejected or hidden) scoring at
least SKILL_INSIGHTS_MIN_MATCH_SCORE; before a refresh has matched anything, every job they could
be matched with (scraped and their own, no duplicate listings).

Salaries count only in the user's currency (a job that names none is taken as USD, as scoring
does): a job's figure is the middle of its range, or its only bound.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Case, Count, FloatField, Q, QuerySet, Sum, When
from django.db.models.functions import Cast, Coalesce

from accounts.models import User
from careerhub.skills import aliases_of, canonical_skill, known_skills, skill_key
from jobs.matching import scoring
from jobs.matching.features import FEATURE_COLUMNS, job_features_from_row
from jobs.models import Job, Match, MatchStatus

NEVER_RESUGGESTED = (MatchStatus.REJECTED, MatchStatus.HIDDEN)
TOP_MATCHES = 50


@dataclass(frozen=True)
class Totals:
    jobs: int
    jobs_with_salary: int
    salary_sum: float


@dataclass(frozen=True)
class SkillDemand:
    """One skill across the relevant jobs."""

    name: str
    count: int
    jobs_with_salary: int
    salary_sum: float

    @property
    def avg_salary(self) -> float | None:
        return self.salary_sum / self.jobs_with_salary if self.jobs_with_salary else None


def _open_matches(user: User) -> QuerySet[Match]:
    return Match.objects.filter(user=user, score__isnull=False).exclude(status__in=NEVER_RESUGGESTED)


def relevant_job_list(*, user: User, min_score: float) -> QuerySet[Job]:
    matched = _open_matches(user).filter(score__gte=min_score)
    if matched.exists():
        return Job.objects.filter(pk__in=matched.values("job_id"))
    return Job.objects.filter(Q(owner__isnull=True) | Q(owner=user), duplicate_of__isnull=True)


def _salary(currency: str) -> Case:
    in_currency = Q(salary_currency__iexact=currency)
    if currency.upper() == "USD":
        in_currency |= Q(salary_currency="")
    low = Coalesce("salary_min", "salary_max")
    high = Coalesce("salary_max", "salary_min")
    return Case(
        When(in_currency & Q(Q(salary_min__isnull=False) | Q(salary_max__isnull=False)), then=(Cast(low, FloatField()) + high) / 2.0),
        default=None,
        output_field=FloatField(),
    )


def job_totals_get(*, jobs: QuerySet[Job], currency: str) -> Totals:
    """How many jobs, how many with a salary in the currency, and the sum of those salaries (one query)."""
    salary = _salary(currency)
    row = jobs.aggregate(jobs=Count("id"), jobs_with_salary=Count(salary), salary_sum=Sum(salary))
    return Totals(jobs=row["jobs"], jobs_with_salary=row["jobs_with_salary"], salary_sum=float(row["salary_sum"] or 0))


@lru_cache(maxsize=1)
def _alias_table() -> str:
    """Every lowercase spelling of a known skill → its comparison key (careerhub.skills), as JSON."""
    return json.dumps({alias: skill_key(name) for name in known_skills() for alias in aliases_of(name)}, sort_keys=True)


# Per skill: in how many relevant jobs, how many of those state a salary, and its sum. The inner
# GROUP BY counts a job once per skill however many spellings of it the job lists; spellings of one
# skill share a key through the alias table passed as a JSON parameter.
_SKILL_DEMAND_SQL = {
    "postgresql": """
        WITH job_skill AS (
            SELECT job.id AS job_id,
                   COALESCE(alias.key, lower(regexp_replace(btrim(tag.value), '\\s+', ' ', 'g'))) AS skill,
                   MIN(btrim(tag.value)) AS spelling,
                   MAX(job.salary) AS salary
            FROM ({jobs}) AS job
            CROSS JOIN LATERAL jsonb_array_elements_text(
                CASE WHEN jsonb_typeof(job.skills) = 'array' THEN job.skills ELSE '[]'::jsonb END) AS tag(value)
            LEFT JOIN jsonb_each_text(%s::jsonb) AS alias(spelling, key)
                ON alias.spelling = lower(regexp_replace(btrim(tag.value), '\\s+', ' ', 'g'))
            WHERE btrim(tag.value) <> ''
            GROUP BY 1, 2
        )
        SELECT skill, MIN(spelling), COUNT(*), COUNT(salary), COALESCE(SUM(salary), 0) FROM job_skill GROUP BY skill
    """,
    "sqlite": """
        WITH job_skill AS (
            SELECT job.id AS job_id,
                   COALESCE(alias.value, lower(trim(tag.value))) AS skill,
                   MIN(trim(tag.value)) AS spelling,
                   MAX(job.salary) AS salary
            FROM ({jobs}) AS job,
                 json_each(CASE WHEN json_type(job.skills) = 'array' THEN job.skills ELSE '[]' END) AS tag
            LEFT JOIN json_each(%s) AS alias ON alias.key = lower(trim(tag.value))
            WHERE tag.type = 'text' AND trim(tag.value) <> ''
            GROUP BY 1, 2
        )
        SELECT skill, MIN(spelling), COUNT(*), COUNT(salary), COALESCE(SUM(salary), 0) FROM job_skill GROUP BY skill
    """,
}


def skill_demand_list(*, jobs: QuerySet[Job], currency: str) -> list[SkillDemand]:
    """Every skill the jobs ask for (their stored `skills`: tags plus skills named in the text), most
    asked first, in one aggregate statement."""
    inner = jobs.annotate(salary=_salary(currency)).values("id", "skills", "salary").order_by()
    inner_sql, inner_params = inner.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_SKILL_DEMAND_SQL[connection.vendor].format(jobs=inner_sql), [*inner_params, _alias_table()])
        rows = cursor.fetchall()
    # Merge what SQL normalised differently (Unicode case folding) through the one alias table.
    merged: dict[str, list[Any]] = {}
    for _, spelling, count, with_salary, salary_sum in rows:
        key = skill_key(spelling)
        entry = merged.setdefault(key, [canonical_skill(spelling), 0, 0, 0.0])
        entry[1] += int(count)
        entry[2] += int(with_salary)
        entry[3] += float(salary_sum or 0)
    demands = [SkillDemand(name, count, with_salary, salary_sum) for name, count, with_salary, salary_sum in merged.values()]
    demands.sort(key=lambda demand: (-demand.count, demand.name.casefold()))
    return demands


def top_match_feature_list(*, user: User, limit: int = TOP_MATCHES) -> list[scoring.JobFeatures]:
    """The features of the jobs of the user's best open matches (one query)."""
    rows = (
        _open_matches(user)
        .order_by("-score", "-created_at", "id")
        .values_list(*(f"job__{column}" for column in FEATURE_COLUMNS))[:limit]
    )
    return [job_features_from_row(row) for row in rows]
