"""Give the jobs stored before freshness existed their dates and repost key.

First seen when stored (`created_at`), last seen when last scraped (`scraped_at`); the repost key
is computed by the function ingestion uses (jobs.normalize.repost_key), batched by primary key.
Their board stays empty: closing counts such a job in only when every board of its source was
listed completely, and the next scrape that lists it records its board (jobs.services.closing).
"""

from django.db import migrations
from django.db.models import F

BATCH_SIZE = 1000


def backfill(apps, schema_editor):
    from jobs.normalize import repost_key

    Job = apps.get_model("jobs", "Job")
    Job.objects.update(first_seen_at=F("created_at"), last_seen_at=F("scraped_at"))
    last_id = 0
    while True:
        batch = list(
            Job.objects.filter(pk__gt=last_id, owner__isnull=True).order_by("pk").only("id", "company", "title", "location")[:BATCH_SIZE]
        )
        if not batch:
            return
        for job in batch:
            job.repost_key = repost_key(job.company, job.title, job.location)
        Job.objects.bulk_update(batch, ["repost_key"])
        last_id = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("jobs", "0009_job_freshness_saved_searches")]

    # Backwards there is nothing to undo: 0009 drops the columns.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
