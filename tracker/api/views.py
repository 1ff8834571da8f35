"""Tracker endpoints (seed 003 plus calendar and CSV). Each view: parse → one service or selector → serialize.

Objects are always looked up through the owner-scoped selectors before a body is validated,
so someone else's object is a 404 whatever the body says.
"""

from __future__ import annotations

import csv
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api import serializers as drf_serializers
from careerhub.api.errors import PayloadTooLarge, UnsupportedFileType
from careerhub.api.pagination import limit_parameter, query_limit, skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from tracker import filters, ical
from tracker.api import serializers as s
from tracker.models import ActivityLog, Application, Contact, Reminder, SavedJob
from tracker.selectors import analytics as analytics_selectors
from tracker.selectors import applications as application_selectors
from tracker.selectors import calendar as calendar_selectors
from tracker.selectors import exports as export_selectors
from tracker.selectors import records as record_selectors
from tracker.services import applications as application_services
from tracker.services import calendar as calendar_services
from tracker.services import imports as import_services
from tracker.services import outcomes as outcome_services
from tracker.services import records as record_services
from tracker.services import saved_jobs as saved_job_services
from tracker.services import stages as stage_services
from tracker.services import tags as tag_services

NOT_AUTHENTICATED = error_response("Missing or invalid token.")
INVALID = error_response("Invalid input.")
IMPORT_EXTENSIONS = {".csv", ".txt", ""}


def _valid(serializer_class: type[drf_serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _deleted(thing: str) -> Response:
    return Response({"detail": f"{thing} deleted"})


def _not_found(what: str) -> OpenApiResponse:
    return error_response(f"{what} not found (or not yours).")


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _OwnedList(GenericAPIView):
    """A seed 003 list: owner-scoped selector, django-filter query parameters, skip/limit."""

    model: type

    def owned(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return self.model.objects.none()
        return self.owned()

    def page(self, serializer_class) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(serializer_class(page, many=True).data)


# --- Applications -----------------------------------------------------------------------------


def _application_created_body(user, application: Application) -> dict:
    application = application_selectors.application_get(user=user, application_id=application.pk)
    application.duplicates = list(
        application_selectors.application_duplicates(
            user=user,
            company_name=application.company_name,
            role_title=application.role_title,
            exclude_id=application.pk,
        )
    )
    return s.ApplicationCreatedSerializer(application).data


class ApplicationListView(_OwnedList):
    model = Application
    pagination_class = skip_limit(100)
    filterset_class = filters.ApplicationFilter

    def owned(self):
        return application_selectors.applications_for(user=self.request.user)

    @extend_schema(
        tags=["applications"],
        responses={200: s.ApplicationSerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        return self.page(s.ApplicationSerializer)

    @extend_schema(
        tags=["applications"],
        request=s.ApplicationInputSerializer,
        responses={
            201: s.ApplicationCreatedSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Resume version"),
        },
    )
    def post(self, request):
        data = _valid(s.ApplicationInputSerializer, request.data)
        application = application_services.application_create(user=request.user, data=data)
        return Response(_application_created_body(request.user, application), status=status.HTTP_201_CREATED)


class ApplicationDetailView(APIView):
    @extend_schema(
        tags=["applications"],
        responses={200: s.ApplicationSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def get(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        return Response(s.ApplicationSerializer(application).data)

    @extend_schema(
        tags=["applications"],
        request=s.ApplicationUpdateInputSerializer,
        responses={
            200: s.ApplicationSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Application or resume version"),
        },
    )
    def put(self, request, application_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        data = _valid(s.ApplicationUpdateInputSerializer, request.data)
        application_services.application_update(user=request.user, application=application, data=data)
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        return Response(s.ApplicationSerializer(application).data)

    @extend_schema(
        tags=["applications"],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def delete(self, request, application_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        application_services.application_delete(user=request.user, application=application)
        return _deleted("Application")


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


class ApplicationExportView(APIView):
    @extend_schema(
        tags=["applications"],
        summary="Export applications and their stages as CSV",
        responses={(200, "text/csv"): OpenApiTypes.STR, 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        writer = csv.writer(_Echo())
        rows = export_selectors.application_export_rows(user=request.user)
        response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="applications-{timezone.localdate().isoformat()}.csv"'
        return response


class ApplicationImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["applications"],
        summary="Import applications and their stages from CSV (all or nothing)",
        request={"multipart/form-data": s.ImportInputSerializer},
        responses={
            201: s.ImportReportSerializer,
            200: OpenApiResponse(s.ImportReportSerializer, description="A dry run: nothing was written."),
            400: error_response("Invalid CSV; `errors` lists every problem as rows.<row number>.<column>."),
            401: NOT_AUTHENTICATED,
            413: error_response("The file is larger than the upload limit."),
            415: error_response("Not a CSV file."),
        },
    )
    def post(self, request):
        data = _valid(s.ImportInputSerializer, request.data)
        upload = data["file"]
        if PurePath(upload.name or "").suffix.lower() not in IMPORT_EXTENSIONS:
            raise UnsupportedFileType("Upload a .csv file.")
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise PayloadTooLarge()
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise drf_serializers.ValidationError({"file": ["The file must be UTF-8 encoded CSV."]}) from None
        report = import_services.applications_import(user=request.user, text=text, dry_run=data["dry_run"])
        code = status.HTTP_200_OK if report.dry_run else status.HTTP_201_CREATED
        return Response(s.ImportReportSerializer(report).data, status=code)


# --- Stages, outcome, reflection --------------------------------------------------------------


class StageCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.StageInputSerializer,
        responses={201: s.StageSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def post(self, request, application_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        data = _valid(s.StageInputSerializer, request.data)
        stage = stage_services.stage_create(user=request.user, application=application, data=data)
        return Response(s.StageSerializer(stage).data, status=status.HTTP_201_CREATED)


class StageDetailView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.StageUpdateInputSerializer,
        responses={200: s.StageSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Stage")},
    )
    def put(self, request, application_id, stage_id):
        stage = application_selectors.stage_get(user=request.user, application_id=application_id, stage_id=stage_id)
        data = _valid(s.StageUpdateInputSerializer, request.data)
        stage = stage_services.stage_update(user=request.user, stage=stage, data=data)
        return Response(s.StageSerializer(stage).data)

    @extend_schema(
        tags=["applications"],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Stage")},
    )
    def delete(self, request, application_id, stage_id):
        stage = application_selectors.stage_get(user=request.user, application_id=application_id, stage_id=stage_id)
        stage_services.stage_delete(user=request.user, stage=stage)
        return _deleted("Stage")


class StageIcsView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="Download one interview stage as an .ics file",
        responses={
            (200, "text/calendar"): OpenApiTypes.STR,
            400: error_response("The stage has no date."),
            401: NOT_AUTHENTICATED,
            404: _not_found("Stage"),
        },
    )
    def get(self, request, application_id, stage_id):
        stage = application_selectors.stage_get(user=request.user, application_id=application_id, stage_id=stage_id)
        stage = calendar_selectors.stage_with_date(stage=stage)
        return _ics_response(ical.calendar([calendar_selectors.stage_event(stage)]), f"stage-{stage.pk}.ics")


class OutcomeCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.OutcomeInputSerializer,
        responses={
            201: s.OutcomeSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Application"),
            409: error_response("The application already has an outcome (use PUT to update it)."),
        },
    )
    def post(self, request, application_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        data = _valid(s.OutcomeInputSerializer, request.data)
        outcome = outcome_services.outcome_create(user=request.user, application=application, data=data)
        return Response(s.OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeDetailView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.OutcomeInputSerializer,
        responses={200: s.OutcomeSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Outcome")},
    )
    def put(self, request, application_id, outcome_id):
        outcome = application_selectors.outcome_get(
            user=request.user, application_id=application_id, outcome_id=outcome_id
        )
        data = _valid(s.OutcomeInputSerializer, request.data)
        outcome = outcome_services.outcome_update(user=request.user, outcome=outcome, data=data)
        return Response(s.OutcomeSerializer(outcome).data)

    @extend_schema(
        tags=["applications"],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Outcome")},
    )
    def delete(self, request, application_id, outcome_id):
        outcome = application_selectors.outcome_get(
            user=request.user, application_id=application_id, outcome_id=outcome_id
        )
        outcome_services.outcome_delete(user=request.user, outcome=outcome)
        return _deleted("Outcome")


class ReflectionCreateView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.ReflectionInputSerializer,
        responses={
            201: s.ReflectionSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Application"),
            409: error_response("The application already has a reflection (use PUT to update it)."),
        },
    )
    def post(self, request, application_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        data = _valid(s.ReflectionInputSerializer, request.data)
        reflection = outcome_services.reflection_create(user=request.user, application=application, data=data)
        return Response(s.ReflectionSerializer(reflection).data, status=status.HTTP_201_CREATED)


class ReflectionDetailView(APIView):
    @extend_schema(
        tags=["applications"],
        request=s.ReflectionInputSerializer,
        responses={200: s.ReflectionSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Reflection")},
    )
    def put(self, request, application_id, reflection_id):
        reflection = application_selectors.reflection_get(
            user=request.user, application_id=application_id, reflection_id=reflection_id
        )
        data = _valid(s.ReflectionInputSerializer, request.data)
        reflection = outcome_services.reflection_update(user=request.user, reflection=reflection, data=data)
        return Response(s.ReflectionSerializer(reflection).data)

    @extend_schema(
        tags=["applications"],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Reflection")},
    )
    def delete(self, request, application_id, reflection_id):
        reflection = application_selectors.reflection_get(
            user=request.user, application_id=application_id, reflection_id=reflection_id
        )
        outcome_services.reflection_delete(user=request.user, reflection=reflection)
        return _deleted("Reflection")


# --- Contacts ---------------------------------------------------------------------------------


class ContactListView(_OwnedList):
    model = Contact
    pagination_class = skip_limit(100)
    filterset_class = filters.ContactFilter

    def owned(self):
        return record_selectors.contacts_for(user=self.request.user)

    @extend_schema(tags=["contacts"], responses={200: s.ContactSerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return self.page(s.ContactSerializer)

    @extend_schema(
        tags=["contacts"],
        request=s.ContactInputSerializer,
        responses={201: s.ContactSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def post(self, request):
        data = _valid(s.ContactInputSerializer, request.data)
        contact = record_services.contact_create(user=request.user, data=data)
        return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class ContactDetailView(APIView):
    @extend_schema(tags=["contacts"], responses={200: s.ContactSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Contact")})
    def get(self, request, contact_id):
        return Response(s.ContactSerializer(record_selectors.contact_get(user=request.user, contact_id=contact_id)).data)

    @extend_schema(
        tags=["contacts"],
        request=s.ContactUpdateInputSerializer,
        responses={
            200: s.ContactSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Contact or application"),
        },
    )
    def put(self, request, contact_id):
        contact = record_selectors.contact_get(user=request.user, contact_id=contact_id)
        data = _valid(s.ContactUpdateInputSerializer, request.data)
        contact = record_services.contact_update(user=request.user, contact=contact, data=data)
        return Response(s.ContactSerializer(contact).data)

    @extend_schema(tags=["contacts"], responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Contact")})
    def delete(self, request, contact_id):
        contact = record_selectors.contact_get(user=request.user, contact_id=contact_id)
        record_services.contact_delete(user=request.user, contact=contact)
        return _deleted("Contact")


# --- Documents --------------------------------------------------------------------------------


class DocumentCreateView(APIView):
    @extend_schema(
        tags=["documents"],
        request=s.DocumentCreateInputSerializer,
        responses={201: s.DocumentSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def post(self, request):
        data = _valid(s.DocumentCreateInputSerializer, request.data)
        document = record_services.document_create(user=request.user, data=data)
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


ITEM_ID = "item_id"


class DocumentByIdView(APIView):
    """Seed 003 puts two resources on one path: GET /documents/{application_id} lists an
    application's documents; PUT and DELETE /documents/{doc_id} change one document."""

    @extend_schema(
        tags=["documents"],
        summary="List an application's documents",
        parameters=[OpenApiParameter(ITEM_ID, OpenApiTypes.UUID, OpenApiParameter.PATH, description="The application's id")],
        responses={200: s.DocumentSerializer(many=True), 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def get(self, request, item_id):
        documents = application_selectors.documents_for_application(user=request.user, application_id=item_id)
        return Response(s.DocumentSerializer(documents, many=True).data)

    @extend_schema(
        tags=["documents"],
        summary="Update a document",
        parameters=[OpenApiParameter(ITEM_ID, OpenApiTypes.UUID, OpenApiParameter.PATH, description="The document's id")],
        request=s.DocumentUpdateInputSerializer,
        responses={200: s.DocumentSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Document")},
    )
    def put(self, request, item_id):
        document = application_selectors.document_get(user=request.user, document_id=item_id)
        data = _valid(s.DocumentUpdateInputSerializer, request.data)
        document = record_services.document_update(user=request.user, document=document, data=data)
        return Response(s.DocumentSerializer(document).data)

    @extend_schema(
        tags=["documents"],
        summary="Delete a document",
        parameters=[OpenApiParameter(ITEM_ID, OpenApiTypes.UUID, OpenApiParameter.PATH, description="The document's id")],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Document")},
    )
    def delete(self, request, item_id):
        document = application_selectors.document_get(user=request.user, document_id=item_id)
        record_services.document_delete(user=request.user, document=document)
        return _deleted("Document")


# --- Reminders --------------------------------------------------------------------------------


class ReminderListView(_OwnedList):
    model = Reminder
    pagination_class = skip_limit(100)
    filterset_class = filters.ReminderFilter

    def owned(self):
        return record_selectors.reminders_for(user=self.request.user)

    @extend_schema(tags=["reminders"], responses={200: s.ReminderSerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return self.page(s.ReminderSerializer)

    @extend_schema(
        tags=["reminders"],
        request=s.ReminderCreateInputSerializer,
        responses={201: s.ReminderSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def post(self, request):
        data = _valid(s.ReminderCreateInputSerializer, request.data)
        reminder = record_services.reminder_create(user=request.user, data=data)
        return Response(s.ReminderSerializer(reminder).data, status=status.HTTP_201_CREATED)


class ReminderUpcomingView(APIView):
    @extend_schema(
        tags=["reminders"],
        summary="Incomplete reminders: upcoming ones first (soonest first), then overdue ones",
        parameters=[limit_parameter(10, "Maximum number of reminders (values above the page cap are clamped).")],
        responses={200: s.ReminderSerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        limit = query_limit(request, 10)
        reminders = record_selectors.reminders_upcoming(user=request.user)[:limit]
        return Response(s.ReminderSerializer(reminders, many=True).data)


class ReminderDetailView(APIView):
    @extend_schema(tags=["reminders"], responses={200: s.ReminderSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Reminder")})
    def get(self, request, reminder_id):
        return Response(s.ReminderSerializer(record_selectors.reminder_get(user=request.user, reminder_id=reminder_id)).data)

    @extend_schema(
        tags=["reminders"],
        request=s.ReminderUpdateInputSerializer,
        responses={
            200: s.ReminderSerializer,
            400: INVALID,
            401: NOT_AUTHENTICATED,
            404: _not_found("Reminder or application"),
        },
    )
    def put(self, request, reminder_id):
        reminder = record_selectors.reminder_get(user=request.user, reminder_id=reminder_id)
        data = _valid(s.ReminderUpdateInputSerializer, request.data)
        reminder = record_services.reminder_update(user=request.user, reminder=reminder, data=data)
        return Response(s.ReminderSerializer(reminder).data)

    @extend_schema(tags=["reminders"], responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Reminder")})
    def delete(self, request, reminder_id):
        reminder = record_selectors.reminder_get(user=request.user, reminder_id=reminder_id)
        record_services.reminder_delete(user=request.user, reminder=reminder)
        return _deleted("Reminder")


class ReminderCompleteView(APIView):
    @extend_schema(
        tags=["reminders"],
        request=None,
        responses={200: s.ReminderSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Reminder")},
    )
    def post(self, request, reminder_id):
        reminder = record_selectors.reminder_get(user=request.user, reminder_id=reminder_id)
        reminder = record_services.reminder_complete(user=request.user, reminder=reminder)
        return Response(s.ReminderSerializer(reminder).data)


class ReminderIcsView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="Download one reminder as an .ics file",
        responses={(200, "text/calendar"): OpenApiTypes.STR, 401: NOT_AUTHENTICATED, 404: _not_found("Reminder")},
    )
    def get(self, request, reminder_id):
        reminder = record_selectors.reminder_get(user=request.user, reminder_id=reminder_id)
        return _ics_response(ical.calendar([calendar_selectors.reminder_event(reminder)]), f"reminder-{reminder.pk}.ics")


# --- Tags -------------------------------------------------------------------------------------


class TagListView(APIView):
    @extend_schema(tags=["tags"], responses={200: s.TagSerializer(many=True), 401: NOT_AUTHENTICATED})
    def get(self, request):
        return Response(s.TagSerializer(record_selectors.tags_for(user=request.user), many=True).data)

    @extend_schema(
        tags=["tags"],
        request=s.TagCreateInputSerializer,
        responses={201: s.TagSerializer, 400: error_response("Invalid input, or a tag with this name exists."), 401: NOT_AUTHENTICATED},
    )
    def post(self, request):
        data = _valid(s.TagCreateInputSerializer, request.data)
        tag = tag_services.tag_create(user=request.user, name=data["name"], color=data.get("color"))
        return Response(s.TagSerializer(tag).data, status=status.HTTP_201_CREATED)


class TagDetailView(APIView):
    @extend_schema(
        tags=["tags"],
        request=s.TagUpdateInputSerializer,
        responses={
            200: s.TagSerializer,
            400: error_response("Invalid input, or a tag with this name exists."),
            401: NOT_AUTHENTICATED,
            404: _not_found("Tag"),
        },
    )
    def put(self, request, tag_id):
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        data = _valid(s.TagUpdateInputSerializer, request.data)
        tag = tag_services.tag_update(user=request.user, tag=tag, **data)
        return Response(s.TagSerializer(tag).data)

    @extend_schema(tags=["tags"], responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Tag")})
    def delete(self, request, tag_id):
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        tag_services.tag_delete(user=request.user, tag=tag)
        return _deleted("Tag")


class ApplicationTagListView(APIView):
    @extend_schema(
        tags=["tags"],
        responses={200: s.ApplicationTagSerializer(many=True), 401: NOT_AUTHENTICATED, 404: _not_found("Application")},
    )
    def get(self, request, application_id):
        assignments = application_selectors.application_tags_for(user=request.user, application_id=application_id)
        return Response(s.ApplicationTagSerializer(assignments, many=True).data)


class TagAssignView(APIView):
    @extend_schema(
        tags=["tags"],
        request=None,
        responses={
            201: s.ApplicationTagSerializer,
            400: error_response("The tag is already assigned to this application."),
            401: NOT_AUTHENTICATED,
            404: _not_found("Application or tag"),
        },
    )
    def post(self, request, application_id, tag_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        assignment = tag_services.tag_assign(user=request.user, application=application, tag=tag)
        return Response(s.ApplicationTagSerializer(assignment).data, status=status.HTTP_201_CREATED)


class TagRemoveView(APIView):
    @extend_schema(
        tags=["tags"],
        responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Application, tag or assignment")},
    )
    def delete(self, request, application_id, tag_id):
        application = application_selectors.application_get_bare(user=request.user, application_id=application_id)
        tag = record_selectors.tag_get(user=request.user, tag_id=tag_id)
        tag_services.tag_unassign(user=request.user, application=application, tag=tag)
        return Response({"detail": "Tag removed from application"})


# --- Saved jobs -------------------------------------------------------------------------------


class SavedJobListView(_OwnedList):
    model = SavedJob
    pagination_class = skip_limit(100)
    filterset_class = filters.SavedJobFilter

    def owned(self):
        return record_selectors.saved_jobs_for(user=self.request.user)

    @extend_schema(tags=["saved jobs"], responses={200: s.SavedJobSerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return self.page(s.SavedJobSerializer)

    @extend_schema(
        tags=["saved jobs"],
        request=s.SavedJobInputSerializer,
        responses={201: s.SavedJobCreatedSerializer, 400: INVALID, 401: NOT_AUTHENTICATED},
    )
    def post(self, request):
        data = _valid(s.SavedJobInputSerializer, request.data)
        saved_job = saved_job_services.saved_job_create(user=request.user, data=data)
        saved_job.duplicates = list(
            application_selectors.application_duplicates(
                user=request.user, company_name=saved_job.company_name, role_title=saved_job.role_title
            )
        )
        return Response(s.SavedJobCreatedSerializer(saved_job).data, status=status.HTTP_201_CREATED)


class SavedJobDetailView(APIView):
    @extend_schema(tags=["saved jobs"], responses={200: s.SavedJobSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Saved job")})
    def get(self, request, saved_job_id):
        saved_job = record_selectors.saved_job_get(user=request.user, saved_job_id=saved_job_id)
        return Response(s.SavedJobSerializer(saved_job).data)

    @extend_schema(
        tags=["saved jobs"],
        request=s.SavedJobUpdateInputSerializer,
        responses={200: s.SavedJobSerializer, 400: INVALID, 401: NOT_AUTHENTICATED, 404: _not_found("Saved job")},
    )
    def put(self, request, saved_job_id):
        saved_job = record_selectors.saved_job_get(user=request.user, saved_job_id=saved_job_id)
        data = _valid(s.SavedJobUpdateInputSerializer, request.data)
        saved_job = saved_job_services.saved_job_update(user=request.user, saved_job=saved_job, data=data)
        return Response(s.SavedJobSerializer(saved_job).data)

    @extend_schema(tags=["saved jobs"], responses={200: DetailMessageSerializer, 401: NOT_AUTHENTICATED, 404: _not_found("Saved job")})
    def delete(self, request, saved_job_id):
        saved_job = record_selectors.saved_job_get(user=request.user, saved_job_id=saved_job_id)
        saved_job_services.saved_job_delete(user=request.user, saved_job=saved_job)
        return _deleted("Saved job")


class SavedJobConvertView(APIView):
    @extend_schema(
        tags=["saved jobs"],
        summary="Promote a saved job to an application (once)",
        request=s.ConvertInputSerializer,
        responses={
            201: s.ApplicationCreatedSerializer,
            400: error_response("The saved job has no role title, or the body is invalid."),
            401: NOT_AUTHENTICATED,
            404: _not_found("Saved job"),
            409: error_response("The saved job has already been converted (code `already_converted`)."),
        },
    )
    def post(self, request, saved_job_id):
        saved_job = record_selectors.saved_job_get(user=request.user, saved_job_id=saved_job_id)
        data = _valid(s.ConvertInputSerializer, request.data)
        application = saved_job_services.saved_job_convert(user=request.user, saved_job=saved_job, data=data)
        return Response(_application_created_body(request.user, application), status=status.HTTP_201_CREATED)


# --- Analytics --------------------------------------------------------------------------------


class DashboardView(APIView):
    @extend_schema(tags=["analytics"], responses={200: s.DashboardSerializer, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return Response(s.DashboardSerializer(analytics_selectors.dashboard_for(user=request.user)).data)


class ActivityView(_OwnedList):
    model = ActivityLog
    pagination_class = skip_limit(50)
    filterset_class = filters.ActivityFilter

    def owned(self):
        return record_selectors.activity_for(user=self.request.user)

    @extend_schema(tags=["analytics"], responses={200: s.ActivitySerializer(many=True), 400: INVALID, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return self.page(s.ActivitySerializer)


class QuestionBankView(APIView):
    @extend_schema(tags=["analytics"], responses={200: s.QuestionBankSerializer, 401: NOT_AUTHENTICATED})
    def get(self, request):
        return Response(s.QuestionBankSerializer(analytics_selectors.question_bank(user=request.user)).data)


# --- Calendar feed ----------------------------------------------------------------------------


def _feed_body(request, feed) -> dict:
    path = reverse("v1:calendar-feed-public", kwargs={"token": feed.token})
    return s.CalendarFeedSerializer(
        {"url": request.build_absolute_uri(path), "token": feed.token, "rotated_at": feed.rotated_at}
    ).data


class CalendarFeedView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="The secret iCalendar subscription URL (created on first use)",
        responses={200: s.CalendarFeedSerializer, 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        return Response(_feed_body(request, calendar_services.calendar_feed_ensure(user=request.user)))


class CalendarFeedRotateView(APIView):
    @extend_schema(
        tags=["calendar"],
        summary="Replace the secret URL; the old one stops working at once",
        request=None,
        responses={200: s.CalendarFeedSerializer, 401: NOT_AUTHENTICATED},
    )
    def post(self, request):
        return Response(_feed_body(request, calendar_services.calendar_feed_rotate(user=request.user)))


class CalendarFeedPublicView(APIView):
    """The feed itself: no JWT (calendar apps cannot send one); the secret token is the key."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["calendar"],
        operation_id="calendar_feed_ics",
        summary="The iCalendar feed (RFC 5545) of reminders, interviews, offer deadlines and follow-ups",
        responses={(200, "text/calendar"): OpenApiTypes.STR, 404: error_response("Unknown or rotated token.")},
    )
    def get(self, request, token):
        user = calendar_selectors.calendar_feed_user(token=token)
        body = ical.calendar(calendar_selectors.calendar_events(user=user), name="careerhub job search")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response
