"""The floors of the list endpoints: the same rows a list endpoint answers with, fetched with ONE
raw SQL query and serialised with the standard library's `json`.

Used twice by bench/endpoints.py: in the benchmark's own process (SQL + json, nothing else), and
behind the same gunicorn as the API by bench/_floor_urls.py (the same work plus HTTP, the
middleware and bearer-token authentication), so a ratio can be read both ways.

Each floor returns what its endpoint returns: the same rows in the same order, the nested rows
(stages, outcome, reflection, tags of an application; the job of a match) aggregated by
PostgreSQL in the same statement, and the total where the endpoint has an envelope.
"""

from __future__ import annotations

import json

APPLICATION_COLUMNS = (
    "id, user_id, company_name, role_title, url, description, location, job_type, work_mode, salary_min, salary_max, "
    "salary_currency, applied_source, applied_date, follow_up_date, priority, notes, status, resume_version_id, "
    "created_at, updated_at"
)

SQL = {
    # GET /applications (default page: 100; the benchmark user has 50).
    "applications": f"""
        SELECT {", ".join(f"a.{c.strip()}" for c in APPLICATION_COLUMNS.split(","))},
               COALESCE((SELECT json_agg(s ORDER BY s.created_at, s.id) FROM tracker_applicationstage s
                         WHERE s.application_id = a.id), '[]') AS stages,
               to_json(o) AS outcome,
               to_json(r) AS reflection,
               COALESCE((SELECT json_agg(t ORDER BY t.name, t.id) FROM tracker_applicationtag at
                         JOIN tracker_tag t ON t.id = at.tag_id WHERE at.application_id = a.id), '[]') AS tags
        FROM tracker_application a
        LEFT JOIN tracker_outcome o ON o.application_id = a.id
        LEFT JOIN tracker_reflection r ON r.application_id = a.id
        WHERE a.user_id = %(user)s
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT 100""",
    # GET /contacts, /reminders, /saved-jobs: one table each, the endpoint's order and default page.
    "contacts": """
        SELECT id, user_id, application_id, name, email, phone, role_title, company, contact_type, linkedin_url, notes,
               last_contacted, created_at, updated_at
        FROM tracker_contact WHERE user_id = %(user)s ORDER BY name, id LIMIT 100""",
    "reminders": """
        SELECT id, user_id, application_id, title, description, remind_at, reminder_type, is_completed, completed_at,
               created_at, updated_at
        FROM tracker_reminder WHERE user_id = %(user)s ORDER BY remind_at, id LIMIT 100""",
    "saved_jobs": """
        SELECT id, user_id, company_name, role_title, url, company_website, location, job_type, work_mode,
               salary_range_min, salary_range_max, salary_currency, priority, source, notes, deadline, excitement_level,
               status, converted_to_application_id, created_at, updated_at
        FROM tracker_savedjob WHERE user_id = %(user)s ORDER BY created_at DESC, id DESC LIMIT 100""",
    # GET /matches?min_score=0: best first, the job nested, the total in the same statement, and
    # whether the score is stale (the profile's scoring version).
    "matches": """
        SELECT m.id, m.job_id, m.user_id, m.score, m.status, m.reasoning, m.analysis,
               json_build_object('id', j.id, 'title', j.title, 'company', NULLIF(j.company, ''), 'url', NULLIF(j.url, ''),
                                 'salary_min', j.salary_min, 'salary_max', j.salary_max,
                                 'location', NULLIF(j.location, ''), 'tags', j.tags) AS job,
               m.cover_letter, m.cv_highlights, m.created_at, m.updated_at, m.applied_at,
               (m.scoring_version IS NULL OR m.scoring_version < COALESCE(p.scoring_version, 0)) AS stale,
               count(*) OVER () AS total
        FROM jobs_match m
        JOIN jobs_job j ON j.id = m.job_id
        LEFT JOIN profiles_profile p ON p.user_id = m.user_id
        WHERE m.user_id = %(user)s AND m.score >= 0 AND m.status NOT IN ('rejected', 'hidden')
        ORDER BY m.score DESC, m.created_at DESC, m.id
        LIMIT 50""",
    # GET /social/posts/feed: public posts, the viewer's own, their groups' posts; reactions counted.
    "feed": """
        SELECT p.id, p.user_id, p.group_id, p.post_type, NULLIF(p.title, '') AS title, p.content, p.is_public,
               (SELECT count(*) FROM social_reaction x WHERE x.post_id = p.id) AS reaction_count,
               p.created_at, p.updated_at
        FROM social_post p
        LEFT JOIN social_group g ON g.id = p.group_id
        WHERE (p.group_id IS NULL AND p.is_public) OR (g.is_public AND p.is_public) OR p.user_id = %(user)s
           OR EXISTS (SELECT 1 FROM social_groupmember gm WHERE gm.group_id = p.group_id AND gm.user_id = %(user)s)
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT 50""",
}


def fetch(cursor, name: str, user_id) -> bytes:
    """Run the floor's one query and serialise its rows with `json` (UUIDs, dates and times as strings)."""
    cursor.execute(SQL[name], {"user": user_id})
    columns = [column.name for column in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if name == "matches":
        total = rows[0]["total"] if rows else 0
        for row in rows:
            del row["total"]
        body = {"matches": rows, "total": total, "limit": 50, "offset": 0, "has_more": total > len(rows)}
        return json.dumps(body, default=str).encode()
    return json.dumps(rows, default=str).encode()
