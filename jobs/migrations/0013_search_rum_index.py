"""Rank-ordered search: the `rum` index over the stored search vector, where the server has it.

`rum` (Debian's postgresql-15-rum; the compose database image installs it) keeps each lexeme's
positions in the index, so `ORDER BY search_vector <=> query` is served by the index: matches
are ranked without reading their rows and come out in rank order (jobs/search.py).

A server without the extension, or a role that may not create it (a managed database), keeps
the GIN index alone: nothing fails, and jobs/search.py detects at run time that the rum index is
missing and ranks with ts_rank. The GIN index stays in both cases: it counts and filters cheaply,
and it is what search falls back to if the extension is ever dropped. To switch later, as a role
that may: CREATE EXTENSION rum; CREATE INDEX CONCURRENTLY job_search_vector_rum ON jobs_job USING
rum (search_vector rum_tsvector_ops); then restart the web processes.
"""

from django.db import DatabaseError, migrations, transaction

RUM_INDEX = "job_search_vector_rum"


def add_rum_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')")
        if not cursor.fetchone()[0]:
            return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:
        return  # not allowed to create it here: the GIN path serves
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON jobs_job USING rum (search_vector rum_tsvector_ops)")


def drop_rum_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("jobs", "0012_scrape_triggers_matches_plural")]

    operations = [migrations.RunPython(add_rum_index, drop_rum_index)]
