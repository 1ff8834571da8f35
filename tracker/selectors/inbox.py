"""The inbox's reads: the user's messages, pending suggestions and mailbox."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from tracker.inbox.models import InboxMailbox, InboxMessage, InboxSuggestion, SuggestionStatus


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
