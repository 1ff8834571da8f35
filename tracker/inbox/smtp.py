"""The forwarding receiver: an SMTP server (aiosmtpd) for `in+<token>@INBOX_DOMAIN`.

`python manage.py inbox_smtpd` runs it on INBOX_SMTP_HOST:INBOX_SMTP_PORT. A recipient is
accepted only at this domain with a live token (RCPT answers 550 otherwise), a message over
MAX_MESSAGE_BYTES is refused at DATA (552, aiosmtpd's size cap), and each accepted message goes
to the same pipeline as an upload (`inbox_message_receive`, then the processing task).

The handler's ORM work runs in a worker thread (sync_to_async): Django's ORM is synchronous.
"""

from __future__ import annotations

import logging
from typing import Any

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from tracker.inbox.models import ReceivedVia
from tracker.inbox.parsing import MAX_MESSAGE_BYTES
from tracker.selectors.inbox import inbox_user_for_address
from tracker.services.inbox import inbox_message_receive

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 10


def _user_id_for(address: str) -> str | None:
    try:
        user = inbox_user_for_address(address=address)
        return str(user.pk) if user is not None else None
    finally:
        # Each call runs in a pool thread: its connection is closed, never left behind.
        connections.close_all()


def _deliver(user_ids: list[str], raw: bytes) -> int:
    from accounts.models import User

    try:
        delivered = 0
        for user in User.objects.filter(pk__in=user_ids, is_active=True):
            inbox_message_receive(user=user, via=ReceivedVia.FORWARD, raw=raw)
            delivered += 1
        return delivered
    finally:
        connections.close_all()


class InboxHandler:
    """aiosmtpd hooks: RCPT checks the address, DATA hands the message to the pipeline."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list) -> str:
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        user_id = await sync_to_async(_user_id_for, thread_sensitive=False)(address)
        if user_id is None:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        envelope.inbox_user_ids = [*getattr(envelope, "inbox_user_ids", []), user_id]
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        user_ids = sorted(set(getattr(envelope, "inbox_user_ids", [])))
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            await sync_to_async(_deliver, thread_sensitive=False)(user_ids, bytes(raw))
        except Exception:  # noqa: BLE001 - any failure is a temporary refusal: the sender retries later
            logger.exception("The inbox could not store a forwarded message")
            return "451 4.3.0 Temporary failure, try again later"
        return "250 2.0.0 Message accepted"


def inbox_smtp_controller(*, host: str | None = None, port: int | None = None) -> Controller:
    """The receiver, not started: `.start()` runs it in a thread, `.stop()` ends it."""
    return Controller(
        InboxHandler(),
        hostname=host or settings.INBOX_SMTP_HOST,
        port=settings.INBOX_SMTP_PORT if port is None else port,
        data_size_limit=MAX_MESSAGE_BYTES,
        timeout=settings.INBOX_SMTP_TIMEOUT_SECONDS,
        server_hostname=settings.INBOX_DOMAIN,
        ident="careerhub inbox",
        decode_data=False,
    )
