"""Export one user's applications and stages as CSV (the same format as GET /applications/export)."""

import csv

from django.core.management.base import BaseCommand, CommandError

from accounts.selectors import user_get_by_email
from tracker.selectors.exports import application_export_rows


class Command(BaseCommand):
    help = "Write a user's applications (with their stages) as CSV to a file or standard output."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's email address.")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, email, output=None, **options):
        user = user_get_by_email(email)
        if user is None:
            raise CommandError(f"No user with email {email}.")
        if output:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                count = self._write(stream, user)
            self.stderr.write(f"Wrote {count} row(s) to {output}.")
        else:
            self._write(self.stdout, user)

    def _write(self, stream, user) -> int:
        writer = csv.writer(stream)
        count = -1  # the header is not a data row
        for row in application_export_rows(user=user):
            writer.writerow(row)
            count += 1
        return count
