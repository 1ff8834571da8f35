"""Make the file store ready for uploads: the S3 bucket, or the MEDIA_ROOT directory (a bootstrap step).

Idempotent; a fresh docker-compose stack creates its bucket with it on start.
"""

from django.core.management import BaseCommand, CommandError

from careerhub.file_store import FileStoreUnavailable, file_store_ensure


class Command(BaseCommand):
    help = "Create the S3 bucket (or the MEDIA_ROOT directory) uploads are stored in, when missing."

    def handle(self, *args, **options):
        try:
            self.stdout.write(file_store_ensure())
        except FileStoreUnavailable as exc:
            raise CommandError(str(exc)) from exc
