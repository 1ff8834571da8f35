"""What the inbox stores: the messages, the suggestions made from them, and each user's inbox.

Registered with the tracker app (tracker/models.py imports this module); the pipeline modules
beside it stay pure. `save()` has no side effects here either: the services write these rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from tracker.inbox.kinds import MessageKind


class ReceivedVia(models.TextChoices):
    UPLOAD = "upload", "Upload"
    FORWARD = "forward", "Forward"
    IMAP = "imap", "IMAP"


class SourceFormat(models.TextChoices):
    RFC822 = "rfc822", "RFC 822 message"
    JSON = "json", "JSON fields"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"
    AUTO_APPLIED = "auto_applied", "Applied automatically"


class InboxMessage(models.Model):
    """One employer email, however it arrived; the same Message-ID twice is one row per user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages")
    # "<id@host>" as the Message-ID header says, or one made from the content when it has none.
    message_id = models.CharField(max_length=255)
    sender = models.CharField(max_length=1000, blank=True)
    sender_name = models.CharField(max_length=1000, blank=True)
    subject = models.CharField(max_length=1000, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    excerpt = models.CharField(max_length=255, blank=True)
    # In-Reply-To and References (the earlier messages this one answers), and the ids later
    # messages of the thread will name (its own Message-ID, a forwarded original's).
    thread_ids = models.JSONField(default=list, blank=True)
    own_ids = models.JSONField(default=list, blank=True)
    forwarded_by = models.CharField(max_length=1000, blank=True)
    received_via = models.CharField(max_length=10, choices=ReceivedVia.choices)
    # What arrived, kept for the processing task (and a later re-run) until retention deletes it.
    source = models.BinaryField(editable=False)
    source_format = models.CharField(max_length=10, choices=SourceFormat.choices, editable=False)
    # Filled in by the processing task.
    kind = models.CharField(max_length=30, choices=MessageKind.choices, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    model = models.CharField(max_length=100, blank=True)
    application = models.ForeignKey(
        "tracker.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="inbox_messages"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    # The rules were unsure and the LLM did not answer: it is asked again from this moment on
    # (services.inbox.inbox_messages_ask_model_again); null when there is nothing to ask.
    model_retry_at = models.DateTimeField(null=True, blank=True, editable=False)
    model_attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "message_id"], name="tracker_inbox_message_unique_per_user"),
        ]
        indexes = [
            models.Index(fields=["user", "-received_at"], name="tracker_inbox_msg_user_idx"),
            models.Index(fields=["received_at"], name="tracker_inbox_msg_received_idx"),
            models.Index(
                fields=["model_retry_at"], condition=models.Q(model_retry_at__isnull=False), name="tracker_inbox_msg_retry_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_id


class InboxSuggestion(models.Model):
    """The tracker change one message proposes; nothing changes until it is accepted (or auto-applied)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_suggestions")
    message = models.OneToOneField(InboxMessage, on_delete=models.CASCADE, related_name="suggestion")
    # StatusChange.as_dict() or NewStage.as_dict() (tracker.inbox.suggestions).
    proposed = models.JSONField()
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["user", "status", "-created_at"], name="tracker_inbox_sugg_user_idx")]

    def __str__(self) -> str:
        return f"{self.proposed.get('action', 'suggestion')} ({self.status})"


class InboxSettings(models.Model):
    """A user's inbox: the forwarding address's token and the kinds applied without asking.

    The token is kept as it is (not hashed): GET /inbox/address shows the address every time, and
    it is an email address the user hands to their mail provider anyway; rotating replaces it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_settings")
    forwarding_token = models.CharField(max_length=64, unique=True)
    auto_apply = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "inbox settings"

    def __str__(self) -> str:
        return f"Inbox of {self.user_id}"


class InboxMailbox(models.Model):
    """The user's own mailbox, read over IMAP by a beat task. The password is Fernet-encrypted
    (INBOX_ENCRYPTION_KEY) and never leaves the server."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_mailbox")
    host = models.CharField(max_length=253)
    port = models.PositiveIntegerField()
    username = models.CharField(max_length=255)
    password_encrypted = models.TextField(editable=False)
    folder = models.CharField(max_length=255, default="INBOX")
    use_ssl = models.BooleanField(default=True)
    # The folder's UIDVALIDITY and the highest UID read in it: each message is read once.
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "inbox mailboxes"

    def __str__(self) -> str:
        return f"{self.username} at {self.host}"
