"""Match rows get UUID primary keys (DESIGN §2: user-owned rows are never enumerable) and the
`scoring_version` they were scored against.

A bigint primary key cannot be altered into a UUID in place, portably, so the rows move to a
new table: create it (temporary constraint and index names), copy every row with a fresh UUID
keeping its timestamps, drop the old table and give the new one its name and its final
constraint and index names. Nothing references Match by foreign key, so nothing else moves.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH_SIZE = 1000
COPIED = ("user_id", "job_id", "score", "status", "reasoning", "analysis", "cover_letter", "cv_highlights", "applied_at", "created_at", "updated_at")


def copy_matches(apps, schema_editor):
    Old = apps.get_model("jobs", "Match")
    New = apps.get_model("jobs", "MatchWithUuid")
    # Keep the recorded timestamps instead of stamping "now" on every copied row.
    for field in New._meta.local_fields:
        if field.name in ("created_at", "updated_at"):
            field.auto_now = field.auto_now_add = False
    last_id = 0
    while True:
        batch = list(Old.objects.filter(pk__gt=last_id).order_by("pk").values("id", *COPIED)[:BATCH_SIZE])
        if not batch:
            return
        New.objects.bulk_create(New(id=uuid.uuid4(), **{name: row[name] for name in COPIED}) for row in batch)
        last_id = batch[-1]["id"]


def _rename_primary_key(schema_editor, old: str, new: str) -> None:
    # PostgreSQL keeps the temporary table's name on its primary key constraint.
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = 'jobs_match'::regclass", [old])
        if cursor.fetchone():
            schema_editor.execute(f"ALTER TABLE jobs_match RENAME CONSTRAINT {old} TO {new}")


def name_primary_key(apps, schema_editor):
    _rename_primary_key(schema_editor, "jobs_matchwithuuid_pkey", "jobs_match_pkey")


def unname_primary_key(apps, schema_editor):
    _rename_primary_key(schema_editor, "jobs_match_pkey", "jobs_matchwithuuid_pkey")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_backfill_job_matching_features"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MatchWithUuid",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("score", models.FloatField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("matched", "Matched"), ("interested", "Interested"), ("applied", "Applied"), ("rejected", "Rejected"), ("hidden", "Hidden")],
                        default="matched",
                        max_length=12,
                    ),
                ),
                ("reasoning", models.JSONField(blank=True, default=dict)),
                ("analysis", models.TextField(blank=True)),
                ("cover_letter", models.TextField(blank=True)),
                ("cv_highlights", models.JSONField(blank=True, default=list)),
                (
                    "scoring_version",
                    models.PositiveIntegerField(
                        blank=True, null=True, help_text="The profile's scoring_version this score was computed against (null: never scored)."
                    ),
                ),
                ("applied_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("job", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="jobs.job")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "constraints": [models.UniqueConstraint(fields=("user", "job"), name="match_uuid_user_job_unique")],
            },
        ),
        migrations.RunPython(copy_matches, migrations.RunPython.noop),
        migrations.DeleteModel(name="Match"),
        migrations.RenameModel(old_name="MatchWithUuid", new_name="Match"),
        migrations.RunPython(name_primary_key, unname_primary_key),
        migrations.AlterField(
            model_name="match",
            name="job",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="matches", to="jobs.job"),
        ),
        migrations.AlterField(
            model_name="match",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="job_matches", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.RemoveConstraint(model_name="match", name="match_uuid_user_job_unique"),
        migrations.AddConstraint(
            model_name="match", constraint=models.UniqueConstraint(fields=("user", "job"), name="match_user_job_unique")
        ),
        migrations.AddIndex(
            model_name="match", index=models.Index(fields=["user", "status", "-score"], name="match_user_status_score_idx")
        ),
        migrations.AddIndex(model_name="match", index=models.Index(fields=["user", "-score"], name="match_user_score_idx")),
    ]
