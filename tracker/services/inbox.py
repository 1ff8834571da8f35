"""The inbox's writes (docs/inbox.md): receiving a message, processing it into a suggestion,
accepting or dismissing that suggestion, the user's inbox settings and forwarding address.

A message is stored as it arrived and processed later by `tracker.inbox_process_message` (the
classification may call the LLM). Accepting a suggestion goes through the tracker's own services,
so the activity log, milestones and the calendar feed follow as for a change made by hand.
"""

from __future__ import annotations

import hashlib
import imaplib
import json
import logging
import re
import secrets
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from accounts.models import User
from careerhub import llm
from careerhub.api.errors import Conflict, PayloadTooLarge, ServiceUnavailable, UnsupportedFileType
from careerhub.tasks import enqueue_on_commit
from tracker.inbox.imap import (
    MailboxAccess,
    MailboxLoginFailed,
    MailboxRefused,
    MailboxSession,
    mailbox_address,
    mailbox_open,
)
from tracker.inbox.kinds import MessageKind
from tracker.inbox.matching import ApplicationCandidate
from tracker.inbox.models import (
    InboxMailbox,
    InboxMessage,
    InboxSettings,
    InboxSuggestion,
    ReceivedVia,
    SourceFormat,
    SuggestionStatus,
)
from tracker.inbox.parsing import MAX_MESSAGE_BYTES, ParsedMessage, message_from_fields, message_parse
from tracker.inbox.secrets import EncryptionUnavailable, encryption_configured, secret_decrypt, secret_encrypt
from tracker.inbox.suggestions import Suggestion, suggestion_build
from tracker.models import Application, Contact, Outcome
from tracker.services.applications import application_update
from tracker.services.outcomes import outcome_create, outcome_update
from tracker.services.stages import stage_create

logger = logging.getLogger(__name__)

PROCESS_TASK = "tracker.inbox_process_message"
# The kinds whose suggestions change an application (PUT /inbox/settings may auto-apply these).
APPLICABLE_KINDS = (
    MessageKind.REJECTION,
    MessageKind.OFFER,
    MessageKind.INTERVIEW_INVITATION,
    MessageKind.ASSESSMENT,
    MessageKind.APPLICATION_RECEIVED,
)
TOKEN_BYTES = 12


# --- Settings and the forwarding address ------------------------------------------------------


def _new_token() -> str:
    # Lower-case hex: mail systems may change the case of an address's local part.
    return secrets.token_hex(TOKEN_BYTES)


def inbox_address(inbox: InboxSettings) -> str:
    return f"in+{inbox.forwarding_token}@{settings.INBOX_DOMAIN}"


@transaction.atomic
def inbox_settings_ensure(*, user: User) -> InboxSettings:
    """The user's inbox settings, created (with a forwarding token) on first use."""
    inbox = InboxSettings.objects.filter(user=user).first()
    if inbox is not None:
        return inbox
    try:
        with transaction.atomic():
            return InboxSettings.objects.create(user=user, forwarding_token=_new_token())
    except IntegrityError:
        # A concurrent first request created it.
        return InboxSettings.objects.get(user=user)


@transaction.atomic
def inbox_address_rotate(*, user: User) -> InboxSettings:
    """A new forwarding address; mail to the old one is refused from now on."""
    inbox = inbox_settings_ensure(user=user)
    inbox = InboxSettings.objects.select_for_update().get(pk=inbox.pk)
    inbox.forwarding_token = _new_token()
    inbox.save(update_fields=["forwarding_token", "updated_at"])
    return inbox


@transaction.atomic
def inbox_settings_update(*, user: User, data: Mapping[str, Any]) -> InboxSettings:
    inbox = inbox_settings_ensure(user=user)
    inbox = InboxSettings.objects.select_for_update().get(pk=inbox.pk)
    if "auto_apply" in data:
        inbox.auto_apply = sorted(set(data["auto_apply"]))
        inbox.save(update_fields=["auto_apply", "updated_at"])
    return inbox


# --- Receiving ----------------------------------------------------------------------------------


def _stand_in_id(parsed: ParsedMessage, source: bytes) -> str:
    """A message without a Message-ID gets one from its content: the same upload twice is one message."""
    digest = hashlib.sha256(source).hexdigest()[:40]
    return f"{digest}@careerhub.invalid" if not parsed.message_id else parsed.message_id


def _received_row(parsed: ParsedMessage, *, source: bytes, source_format: str, via: str) -> dict[str, Any]:
    return {
        "sender": parsed.from_address,
        "sender_name": parsed.from_name,
        "subject": parsed.subject,
        "sent_at": parsed.date,
        "text": parsed.text,
        "excerpt": parsed.excerpt(),
        "thread_ids": sorted(parsed.thread_ids),
        "own_ids": list(parsed.own_ids),
        "forwarded_by": parsed.forwarded_by,
        "received_via": via,
        "source": source,
        "source_format": source_format,
    }


@transaction.atomic
def inbox_message_receive(
    *, user: User, via: str, raw: bytes | None = None, fields: Mapping[str, Any] | None = None
) -> tuple[InboxMessage, bool]:
    """Store one message (raw RFC 822 bytes, or the JSON upload's fields) and queue its processing.

    Returns the message and whether it is new: the same Message-ID again is the stored message.
    """
    if raw is not None:
        parsed, source, source_format = message_parse(raw), bytes(raw), SourceFormat.RFC822
    else:
        source = json.dumps(dict(fields or {}), sort_keys=True, default=str).encode("utf-8")
        parsed, source_format = message_from_fields(fields or {}), SourceFormat.JSON
    message_id = _stand_in_id(parsed, source)
    existing = InboxMessage.objects.filter(user=user, message_id=message_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            message = InboxMessage.objects.create(
                user=user,
                message_id=message_id,
                **_received_row(parsed, source=source, source_format=source_format, via=via),
            )
    except IntegrityError:
        return InboxMessage.objects.get(user=user, message_id=message_id), False
    enqueue_on_commit(PROCESS_TASK, str(message.pk))
    return message, True


@transaction.atomic
def inbox_message_delete(*, user: User, message: InboxMessage) -> None:
    """The message and its suggestion go; a change already applied to the application stays."""
    message.delete()


def inbox_messages_forget_old(*, now: datetime | None = None) -> int:
    """Retention: delete messages received more than INBOX_RETENTION_DAYS ago (with their suggestions)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.INBOX_RETENTION_DAYS)
    _, per_model = InboxMessage.objects.filter(received_at__lt=cutoff).delete()
    return per_model.get("tracker.InboxMessage", 0)


# --- Processing ---------------------------------------------------------------------------------


def _parsed(message: InboxMessage) -> ParsedMessage:
    source = bytes(message.source)
    if message.source_format == SourceFormat.RFC822:
        return message_parse(source)
    try:
        fields = json.loads(source.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        fields = {}
    return message_from_fields(fields if isinstance(fields, dict) else {})


def _candidates(user: User, *, excluding: object) -> list[ApplicationCandidate]:
    """The user's applications with what earlier messages and contacts tell about each."""
    ids: dict[Any, set[str]] = defaultdict(set)
    subjects: dict[Any, list[str]] = defaultdict(list)
    senders: dict[Any, set[str]] = defaultdict(set)
    earlier = (
        InboxMessage.objects.filter(user=user, application__isnull=False)
        .exclude(pk=excluding)
        .values_list("application_id", "own_ids", "subject", "sender")
    )
    for application_id, own_ids, subject, sender in earlier:
        ids[application_id].update(own_ids or ())
        if subject:
            subjects[application_id].append(subject)
        if sender:
            senders[application_id].add(sender.lower())
    contacts = Contact.objects.filter(user=user, application__isnull=False, email__isnull=False)
    for application_id, email in contacts.values_list("application_id", "email"):
        if email:
            senders[application_id].add(email.strip().lower())
    rows = Application.objects.filter(user=user).values_list(
        "id", "company_name", "role_title", "applied_date", "status"
    )
    return [
        ApplicationCandidate(
            id=pk,
            company_name=company,
            role_title=role or "",
            applied_date=applied,
            status=status,
            message_ids=frozenset(ids[pk]),
            subjects=tuple(subjects[pk]),
            known_senders=frozenset(senders[pk]),
        )
        for pk, company, role, applied, status in rows
    ]


def _auto_applies(inbox: InboxSettings | None, suggestion: Suggestion) -> bool:
    return (
        inbox is not None
        and suggestion.kind in inbox.auto_apply
        and suggestion.confidence >= settings.INBOX_AUTO_APPLY_MIN_CONFIDENCE
        and not suggestion.ambiguous_application
    )


def _pipeline(message: InboxMessage) -> Suggestion:
    """What the message suggests, read against the user's applications (may call the LLM: no transaction here)."""
    return suggestion_build(
        _parsed(message),
        applications=_candidates(message.user, excluding=message.pk),
        user_timezone=message.user.timezone,
        received_at=message.received_at,
    )


def inbox_message_process(*, message_id: str) -> InboxMessage | None:
    """Classify and match a stored message and store its suggestion; idempotent (a processed
    message is left alone). The pipeline, which may call the LLM, runs outside any transaction."""
    message = InboxMessage.objects.select_related("user").filter(pk=message_id).first()
    if message is None or message.processed_at is not None:
        return message
    suggestion = _pipeline(message)
    return _processed_store(message_id=message.pk, suggestion=suggestion)


@transaction.atomic
def _processed_store(*, message_id: object, suggestion: Suggestion) -> InboxMessage | None:
    message = InboxMessage.objects.select_for_update().select_related("user").filter(pk=message_id).first()
    if message is None or message.processed_at is not None:
        return message
    message.processed_at = timezone.now()
    _model_retry_schedule(message, answered=not suggestion.model_unanswered)
    _result_record(message, suggestion)
    return message


def _result_record(message: InboxMessage, suggestion: Suggestion) -> None:
    """Write the pipeline's result on the (locked) message, and its suggestion, auto-applied when the user opted in."""
    user = message.user
    application = Application.objects.filter(user=user, pk=suggestion.application_id).first()
    message.kind = suggestion.kind
    message.confidence = round(suggestion.confidence, 4)
    message.model = suggestion.model[:100]
    message.application = application
    message.save(
        update_fields=["kind", "confidence", "model", "application", "processed_at", "model_retry_at", "model_attempts"]
    )
    if application is None or suggestion.proposed is None:
        return
    row = InboxSuggestion.objects.create(
        user=user, message=message, proposed=suggestion.proposed.as_dict(), reasons=list(suggestion.reasons)[:50]
    )
    if _auto_applies(InboxSettings.objects.filter(user=user).first(), suggestion):
        _apply(user=user, suggestion=row, application=application)
        _decide(row, SuggestionStatus.AUTO_APPLIED)


# --- Asking the model again -----------------------------------------------------------------------
# An email the rules were unsure of is classified by the LLM; when the provider did not answer, the
# rules' reading is stored at once (the user is not kept waiting) and the model is asked again by a
# beat task, with a growing delay, until it answers or INBOX_MODEL_RETRY_ATTEMPTS have been made.


def _model_retry_schedule(message: InboxMessage, *, answered: bool, now: datetime | None = None) -> None:
    """Set (not save) when the model is next asked about the message: never once it has answered."""
    if answered:
        message.model_retry_at = None
        return
    message.model_attempts += 1
    if message.model_attempts > settings.INBOX_MODEL_RETRY_ATTEMPTS:
        logger.warning("Inbox message %s keeps the rules' reading: the LLM did not answer %s times",
                       message.pk, message.model_attempts)
        message.model_retry_at = None
        return
    delay = settings.INBOX_MODEL_RETRY_SECONDS * 2 ** (message.model_attempts - 1)
    message.model_retry_at = (now or timezone.now()) + timedelta(seconds=delay)


def inbox_message_ask_model_again(*, message_id: object, now: datetime | None = None) -> bool:
    """Run the pipeline again for a message the LLM did not answer for; False when it still does not.

    The new reading replaces the rules' (and their suggestion) unless the user has decided on that
    suggestion already: their decision stands. Without a provider any more, the rules' reading stays.
    """
    message = InboxMessage.objects.select_related("user").filter(pk=message_id, model_retry_at__isnull=False).first()
    if message is None:
        return True
    suggestion = _pipeline(message)
    _reprocessed_store(message_id=message.pk, suggestion=suggestion, now=now)
    return not suggestion.model_unanswered


@transaction.atomic
def _reprocessed_store(*, message_id: object, suggestion: Suggestion, now: datetime | None) -> None:
    message = InboxMessage.objects.select_for_update().select_related("user").filter(pk=message_id).first()
    if message is None or message.model_retry_at is None:
        return
    _model_retry_schedule(message, answered=not suggestion.model_unanswered, now=now)
    previous = InboxSuggestion.objects.select_for_update().filter(message=message).first()
    if suggestion.model_unanswered or (previous is not None and previous.status != SuggestionStatus.PENDING):
        message.save(update_fields=["model_retry_at", "model_attempts"])
        return
    if previous is not None:
        previous.delete()
    _result_record(message, suggestion)


def inbox_messages_ask_model_again(*, now: datetime | None = None) -> int:
    """Beat: ask the LLM again about the messages that are due, oldest due first; how many it answered.

    The first message it still does not answer for ends the run (the provider is most likely still
    down: the others wait for the next run rather than each costing a timeout now).
    """
    now = now or timezone.now()
    due = InboxMessage.objects.filter(model_retry_at__lte=now).order_by("model_retry_at")
    if not llm.is_configured():
        # The provider was removed: the rules' readings are final.
        due.update(model_retry_at=None)
        return 0
    answered = 0
    for message_id in due.values_list("pk", flat=True)[: settings.INBOX_MODEL_RETRY_BATCH_SIZE]:
        if not inbox_message_ask_model_again(message_id=message_id, now=now):
            break
        answered += 1
    return answered


# --- Deciding -----------------------------------------------------------------------------------


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _apply(*, user: User, suggestion: InboxSuggestion, application: Application) -> None:
    """Carry the proposal out through the tracker's services (as a manual change would be)."""
    proposed = suggestion.proposed
    if proposed.get("action") == "stage_add":
        stage_create(
            user=user,
            application=application,
            data={
                "stage_name": proposed["stage_name"],
                "stage_type": proposed.get("stage_type"),
                "stage_date": _day(proposed.get("stage_date")),
                "scheduled_at": _moment(proposed.get("scheduled_at")),
            },
        )
        return
    outcome_status = proposed.get("outcome_status")
    if outcome_status:
        outcome = Outcome.objects.filter(application=application).first()
        if outcome is None:
            outcome_create(user=user, application=application, data={"status": outcome_status})
        else:
            outcome_update(user=user, outcome=outcome, data={"status": outcome_status})
        return
    application_update(user=user, application=application, data={"status": proposed["status"]})


def _decide(suggestion: InboxSuggestion, status: str) -> InboxSuggestion:
    suggestion.status = status
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return suggestion


def _pending(suggestion: InboxSuggestion) -> InboxSuggestion:
    # The suggestion's row alone: asking the model again locks the message, then its suggestion.
    locked = InboxSuggestion.objects.select_for_update(of=("self",)).select_related("message").get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        raise Conflict(f"This suggestion was already {locked.get_status_display().lower()}.", code="already_decided")
    return locked


@transaction.atomic
def inbox_suggestion_accept(*, user: User, suggestion: InboxSuggestion) -> InboxSuggestion:
    """Apply the proposed change to its application; 409 when it was decided before or the
    application is gone."""
    suggestion = _pending(suggestion)
    application = Application.objects.filter(user=user, pk=suggestion.message.application_id).first()
    if application is None:
        raise Conflict("The application this suggestion was for no longer exists.", code="application_gone")
    _apply(user=user, suggestion=suggestion, application=application)
    return _decide(suggestion, SuggestionStatus.ACCEPTED)


@transaction.atomic
def inbox_suggestion_dismiss(*, user: User, suggestion: InboxSuggestion) -> InboxSuggestion:
    return _decide(_pending(suggestion), SuggestionStatus.DISMISSED)



# --- Uploads ------------------------------------------------------------------------------------

# A header line: a field name (printable ASCII but the colon) and a colon.
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]{1,76}:")
_MESSAGE_HEADERS = (b"from", b"subject", b"message-id", b"date", b"to", b"received", b"mime-version", b"return-path")
SNIFF_BYTES = 64 * 1024


def looks_like_message(raw: bytes) -> bool:
    """Whether the bytes are an RFC 822 message by content: a header block of well-formed lines
    naming at least one message header, and no NUL bytes (a PDF or an image renamed .eml is not)."""
    head = raw[:SNIFF_BYTES]
    if b"\x00" in head:
        return False
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[0].startswith(b"From "):  # an mbox separator line
        lines = lines[1:]
    names = set()
    for line in lines:
        if not line:
            break
        if line[:1] in (b" ", b"\t"):  # a folded continuation
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    return bool(names & set(_MESSAGE_HEADERS))


def inbox_message_upload(*, user: User, uploaded_file: UploadedFile) -> tuple[InboxMessage, bool]:
    """A `.eml` upload: 413 over MAX_MESSAGE_BYTES, 415 when it is not an email by its content."""
    if uploaded_file.size is not None and uploaded_file.size > MAX_MESSAGE_BYTES:
        raise PayloadTooLarge(f"The email is larger than the {MAX_MESSAGE_BYTES // (1024 * 1024)} MB limit.")
    raw = uploaded_file.read(MAX_MESSAGE_BYTES + 1)
    if len(raw) > MAX_MESSAGE_BYTES:
        raise PayloadTooLarge(f"The email is larger than the {MAX_MESSAGE_BYTES // (1024 * 1024)} MB limit.")
    if not looks_like_message(raw):
        raise UnsupportedFileType("The file is not an email (an RFC 822 message, .eml).")
    return inbox_message_receive(user=user, via=ReceivedVia.UPLOAD, raw=raw)


# --- The user's mailbox (IMAP) ------------------------------------------------------------------

MAILBOX_FIELDS = ("host", "port", "username", "folder", "use_ssl")
READ_TASK = "tracker.inbox_read_mailbox"


@transaction.atomic
def inbox_mailbox_set(*, user: User, data: Mapping[str, Any]) -> InboxMailbox:
    """Connect (or replace) the user's mailbox. The host must pass the safe fetcher's address rules
    (400 otherwise); the password is stored Fernet-encrypted (503 without INBOX_ENCRYPTION_KEY).
    A new host, user or folder starts reading afresh."""
    if not encryption_configured():
        raise ServiceUnavailable("Connecting a mailbox is not available on this server.", code="inbox_imap_unavailable")
    try:
        mailbox_address(data["host"], data["port"])
    except MailboxRefused as exc:
        raise ValidationError({"host": [str(exc)]}) from None
    mailbox = InboxMailbox.objects.select_for_update().filter(user=user).first() or InboxMailbox(user=user)
    same_place = mailbox.pk is not None and all(getattr(mailbox, name) == data[name] for name in ("host", "username", "folder"))
    for name in MAILBOX_FIELDS:
        setattr(mailbox, name, data[name])
    mailbox.password_encrypted = secret_encrypt(data["password"])
    mailbox.last_error = ""
    if not same_place:
        mailbox.uid_validity, mailbox.last_uid = None, 0
        mailbox.created_at = timezone.now()
    mailbox.save()
    enqueue_on_commit(READ_TASK, str(mailbox.pk))
    return mailbox


@transaction.atomic
def inbox_mailbox_delete(*, user: User, mailbox: InboxMailbox) -> None:
    """Disconnect: the credentials are deleted; messages already read stay in the inbox."""
    mailbox.delete()


def _mailbox_error(mailbox: InboxMailbox, error: str) -> None:
    InboxMailbox.objects.filter(pk=mailbox.pk).update(last_error=error[:1000], last_run_at=timezone.now())


def _first_uids(session: MailboxSession, mailbox: InboxMailbox) -> list[int]:
    """A new mailbox (or a folder whose UIDs were renumbered) is read from INBOX_IMAP_FIRST_RUN_DAYS back."""
    since = (mailbox.created_at or timezone.now()) - timedelta(days=settings.INBOX_IMAP_FIRST_RUN_DAYS)
    status, data = session.connection.uid("search", None, f"SINCE {since.strftime('%d-%b-%Y')}")
    recent = sorted(int(token) for token in (data[0] or b"").split()) if status == "OK" else []
    return recent


def inbox_mailbox_read(*, mailbox_id: str) -> int:
    """Read up to INBOX_IMAP_BATCH_SIZE new messages (each UID once) into the inbox; how many.

    A refused host, a failed login or an undecryptable password is recorded in `last_error` and
    not retried; a network failure is recorded and raised (OSError) for the task to retry.
    """
    mailbox = InboxMailbox.objects.select_related("user").filter(pk=mailbox_id).first()
    if mailbox is None:
        return 0
    try:
        access = MailboxAccess(
            host=mailbox.host, port=mailbox.port, username=mailbox.username,
            password=secret_decrypt(mailbox.password_encrypted), folder=mailbox.folder,
            use_ssl=mailbox.use_ssl, timeout=settings.INBOX_IMAP_TIMEOUT_SECONDS,
        )
        with mailbox_open(access) as session:
            return _mailbox_read_new(mailbox, session)
    except (EncryptionUnavailable, MailboxRefused, MailboxLoginFailed, imaplib.IMAP4.error) as exc:
        _mailbox_error(mailbox, str(exc) or type(exc).__name__)
        return 0
    except OSError as exc:
        _mailbox_error(mailbox, f"The server could not be reached: {exc}")
        raise


def _mailbox_read_new(mailbox: InboxMailbox, session: MailboxSession) -> int:
    fresh = mailbox.uid_validity != session.uid_validity
    uids = _first_uids(session, mailbox) if fresh else session.uids_after(mailbox.last_uid)
    last_uid = 0 if fresh else mailbox.last_uid
    read = 0
    for uid in uids[: settings.INBOX_IMAP_BATCH_SIZE]:
        raw = session.fetch(uid, MAX_MESSAGE_BYTES)
        if raw is not None:
            _, created = inbox_message_receive(user=mailbox.user, via=ReceivedVia.IMAP, raw=raw)
            read += int(created)
        last_uid = max(last_uid, uid)
        # Saved after each message: a failure later in the batch never reads this one again.
        InboxMailbox.objects.filter(pk=mailbox.pk).update(uid_validity=session.uid_validity, last_uid=last_uid)
    now = timezone.now()
    InboxMailbox.objects.filter(pk=mailbox.pk).update(
        uid_validity=session.uid_validity, last_uid=last_uid, last_error="", last_run_at=now, last_success_at=now
    )
    return read


def inbox_mailboxes_read_all() -> int:
    """Beat: one read task per connected mailbox; how many were queued."""
    ids = [str(pk) for pk in InboxMailbox.objects.values_list("pk", flat=True)]
    for mailbox_id in ids:
        enqueue_on_commit(READ_TASK, mailbox_id)
    return len(ids)
