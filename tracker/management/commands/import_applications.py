"""Import applications and stages from CSV for one user, all or nothing (as POST /applications/import)."""

import json

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from accounts.selectors import user_get_by_email
from tracker.services.imports import applications_import


class Command(BaseCommand):
    help = "Import a CSV of applications (the export's format) for a user. Nothing is written if any row is invalid."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's email address.")
        parser.add_argument("path", help="The CSV file (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args, email, path, dry_run=False, **options):
        user = user_get_by_email(email)
        if user is None:
            raise CommandError(f"No user with email {email}.")
        try:
            with open(path, encoding="utf-8-sig", newline="") as stream:
                text = stream.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        try:
            report = applications_import(user=user, text=text, dry_run=dry_run)
        except ValidationError as exc:
            problems = json.dumps(exc.detail, indent=2)
            raise CommandError(f"Nothing imported; fix these and run again:\n{problems}") from None
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {report.imported} application(s) with {report.stages_imported} stage(s).")
        for skipped in report.skipped:
            self.stdout.write(f"Skipped row {skipped['row']} (duplicate): {json.dumps(skipped)}")
