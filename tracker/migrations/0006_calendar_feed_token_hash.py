"""Calendar feed tokens stored as keyed hashes (issue 15, item 7).

Each existing token is hashed in place, so every subscribed URL keeps working until it is
rotated. Going back cannot recover a token from its hash: the reverse gives each feed a new
token, and the old URLs stop working.
"""

import secrets

from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

# careerhub.keyed_hash with CalendarFeed.TOKEN_PURPOSE, as of this migration.
KEY_SALT = "careerhub.keyed_hash.tracker.calendar_feed"


def _hash(token):
    return salted_hmac(KEY_SALT, token, secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()


def tokens_hash(apps, schema_editor):
    CalendarFeed = apps.get_model("tracker", "CalendarFeed")
    for feed in CalendarFeed.objects.all().iterator():
        feed.token_hash = _hash(feed.token)
        feed.save(update_fields=["token_hash"])


def tokens_renew(apps, schema_editor):
    CalendarFeed = apps.get_model("tracker", "CalendarFeed")
    for feed in CalendarFeed.objects.all().iterator():
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0005_application_posting_closed"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token",
            field=models.CharField(max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(tokens_hash, tokens_renew),
        migrations.RemoveField(
            model_name="calendarfeed",
            name="token",
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(help_text="careerhub.keyed_hash of the feed token.", max_length=64, unique=True),
        ),
    ]
