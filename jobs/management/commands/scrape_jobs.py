"""Scrape job boards now, in this process: `manage.py scrape_jobs [--source NAME ...] [--dry-run]`."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from jobs.models import ScrapeLog, ScrapeTrigger
from jobs.services import scraping
from jobs.sources import REGISTRY, enabled_source_names, get_source

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Scrape the enabled job sources (or the ones named) and store their jobs; --dry-run only fetches."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", choices=sorted(REGISTRY), help="A source to scrape (repeatable).")
        parser.add_argument("--dry-run", action="store_true", help="Fetch and parse, report counts, store nothing.")

    def handle(self, *args, source=None, dry_run=False, **options):
        names = list(dict.fromkeys(source)) if source else enabled_source_names()
        unconfigured = [name for name in names if not get_source(name).is_configured()]
        if unconfigured:
            raise CommandError(f"Not configured: {', '.join(unconfigured)} (see GREENHOUSE_BOARDS, LEVER_SITES, ...).")
        if not names:
            raise CommandError("No job source is enabled and configured (JOB_SOURCES).")
        if dry_run:
            for name in names:
                batch = get_source(name).collect()
                self.stdout.write(
                    f"{name}: {len(batch.postings)} postings, {batch.failed_items} unusable items, "
                    f"{len(batch.errors)} errors{' (unreachable)' if batch.unreachable else ''}"
                )
                for error in batch.errors[:10]:
                    self.stdout.write(f"  - {error}")
            self.stdout.write("Dry run: nothing was stored.")
            return
        parent, _ = scraping.scrape_run_request(trigger=ScrapeTrigger.COMMAND, sources=names, enqueue=False)
        for child in ScrapeLog.objects.filter(parent=parent).order_by("id"):
            log = scraping.scrape_source_run(scrape_log_id=child.pk, final_attempt=True, progress=self._progress(child.source))
            self.stdout.write("")
            self.stdout.write(
                f"{log.source}: {log.status} — {log.jobs_created} created, {log.jobs_updated} updated, {log.jobs_failed} failed"
            )
            if log.error:
                for line in log.error.splitlines()[:10]:
                    self.stdout.write(f"  - {line}")
        parent.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(f"Scrape log #{parent.pk}: {parent.status}"))

    def _progress(self, name: str):
        interactive = getattr(self.stdout, "isatty", lambda: False)() or sys.stdout.isatty()

        def report(done: int, total: int) -> None:
            if not interactive and done not in (total,) and done % 100:
                return
            filled = BAR_WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r{name:<15} [{bar}] {done}/{total}", ending="" if interactive else "\n")
            self.stdout.flush()

        return report
