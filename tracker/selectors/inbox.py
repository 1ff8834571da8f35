"""The inbox's reads: the user's messages, pending suggestions and mailbox."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import User
from tracker.inbox.models import InboxMailbox, InboxMessage, InboxSettings, InboxSuggestion, SuggestionStatus

MAX_TOKEN_CHARS = 64


def inbox_message_list(*, user: User) -> QuerySet[InboxMessage]:
    # The stored source can be 5 MB: the list never reads it.
    return InboxMessage.objects.filter(user=user).defer("source", "text").order_by("-received_at", "id")


def inbox_suggestion_list(*, user: User, status: str | None = SuggestionStatus.PENDING) -> QuerySet[InboxSuggestion]:
    suggestions = InboxSuggestion.objects.filter(user=user).select_related("message").defer(
        "message__source", "message__text"
    )
    if status:
        suggestions = suggestions.filter(status=status)
    return suggestions.order_by("-created_at", "id")


def inbox_mailbox_get(*, user: User) -> InboxMailbox | None:
    return InboxMailbox.objects.filter(user=user).first()


def inbox_user_for_address(*, address: str) -> User | None:
    """The user whose forwarding address this is (`in+<token>@INBOX_DOMAIN`, any case), or None."""
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    if domain.rstrip(".") != settings.INBOX_DOMAIN or not local.startswith("in+"):
        return None
    token = local.removeprefix("in+")
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    inbox = InboxSettings.objects.select_related("user").filter(forwarding_token=token, user__is_active=True).first()
    return inbox.user if inbox is not None else None
