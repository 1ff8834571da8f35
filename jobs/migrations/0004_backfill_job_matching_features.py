"""Compute the matching features of the jobs stored before they existed.

Batched by primary key and written with bulk_update, so a large table is neither loaded at
once nor written row by row. It calls the same function ingestion does
(jobs.matching.features.job_feature_values): the stored features are only meaningful if they
are what new jobs get, so this follows the application's rules rather than freezing a copy.
"""

from django.db import migrations

BATCH_SIZE = 1000


def backfill(apps, schema_editor):
    from jobs.matching.features import job_feature_values

    Job = apps.get_model("jobs", "Job")
    last_id = 0
    while True:
        batch = list(
            Job.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .only("id", "title", "company", "description", "tags")[:BATCH_SIZE]
        )
        if not batch:
            return
        for job in batch:
            values = job_feature_values(title=job.title, description=job.description, tags=job.tags or [], company=job.company)
            job.skills = values["skills"]
            job.required_years = values["required_years"]
            job.industries = values["industries"]
        Job.objects.bulk_update(batch, ["skills", "required_years", "industries"])
        last_id = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_job_matching_features")]

    # Backwards there is nothing to undo: 0003 drops the columns.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
