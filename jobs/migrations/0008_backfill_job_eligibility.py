"""Read the eligibility of the jobs stored before it was read at ingest (and recompute their other
matching features with it).

Batched by primary key and written with bulk_update, like 0004, calling the same function
ingestion does (jobs.matching.features.job_feature_values): the stored features are only
meaningful if they are what new jobs get. `manage.py reextract_jobs` does the same on demand,
after the reader's rules or data change.
"""

from django.db import migrations

BATCH_SIZE = 500
SOURCE_FIELDS = ("id", "title", "company", "description", "tags", "location", "remote_type", "job_type", "eligible_regions", "visa_sponsorship")


def backfill(apps, schema_editor):
    from jobs.matching.features import FEATURE_FIELDS, job_feature_values

    Job = apps.get_model("jobs", "Job")
    last_id = 0
    while True:
        batch = list(Job.objects.filter(pk__gt=last_id).order_by("pk").only(*SOURCE_FIELDS)[:BATCH_SIZE])
        if not batch:
            return
        for job in batch:
            values = job_feature_values(
                title=job.title,
                description=job.description,
                tags=job.tags or [],
                company=job.company,
                location=job.location,
                remote_type=job.remote_type,
                job_type=job.job_type,
                eligible_regions=job.eligible_regions or [],
                visa_sponsorship=job.visa_sponsorship,
            )
            for name in FEATURE_FIELDS:
                setattr(job, name, values[name])
        Job.objects.bulk_update(batch, list(FEATURE_FIELDS))
        last_id = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("jobs", "0007_job_eligibility_blocklist_feedback")]

    # Backwards there is nothing to undo: 0007 drops the columns.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
