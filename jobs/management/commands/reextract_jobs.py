"""Read every stored job again: `manage.py reextract_jobs [--batch-size N]`.

Recomputes each job's matching columns — skills, years, industries and who the job is for (its
eligibility, each value with its source) — from the job's own fields, through
jobs.matching.reextract.jobs_reextract: after the reader, the gazetteer or the role families
change, existing jobs are read the way new ones are. Batches are written in their own
transactions, so the command can be stopped and run again. A progress bar on a terminal, one
line per batch otherwise (logs, CI).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from jobs.matching.reextract import REEXTRACT_BATCH_SIZE, jobs_reextract

BAR_WIDTH = 30
MAX_BATCH_SIZE = 10_000


class Command(BaseCommand):
    help = "Recompute every job's matching columns (skills, years, industries, eligibility) from its own fields, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REEXTRACT_BATCH_SIZE,
            help=f"Jobs read and written per transaction (default {REEXTRACT_BATCH_SIZE}, at most {MAX_BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size: int, **options):
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise CommandError(f"--batch-size must be between 1 and {MAX_BATCH_SIZE}.")
        self.interactive = self.stdout.isatty()
        started = time.monotonic()
        done = jobs_reextract(batch_size=batch_size, progress=self._progress)
        if self.interactive and done:
            self.stdout.write("")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Re-read {done} job(s) in {seconds:.1f}s."))

    def _progress(self, done: int, total: int) -> None:
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(BAR_WIDTH * fraction)
        line = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {100 * fraction:5.1f}%  {done}/{total} jobs"
        if self.interactive:
            self.stdout.write(f"\r{line}", ending="")
        else:
            self.stdout.write(line)
        self.stdout.flush()
