"""Popular skills: job tags and custom skills, one aggregate query, cached."""

from __future__ import annotations

from collections import Counter

from django.db import connection

from careerhub.cache import safe_get, safe_set
from careerhub.skills import canonical_skill, skill_key
from insights.cache_keys import POPULAR_SKILLS_KEY
from insights.models import CustomSkill
from jobs.models import Job

POPULAR_CACHE_TTL = 60 * 60

# One statement: every tag of every listed scraped job (a user's own pasted jobs are private,
# a duplicate listing would count twice), counted per spelling, plus every custom skill with
# its usage count. Spellings are merged through the alias table afterwards.
_TAG_COUNTS_SQL = {
    "postgresql": (
        "SELECT tag.value, COUNT(*) FROM {job} AS job "
        "CROSS JOIN LATERAL jsonb_array_elements_text("
        "CASE WHEN jsonb_typeof(job.tags) = 'array' THEN job.tags ELSE '[]'::jsonb END) AS tag(value) "
        "WHERE job.owner_id IS NULL AND job.duplicate_of_id IS NULL GROUP BY tag.value "
        "UNION ALL SELECT skill, usage_count FROM {custom}"
    ),
    "sqlite": (
        "SELECT tag.value, COUNT(*) FROM {job} AS job, "
        "json_each(CASE WHEN json_type(job.tags) = 'array' THEN job.tags ELSE '[]' END) AS tag "
        "WHERE job.owner_id IS NULL AND job.duplicate_of_id IS NULL AND tag.type = 'text' GROUP BY tag.value "
        "UNION ALL SELECT skill, usage_count FROM {custom}"
    ),
}


def _count_rows() -> list[tuple[str, int]]:
    tables = {"job": Job._meta.db_table, "custom": CustomSkill._meta.db_table}
    sql = _TAG_COUNTS_SQL[connection.vendor].format(**tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _rank(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Merge spellings of one skill (case, aliases) and order by frequency, then name."""
    totals: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for name, count in rows:
        if not isinstance(name, str) or not name.strip():
            continue
        key = skill_key(name)
        totals[key] += int(count)
        spellings.setdefault(key, Counter())[canonical_skill(name)] += int(count)
    ranked = []
    for key, total in totals.items():
        # The alias table's name when it knows the skill, else the most used spelling.
        names = spellings[key]
        display = max(names, key=lambda n: (n != n.lower() or n.isupper(), names[n], n))
        ranked.append((display, total))
    ranked.sort(key=lambda item: (-item[1], item[0].casefold()))
    return ranked


def popular_skill_list() -> list[tuple[str, int]]:
    """Every known skill with how often it appears, most frequent first (cached for an hour)."""
    cached = safe_get(POPULAR_SKILLS_KEY)
    if cached is not None:
        return [tuple(item) for item in cached]
    ranked = _rank(_count_rows())
    safe_set(POPULAR_SKILLS_KEY, ranked, POPULAR_CACHE_TTL)
    return ranked
