from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_search_vector")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="skills",
            field=models.JSONField(
                blank=True, default=list, help_text="Canonical skill names: the tags plus known skills named in the text."
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="required_years",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, help_text="Years of experience the text asks for (the smallest figure it states)."
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="industries",
            field=models.JSONField(blank=True, default=list, help_text="Industry tags (lowercase), as in seed 002."),
        ),
    ]
