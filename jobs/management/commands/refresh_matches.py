"""Refresh match scores now, in this process: `manage.py refresh_matches [--user EMAIL_OR_ID ...]`.

Without --user, every active user with a profile. Each user's refresh takes the same lock as
POST /matches/refresh, so a user whose refresh is already running is skipped, not run twice.
"""

from __future__ import annotations

import contextlib
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.emails import email_lookup_key
from careerhub.api.errors import ServiceUnavailable
from jobs.matching import refresh_state
from jobs.matching.services import match_refresh_run

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Recompute job matches for every active user with a profile (or the users named), with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--user", action="append", metavar="EMAIL_OR_ID", help="A user to refresh (repeatable).")

    def handle(self, *args, user=None, **options):
        try:
            self._refresh(self._users(user))
        except ServiceUnavailable as exc:
            raise CommandError(str(exc.detail)) from exc

    def _refresh(self, users: list[tuple[object, str]]) -> None:
        if not users:
            self.stdout.write("No active user with a profile: nothing to refresh.")
            return
        self.interactive = self.stdout.isatty()
        refreshed = skipped = failed = 0
        total = len(users)
        for done, (user_id, label) in enumerate(users):
            self._bar(done, 0, total, label)

            def follow(percentage: int, message: str, done: int = done, label: str = label) -> None:
                self._bar(done, percentage, total, label)

            result = match_refresh_run(user_id=user_id, on_progress=follow if self.interactive else None)
            if self.interactive:
                self._bar(done, 100, total, label)
                self.stdout.write("")
            state = refresh_state.refresh_state_get(user_id=user_id)
            if result is not None:
                refreshed += 1
                self.stdout.write(
                    f"{label}: {result.matches_created + result.matches_updated} matches "
                    f"({result.matches_created} new) from {result.total_jobs_processed} jobs"
                )
            elif state["status"] == refresh_state.FAILED:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{label}: {state['message']}"))
            else:
                skipped += 1
                self.stdout.write(self.style.WARNING(f"{label}: skipped, a refresh of this user is already running"))
        self._bar(total, 0, total, "done")
        if self.interactive:
            self.stdout.write("")
        summary = f"Refreshed {refreshed} user(s), skipped {skipped}, failed {failed}."
        self.stdout.write(self.style.SUCCESS(summary) if not failed else self.style.ERROR(summary))
        if failed:
            raise CommandError(f"{failed} refresh(es) failed.")

    def _users(self, names: list[str] | None) -> list[tuple[object, str]]:
        User = get_user_model()
        if not names:
            active = User.objects.filter(is_active=True, profile__isnull=False).order_by("email")
            return list(active.values_list("pk", "email"))
        found: dict[object, str] = {}
        for name in names:
            # An email is looked up by its canonical form (accounts/emails.py), like every login.
            lookup = {"email": email_lookup_key(name) or ""}
            with contextlib.suppress(ValueError):
                lookup = {"pk": uuid.UUID(name)}
            row = User.objects.filter(**lookup).values_list("pk", "email").first()
            if row is None:
                raise CommandError(f"No user {name!r}.")
            found.setdefault(*row)
        return list(found.items())

    def _bar(self, done: int, percentage: int, total: int, label: str) -> None:
        """Overall progress: finished users plus the share of the current one."""
        fraction = (done + percentage / 100) / total
        filled = int(BAR_WIDTH * fraction)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"[{bar}] {100 * fraction:5.1f}%  {min(done + 1, total)}/{total} {label}"
        if self.interactive:
            self.stdout.write(f"\r{line}", ending="")
        else:
            self.stdout.write(line)
        self.stdout.flush()
