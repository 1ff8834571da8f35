"""Contacts, documents and reminders."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import limit_parameter, query_limit, skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api import filters
from tracker.api.serializers import records as s
from tracker.api.views.base import OwnedListView, deleted, validated
from tracker.models import Contact, Reminder
from tracker.selectors import applications as application_selectors
from tracker.selectors import records as record_selectors
from tracker.services import records as record_services

APPLICATION_NOT_FOUND = error_response("Application not found (or not yours).")

# --- Contacts ---------------------------------------------------------------------------------


class ContactListView(OwnedListView):
    model = Contact
    pagination_class = skip_limit(100)
    filterset_class = filters.ContactFilter

    def owned(self):
        return record_selectors.contact_list(user=self.request.user)

    @extend_schema(
        tags=["contacts"],
        summary="Your contacts",
        description=(
            "Recruiters, hiring managers and referrers you keep track of, by name. Filter with "
            "`application_id` and `contact_type`; page with `skip` and `limit`."
        ),
        responses={200: s.ContactSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.ContactSerializer)

    @extend_schema(
        tags=["contacts"],
        summary="Add a contact",
        description="Only `name` is required. `application_id` links the contact to one of your applications (404 if not yours).",
        request=s.ContactInputSerializer,
        responses={201: s.ContactSerializer, 404: APPLICATION_NOT_FOUND},
    )
    def post(self, request):
        data = validated(s.ContactInputSerializer, request.data)
        contact = record_services.contact_create(user=request.user, data=data)
        return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class ContactDetailView(OwnedObjectView):
    lookup_url_kwarg = "contact_id"
    not_found = "Contact not found."

    def get_queryset(self):
        return record_selectors.contact_list(user=self.request.user)

    @extend_schema(tags=["contacts"], summary="One contact", description="Someone else's contact is a 404.", responses={200: s.ContactSerializer})
    def get(self, request, contact_id):
        return Response(s.ContactSerializer(self.get_object()).data)

    @extend_schema(
        tags=["contacts"],
        summary="Change a contact",
        description="Changes only the fields you send; a null `application_id` unlinks it from its application.",
        request=s.ContactInputSerializer,
        responses={200: s.ContactSerializer},
    )
    def put(self, request, contact_id):
        contact = self.get_object()
        data = validated(s.ContactInputSerializer, request.data, partial=True)
        contact = record_services.contact_update(user=request.user, contact=contact, data=data)
        return Response(s.ContactSerializer(contact).data)

    @extend_schema(
        tags=["contacts"],
        summary="Delete a contact",
        description='Answers `{"detail": "Contact deleted"}`.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, contact_id):
        record_services.contact_delete(user=request.user, contact=self.get_object())
        return deleted("Contact")


# --- Documents --------------------------------------------------------------------------------


class DocumentCreateView(APIView):
    @extend_schema(
        tags=["documents"],
        summary="Add a document to an application",
        description=(
            "A record of what you sent (a resume, a cover letter, a portfolio) with a link to where the file "
            "lives. `application_id` and `name` are required; an application that is not yours is a 404."
        ),
        request=s.DocumentCreateInputSerializer,
        responses={201: s.DocumentSerializer, 404: APPLICATION_NOT_FOUND},
    )
    def post(self, request):
        data = validated(s.DocumentCreateInputSerializer, request.data)
        document = record_services.document_create(user=request.user, data=data)
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


ITEM_ID = "item_id"


def _item_id(description: str) -> OpenApiParameter:
    return OpenApiParameter(ITEM_ID, OpenApiTypes.UUID, OpenApiParameter.PATH, description=description)


# Seed 003 puts two resources on one path: GET /documents/{application_id} lists an
# application's documents; PUT and DELETE /documents/{doc_id} change one document.
class DocumentByIdView(APIView):

    @extend_schema(
        tags=["documents"],
        operation_id="documents_list",
        summary="An application's documents",
        description=(
            "Seed 003 puts two things on this path: `GET` takes an application's id and lists its documents, "
            "oldest first; `PUT` and `DELETE` take a document's id."
        ),
        parameters=[_item_id("The application's id")],
        responses={200: s.DocumentSerializer(many=True)},
    )
    def get(self, request, item_id):
        documents = application_selectors.document_list(user=request.user, application_id=item_id)
        return Response(s.DocumentSerializer(documents, many=True).data)

    @extend_schema(
        tags=["documents"],
        summary="Change a document",
        description="Takes the document's id (`GET` on this path takes an application's). Changes only the fields sent.",
        parameters=[_item_id("The document's id")],
        request=s.DocumentUpdateInputSerializer,
        responses={200: s.DocumentSerializer},
    )
    def put(self, request, item_id):
        document = application_selectors.document_get(user=request.user, document_id=item_id)
        data = validated(s.DocumentUpdateInputSerializer, request.data)
        document = record_services.document_update(user=request.user, document=document, data=data)
        return Response(s.DocumentSerializer(document).data)

    @extend_schema(
        tags=["documents"],
        summary="Delete a document",
        description='Takes the document\'s id. Answers `{"detail": "Document deleted"}`.',
        parameters=[_item_id("The document's id")],
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, item_id):
        document = application_selectors.document_get(user=request.user, document_id=item_id)
        record_services.document_delete(user=request.user, document=document)
        return deleted("Document")


# --- Reminders --------------------------------------------------------------------------------


class ReminderListView(OwnedListView):
    model = Reminder
    pagination_class = skip_limit(100)
    filterset_class = filters.ReminderFilter

    def owned(self):
        return record_selectors.reminder_list(user=self.request.user)

    @extend_schema(
        tags=["reminders"],
        summary="Your reminders",
        description=(
            "Every reminder, soonest first. Filter with `is_completed` (`true` or `false`) and `reminder_type`; "
            "page with `skip` and `limit`. `GET /api/v1/reminders/upcoming` gives the ones still to do."
        ),
        responses={200: s.ReminderSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.ReminderSerializer)

    @extend_schema(
        tags=["reminders"],
        summary="Set a reminder",
        description=(
            "`title` and `remind_at` (ISO 8601; UTC without an offset) are required. careerhub emails you when "
            "it is due (when the server sends email), and it appears in your calendar feed. `application_id` "
            "links it to one of your applications."
        ),
        request=s.ReminderCreateInputSerializer,
        responses={201: s.ReminderSerializer, 404: APPLICATION_NOT_FOUND},
    )
    def post(self, request):
        data = validated(s.ReminderCreateInputSerializer, request.data)
        reminder = record_services.reminder_create(user=request.user, data=data)
        return Response(s.ReminderSerializer(reminder).data, status=status.HTTP_201_CREATED)


class ReminderUpcomingView(APIView):
    @extend_schema(
        tags=["reminders"],
        summary="Reminders still to do",
        description="The reminders not completed yet: upcoming ones first, soonest first, then the overdue ones.",
        parameters=[limit_parameter(10, "Maximum number of reminders (values above the page cap are clamped).")],
        responses={200: s.ReminderSerializer(many=True)},
    )
    def get(self, request):
        limit = query_limit(request, 10)
        reminders = record_selectors.reminder_upcoming_list(user=request.user)[:limit]
        return Response(s.ReminderSerializer(reminders, many=True).data)


class _ReminderView(OwnedObjectView):
    lookup_url_kwarg = "reminder_id"
    not_found = "Reminder not found."

    def get_queryset(self):
        return record_selectors.reminder_list(user=self.request.user)


class ReminderDetailView(_ReminderView):
    @extend_schema(
        tags=["reminders"], summary="One reminder", description="Someone else's reminder is a 404.", responses={200: s.ReminderSerializer}
    )
    def get(self, request, reminder_id):
        return Response(s.ReminderSerializer(self.get_object()).data)

    @extend_schema(
        tags=["reminders"],
        summary="Change a reminder",
        description=(
            "Changes only the fields you send. A new `remind_at` reschedules it (you are notified again at the "
            "new time); `is_completed` completes or reopens it."
        ),
        request=s.ReminderUpdateInputSerializer,
        responses={200: s.ReminderSerializer},
    )
    def put(self, request, reminder_id):
        reminder = self.get_object()
        data = validated(s.ReminderUpdateInputSerializer, request.data)
        reminder = record_services.reminder_update(user=request.user, reminder=reminder, data=data)
        return Response(s.ReminderSerializer(reminder).data)

    @extend_schema(
        tags=["reminders"],
        summary="Delete a reminder",
        description='Answers `{"detail": "Reminder deleted"}`.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, reminder_id):
        record_services.reminder_delete(user=request.user, reminder=self.get_object())
        return deleted("Reminder")


class ReminderCompleteView(_ReminderView):
    @extend_schema(
        tags=["reminders"],
        operation_id="reminders_complete",
        summary="Mark a reminder done",
        description="Completing one that is already done changes nothing (it keeps when it was first completed).",
        request=None,
        responses={200: s.ReminderSerializer},
    )
    def post(self, request, reminder_id):
        reminder = record_services.reminder_complete(user=request.user, reminder=self.get_object())
        return Response(s.ReminderSerializer(reminder).data)
