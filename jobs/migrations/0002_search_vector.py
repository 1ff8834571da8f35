"""The full-text search column and its GIN index, on PostgreSQL only (DESIGN §4).

A stored generated column: PostgreSQL recomputes it on every INSERT and UPDATE, so no code
path (ORM, bulk_create, raw SQL, the admin) can leave it stale. SQLite has no tsvector; the
selector falls back to a contains-match there, so this migration does nothing on SQLite.
The vector is stored inline (STORAGE MAIN). The expression is repeated from jobs/search.py on purpose: a migration must not change when
application code does.
"""

from django.db import migrations

SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(tags, '[]'::jsonb)), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')"
)


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE jobs_job ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR_SQL}) STORED"
    )
    # Keep the vector in the row; let the description be the column TOAST moves out. Every
    # match is checked and ranked against its vector, and a TOASTed vector made a common-word
    # search about 4x slower at 100,000 jobs (docs/performance.md).
    schema_editor.execute("ALTER TABLE jobs_job ALTER COLUMN search_vector SET STORAGE MAIN")
    schema_editor.execute("CREATE INDEX job_search_vector_gin ON jobs_job USING gin (search_vector)")


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS job_search_vector_gin")
    schema_editor.execute("ALTER TABLE jobs_job DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(add_search_vector, drop_search_vector)]
