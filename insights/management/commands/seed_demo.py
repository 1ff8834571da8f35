"""Load careerhub's demo set, offline: `manage.py seed_demo` (again to bring it up to date), `--remove` to take it out.

A few hundred made-up jobs from eight boards, a demo user with a filled profile and CV, their
matches (from the real refresh) and applications at every stage. Everything is labelled: the
jobs' links are under https://demo.careerhub.invalid/, their descriptions end with the demo label,
and the demo user is demo@careerhub.example.
"""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import PermissionDenied

from careerhub.api.errors import ServiceUnavailable
from insights.demo.postings import demo_data
from insights.demo.services import demo_load, demo_remove


class Command(BaseCommand):
    help = "Load the labelled demo set (jobs, a demo user, applications, matches); --remove deletes it."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Delete the demo user and the demo jobs instead.")

    def handle(self, *args, remove=False, **options):
        if remove:
            removed = demo_remove()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Removed the demo set: {removed.jobs} demo jobs"
                    + (" and the demo user with everything they owned." if removed.user else "; there was no demo user.")
                )
            )
            return
        try:
            loaded = demo_load()
        except PermissionDenied as exc:  # REGISTRATION_MODE closed or allowlist
            raise CommandError(f"The demo user could not register: {exc.detail} (REGISTRATION_MODE).") from exc
        except ServiceUnavailable as exc:
            raise CommandError(str(exc.detail)) from exc
        person = demo_data()["user"]
        for error in loaded.job_errors:
            self.stderr.write(f"  not stored: {error}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo set loaded: {loaded.jobs_created} new and {loaded.jobs_updated} updated demo jobs, "
                f"{loaded.matches} matches, {loaded.applications} applications "
                f"({loaded.applications_created} new) for the demo user ({'created' if loaded.user_created else 'already there'}); "
                f"CV {loaded.cv}."
            )
        )
        self.stdout.write(
            f"\nSign in as the demo user:\n"
            f"  POST /api/v1/auth/login  {{\"email\": \"{person['email']}\", \"password\": \"{person['password']}\"}}\n"
            f"  or open http://127.0.0.1:8000/docs, call /auth/login there and press Authorize with the access_token.\n"
            f"Then try GET /api/v1/matches, GET /api/v1/applications, GET /api/v1/jobs?search=python.\n"
            f"Remove it all with: manage.py seed_demo --remove"
        )
