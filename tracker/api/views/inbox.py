"""The inbox (docs/inbox.md): employer emails in, suggested tracker changes out, nothing applied
without the user's word (or their opt-in per kind)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.parsers import LimitedJSONParser, UploadParser
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api.serializers import inbox as s
from tracker.api.views.base import OwnedListView, deleted, validated
from tracker.inbox.models import InboxMessage, InboxSuggestion, ReceivedVia
from tracker.selectors import inbox as inbox_selectors
from tracker.services import inbox as inbox_services

TAGS = ["inbox"]


def _received(message: InboxMessage, created: bool) -> Response:
    body = {"status": "received" if created else "duplicate", "message": message}
    return Response(
        s.InboxMessageReceivedSerializer(body).data, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
    )


class InboxMessageListView(OwnedListView):
    model = InboxMessage
    pagination_class = skip_limit(50)
    parser_classes = [LimitedJSONParser, UploadParser]

    def owned(self):
        return inbox_selectors.inbox_message_list(user=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="The emails in your inbox, newest first",
        description="Every message received by upload, forwarding or your mailbox, kept INBOX_RETENTION_DAYS days.",
        responses={200: s.InboxMessageSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.InboxMessageSerializer)

    @extend_schema(
        tags=TAGS,
        operation_id="inbox_messages_upload",
        summary="Upload an employer email",
        description=(
            "Either a raw email as the multipart field `file` (an `.eml` file, `message/rfc822`, at most 5 MB, "
            "recognised by its content), or JSON `{from, to, subject, date, text}`. The message is stored and "
            "answered with 202 at once; classifying it and matching it to an application run in the "
            "background, and a suggestion appears in GET /inbox/suggestions when it proposes a change. The "
            "same Message-ID again (or the same JSON fields again) is the stored message: 200 with "
            '`"status": "duplicate"`.'
        ),
        request={"multipart/form-data": s.InboxUploadFileSerializer, "application/json": s.InboxMessageFieldsSerializer},
        responses={
            202: s.InboxMessageReceivedSerializer,
            200: s.InboxMessageReceivedSerializer,
            413: error_response("The email is larger than 5 MB."),
            415: error_response("The file is not an email (by its content)."),
        },
    )
    def post(self, request):
        if request.content_type.startswith("multipart/"):
            uploaded = request.FILES.get("file")
            if uploaded is None:
                raise ValidationError({"file": ["No file was submitted."]})
            return _received(*inbox_services.inbox_message_upload(user=request.user, uploaded_file=uploaded))
        data = validated(s.InboxMessageFieldsSerializer, request.data)
        fields = {"from": data.pop("sender"), **data}
        return _received(*inbox_services.inbox_message_receive(user=request.user, via=ReceivedVia.UPLOAD, fields=fields))


class InboxMessageDetailView(OwnedObjectView):
    lookup_url_kwarg = "message_id"
    not_found = "Message not found."

    def get_queryset(self):
        return inbox_selectors.inbox_message_list(user=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="One email in your inbox",
        description="The email as received (sender, subject, date, its text) and the application it was matched to.",
        responses={200: s.InboxMessageSerializer},
    )
    def get(self, request, message_id):
        return Response(s.InboxMessageSerializer(self.get_object()).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete an email",
        description="The email and its suggestion are deleted; a change already applied to an application stays.",
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, message_id):
        inbox_services.inbox_message_delete(user=request.user, message=self.get_object())
        return deleted("Message")


class InboxSuggestionListView(OwnedListView):
    model = InboxSuggestion
    pagination_class = skip_limit(50)

    def owned(self):
        return inbox_selectors.inbox_suggestion_list(user=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Suggested changes waiting for your decision",
        description=(
            "One per email that proposes a change to a matched application: a rejection or an offer (recorded "
            "as the outcome), an interview or an assessment (a new stage with its time), or a confirmation (a "
            "Saved application becomes Applied). Pending ones only, newest first."
        ),
        responses={200: s.InboxSuggestionSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.InboxSuggestionSerializer)


class _SuggestionDecisionView(OwnedObjectView):
    lookup_url_kwarg = "suggestion_id"
    not_found = "Suggestion not found."

    def get_queryset(self):
        return inbox_selectors.inbox_suggestion_list(user=self.request.user, status=None)


class InboxSuggestionAcceptView(_SuggestionDecisionView):
    @extend_schema(
        tags=TAGS,
        operation_id="inbox_suggestions_accept",
        summary="Accept a suggestion: the change is applied",
        description=(
            "Applies the proposed change through the tracker, exactly as if you had made it: the activity log, "
            "milestones and the calendar feed follow. An interview stage keeps its time (`scheduled_at`)."
        ),
        request=None,
        responses={
            200: s.InboxSuggestionSerializer,
            409: error_response("The suggestion was already decided, or its application was deleted."),
        },
    )
    def post(self, request, suggestion_id):
        suggestion = inbox_services.inbox_suggestion_accept(user=request.user, suggestion=self.get_object())
        return Response(s.InboxSuggestionSerializer(suggestion).data)


class InboxSuggestionDismissView(_SuggestionDecisionView):
    @extend_schema(
        tags=TAGS,
        operation_id="inbox_suggestions_dismiss",
        summary="Dismiss a suggestion: nothing changes",
        description="The suggestion is marked dismissed and leaves the list; the application stays as it is.",
        request=None,
        responses={200: s.InboxSuggestionSerializer, 409: error_response("The suggestion was already decided.")},
    )
    def post(self, request, suggestion_id):
        suggestion = inbox_services.inbox_suggestion_dismiss(user=request.user, suggestion=self.get_object())
        return Response(s.InboxSuggestionSerializer(suggestion).data)


class InboxSettingsView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Your inbox settings",
        description="`auto_apply`: the kinds of suggestion applied without asking (none until you choose).",
        responses={200: s.InboxSettingsSerializer},
    )
    def get(self, request):
        return Response(s.InboxSettingsSerializer(inbox_services.inbox_settings_ensure(user=request.user)).data)

    @extend_schema(
        tags=TAGS,
        summary="Choose the kinds applied without asking",
        description=(
            "`auto_apply` lists the kinds whose suggestions are applied as soon as they are made, without waiting "
            "for you: only when the classification is sure (INBOX_AUTO_APPLY_MIN_CONFIDENCE) and the email matched "
            "one application. Empty (the default): nothing changes without your acceptance."
        ),
        request=s.InboxSettingsSerializer,
        responses={200: s.InboxSettingsSerializer},
    )
    def put(self, request):
        data = validated(s.InboxSettingsSerializer, request.data)
        return Response(s.InboxSettingsSerializer(inbox_services.inbox_settings_update(user=request.user, data=data)).data)


def _address(inbox) -> Response:
    return Response(s.InboxAddressSerializer({"address": inbox_services.inbox_address(inbox)}).data)


class InboxAddressView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Your forwarding address",
        description=(
            "Forward employer emails (or set a forwarding rule) to this address: each one arrives in your inbox "
            "as if uploaded. The address is a secret: anyone who knows it can put emails in your inbox. Rotate it "
            "if it leaks."
        ),
        responses={200: s.InboxAddressSerializer},
    )
    def get(self, request):
        return _address(inbox_services.inbox_settings_ensure(user=request.user))


class InboxAddressRotateView(APIView):
    @extend_schema(
        tags=TAGS,
        operation_id="inbox_address_rotate",
        summary="Replace your forwarding address",
        description="A new address; mail to the old one is refused from now on.",
        request=None,
        responses={200: s.InboxAddressSerializer},
    )
    def post(self, request):
        return _address(inbox_services.inbox_address_rotate(user=request.user))


class InboxMailboxView(APIView):
    def _mailbox(self, request):
        mailbox = inbox_selectors.inbox_mailbox_get(user=request.user)
        if mailbox is None:
            raise NotFound("No mailbox is connected.")
        return mailbox

    @extend_schema(
        tags=TAGS,
        summary="Your connected mailbox (never its password)",
        description="`last_error` says why the last read failed (a refused login, an unreachable server).",
        responses={200: s.InboxMailboxSerializer, 404: error_response("No mailbox is connected.")},
    )
    def get(self, request):
        return Response(s.InboxMailboxSerializer(self._mailbox(request)).data)

    @extend_schema(
        tags=TAGS,
        summary="Connect your mailbox over IMAP",
        description=(
            "careerhub reads new messages in the folder every few minutes (read-only: nothing is marked as read "
            "or moved), starting a week back. The password is stored encrypted and never returned; an app "
            "password is best. The host must be a public address. Sending this again replaces the mailbox."
        ),
        request=s.InboxMailboxInputSerializer,
        responses={200: s.InboxMailboxSerializer, 503: error_response("This server has no encryption key for passwords.")},
    )
    def put(self, request):
        data = validated(s.InboxMailboxInputSerializer, request.data)
        return Response(s.InboxMailboxSerializer(inbox_services.inbox_mailbox_set(user=request.user, data=data)).data)

    @extend_schema(
        tags=TAGS,
        summary="Disconnect your mailbox",
        description="The stored credentials are deleted; messages already read stay in your inbox.",
        responses={200: DetailMessageSerializer, 404: error_response("No mailbox is connected.")},
    )
    def delete(self, request):
        inbox_services.inbox_mailbox_delete(user=request.user, mailbox=self._mailbox(request))
        return deleted("Mailbox")
