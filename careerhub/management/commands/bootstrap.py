"""Idempotent start-up steps, run after `migrate` by `make run` and the web container.

Each app registers its own step in settings.BOOTSTRAP_COMMANDS (e.g. seeding milestones),
so this command never imports a higher app.
"""

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Run the idempotent start-up steps listed in settings.BOOTSTRAP_COMMANDS."

    def handle(self, *args, **options):
        for name in settings.BOOTSTRAP_COMMANDS:
            self.stdout.write(f"bootstrap: {name}")
            call_command(name)
