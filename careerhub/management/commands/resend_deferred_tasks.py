"""Publish every task a broker outage kept (careerhub.models.DeferredTask), now.

Beat does the same every DEFERRED_TASKS_RESEND_SECONDS; an operator runs this after an
outage to send everything at once instead of waiting for it.
"""

from django.core.management import BaseCommand, CommandError

from careerhub.models import DeferredTask
from careerhub.tasks import deferred_tasks_resend


class Command(BaseCommand):
    help = "Publish the Celery tasks kept while the broker was unreachable."

    def handle(self, *args, **options):
        sent = 0
        while True:
            batch = deferred_tasks_resend()
            sent += batch
            if batch == 0:
                break
        left = DeferredTask.objects.count()
        self.stdout.write(f"Resent {sent} deferred task(s); {left} left.")
        if left:
            raise CommandError(f"{left} deferred task(s) not sent: the broker refused them or another run is sending them.")
