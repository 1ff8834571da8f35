"""The inbox (docs/inbox.md): messages, suggestions, settings, the forwarding address, the mailbox."""

from __future__ import annotations

from careerhub.api import serializers
from tracker.inbox.models import InboxMessage, InboxSuggestion
from tracker.input_fields import choice
from tracker.services.inbox import APPLICABLE_KINDS

MAX_TEXT_CHARS = 500_000


def _from_field(fields: dict) -> dict:
    """`from` is a Python keyword: each serializer declares `sender` and this renames it."""
    renamed = {("from" if name == "sender" else name): field for name, field in fields.items()}
    if renamed["from"].source is None:
        renamed["from"].source = "sender"
    return renamed


class InboxUploadFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A raw email (.eml, message/rfc822), at most 5 MB.")


class InboxMessageFieldsSerializer(serializers.Serializer):
    """A message given as fields. `from` is a Python keyword: the field is declared as `sender`
    and renamed in get_fields()."""

    sender = serializers.CharField(max_length=1000, help_text="`Name <address>` or the address alone.")
    to = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    subject = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    date = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="ISO 8601, RFC 822 or a Unix time."
    )
    text = serializers.CharField(max_length=MAX_TEXT_CHARS, allow_blank=True, trim_whitespace=False)

    def get_fields(self):
        return _from_field(super().get_fields())


class InboxMessageSerializer(serializers.ModelSerializer):
    sender = serializers.CharField(read_only=True)
    date = serializers.DateTimeField(source="sent_at", read_only=True, allow_null=True)
    kind = serializers.CharField(read_only=True, allow_null=True, help_text="Empty until the message is processed.")
    application_id = serializers.UUIDField(read_only=True, allow_null=True)
    processed = serializers.SerializerMethodField()
    model_retry_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="The rules were unsure and the LLM did not answer: when it is asked again (the kind and the "
        "suggestion may still change until then). Null otherwise.",
    )

    class Meta:
        model = InboxMessage
        fields = [
            "id",
            "message_id",
            "sender",
            "sender_name",
            "subject",
            "date",
            "excerpt",
            "received_via",
            "received_at",
            "kind",
            "confidence",
            "application_id",
            "processed",
            "model_retry_at",
        ]
        read_only_fields = fields

    def get_processed(self, message: InboxMessage) -> bool:
        return message.processed_at is not None

    def get_fields(self):
        return _from_field(super().get_fields())


class InboxMessageReceivedSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["received", "duplicate"])
    message = InboxMessageSerializer()


class InboxSuggestionMessageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    sender = serializers.CharField()
    subject = serializers.CharField()
    date = serializers.DateTimeField(source="sent_at", allow_null=True)
    excerpt = serializers.CharField()

    def get_fields(self):
        return _from_field(super().get_fields())


class InboxSuggestionSerializer(serializers.ModelSerializer):
    message = InboxSuggestionMessageSerializer(read_only=True)
    kind = serializers.CharField(source="message.kind", read_only=True)
    confidence = serializers.FloatField(source="message.confidence", read_only=True)
    application_id = serializers.UUIDField(source="message.application_id", read_only=True, allow_null=True)
    proposed = serializers.JSONField(
        read_only=True,
        help_text=(
            '`{"action": "status_change", "status", "outcome_status"}` or `{"action": "stage_add", "stage_name", '
            '"stage_type", "scheduled_at", "stage_date"}`.'
        ),
    )

    class Meta:
        model = InboxSuggestion
        fields = ["id", "message", "kind", "confidence", "application_id", "proposed", "status", "created_at", "decided_at"]
        read_only_fields = fields


class InboxSettingsSerializer(serializers.Serializer):
    auto_apply = serializers.ListField(
        child=choice([(kind.value, kind.label) for kind in APPLICABLE_KINDS]),
        max_length=len(APPLICABLE_KINDS),
        help_text="The kinds applied without asking (when sure and matched to one application).",
    )


class InboxAddressSerializer(serializers.Serializer):
    address = serializers.CharField(help_text="Forward employer emails here.")



class InboxMailboxInputSerializer(serializers.Serializer):
    host = serializers.CharField(max_length=253)
    port = serializers.IntegerField(min_value=1, max_value=65535, required=False, default=993)
    username = serializers.CharField(max_length=255)
    password = serializers.CharField(max_length=1000, write_only=True, trim_whitespace=False)
    folder = serializers.CharField(max_length=255, required=False, default="INBOX")
    use_ssl = serializers.BooleanField(required=False, default=True)

    def validate_host(self, value: str) -> str:
        host = value.strip().rstrip(".").lower()
        if not host or any(char.isspace() or char in "/@:" for char in host):
            raise serializers.ValidationError("A host name or an IP address.")
        return host


class InboxMailboxSerializer(serializers.Serializer):
    host = serializers.CharField()
    port = serializers.IntegerField()
    username = serializers.CharField()
    folder = serializers.CharField()
    use_ssl = serializers.BooleanField()
    last_error = serializers.CharField(help_text="Why the last read failed; empty after a successful one.")
    last_run_at = serializers.DateTimeField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
