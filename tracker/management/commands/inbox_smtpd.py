"""`python manage.py inbox_smtpd`: the forwarding receiver (tracker/inbox/smtp.py) until stopped."""

from __future__ import annotations

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from tracker.inbox.smtp import inbox_smtp_controller

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Receive forwarded employer emails for in+<token>@INBOX_DOMAIN over SMTP."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help="Listen address (default INBOX_SMTP_HOST).")
        parser.add_argument("--port", type=int, default=None, help="Port (default INBOX_SMTP_PORT).")

    def handle(self, *args, host=None, port=None, **options):
        controller = inbox_smtp_controller(host=host, port=port)
        stopped = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopped.set())
        controller.start()
        # Logged, not printed: with LOG_FORMAT=json every line the service writes is one JSON object.
        logger.info(
            "inbox_smtpd listening on %s:%s for in+<token>@%s", controller.hostname, controller.port, settings.INBOX_DOMAIN
        )
        try:
            stopped.wait()
        finally:
            controller.stop()
