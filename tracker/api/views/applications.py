"""Applications, and their CSV export and import."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from careerhub.api import serializers
from careerhub.api.errors import PayloadTooLarge, UnsupportedFileType
from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from tracker.api import filters
from tracker.api.serializers import applications as s
from tracker.api.views.base import OwnedListView, deleted, validated
from tracker.models import Application
from tracker.selectors import applications as application_selectors
from tracker.selectors import exports as export_selectors
from tracker.services import applications as application_services
from tracker.services import imports as import_services

IMPORT_EXTENSIONS = {".csv", ".txt", ""}


APPLICATION_EXAMPLE = {
    "id": "3f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a10",
    "user_id": "7d9f6a1e-2b4c-4e8f-9a3d-5c1b2e3f4a5b",
    "company_name": "Northwind Analytics",
    "role_title": "Senior Backend Engineer",
    "url": "https://jobs.example.com/northwind/42",
    "description": None,
    "location": "Remote (Europe)",
    "job_type": "Full-time",
    "work_mode": "Remote",
    "salary_min": 90000,
    "salary_max": 110000,
    "salary_currency": "EUR",
    "applied_source": "Referral",
    "applied_date": "2026-11-17",
    "follow_up_date": None,
    "priority": "High",
    "notes": None,
    "status": "Interviewing",
    "resume_version_id": None,
    "created_at": "2026-11-17T10:00:00Z",
    "updated_at": "2026-11-28T15:30:00Z",
    "stages": [
        {
            "id": "0a6f0d8e-1b2c-4d3e-9f80-112233445566",
            "application_id": "3f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a10",
            "stage_name": "Recruiter call",
            "stage_type": "Recruiter Call",
            "stage_date": "2026-11-21",
            "result": "Passed",
            "duration_minutes": 30,
            "interviewer_names": None,
            "prep_notes": None,
            "questions_asked": None,
            "notes": None,
            "created_at": "2026-11-21T16:00:00Z",
            "updated_at": "2026-11-21T16:00:00Z",
        }
    ],
    "outcome": None,
    "reflection": None,
    "tags": [],
}


def application_created_body(user: User, application: Application) -> dict:
    """A new application as the create endpoints answer: nested rows and the user's duplicates of it."""
    application = application_selectors.application_list(user=user).get(pk=application.pk)
    application.duplicates = list(
        application_selectors.application_duplicate_list(
            user=user,
            company_name=application.company_name,
            role_title=application.role_title,
            exclude_id=application.pk,
        )
    )
    return s.ApplicationCreatedSerializer(application).data


class ApplicationListView(OwnedListView):
    model = Application
    pagination_class = skip_limit(100)
    filterset_class = filters.ApplicationFilter

    def owned(self):
        return application_selectors.application_list(user=self.request.user)

    @extend_schema(
        tags=["applications"],
        summary="Your applications",
        description=(
            "Every application you track, newest first, each with its interview stages, outcome, reflection and "
            "tags. Filter with `status` and `priority`; page with `skip` and `limit` (a plain array, as in "
            "seed 003)."
        ),
        examples=[OpenApiExample("One application", value=APPLICATION_EXAMPLE, response_only=True)],
        responses={200: s.ApplicationSerializer(many=True)},
    )
    def get(self, request):
        return self.page(s.ApplicationSerializer)

    @extend_schema(
        tags=["applications"],
        summary="Track an application",
        description=(
            "Only `company_name` and `role_title` are required. The status starts at `Saved` unless you send "
            "another; created as `Applied` without an `applied_date`, it is dated today (in your time zone). "
            "Enum values are spelled as seed 003 spells them (`Full-time`, `On-site`, `LinkedIn`, ...). The "
            "answer lists in `duplicates` your other applications for the same company and role, if any: a "
            "hint, never a refusal. Naming a resume version that is not yours is a 404."
        ),
        request=s.ApplicationInputSerializer,
        examples=[
            OpenApiExample(
                "Applied last week",
                request_only=True,
                value={
                    "company_name": "Northwind Analytics",
                    "role_title": "Senior Backend Engineer",
                    "status": "Applied",
                    "applied_date": "2026-11-17",
                    "work_mode": "Remote",
                    "job_type": "Full-time",
                    "salary_min": 90000,
                    "salary_max": 110000,
                    "salary_currency": "EUR",
                    "applied_source": "Referral",
                    "priority": "High",
                },
            )
        ],
        responses={201: s.ApplicationCreatedSerializer, 404: error_response("Resume version not found (or not yours).")},
    )
    def post(self, request):
        data = validated(s.ApplicationInputSerializer, request.data)
        application = application_services.application_create(user=request.user, data=data)
        return Response(application_created_body(request.user, application), status=status.HTTP_201_CREATED)


class ApplicationDetailView(OwnedObjectView):
    lookup_url_kwarg = "application_id"
    not_found = "Application not found."

    def get_queryset(self):
        return application_selectors.application_list(user=self.request.user)

    @extend_schema(
        tags=["applications"],
        summary="One application",
        description="With its stages, outcome, reflection and tags. Someone else's application is a 404.",
        responses={200: s.ApplicationSerializer},
    )
    def get(self, request, application_id):
        return Response(s.ApplicationSerializer(self.get_object()).data)

    @extend_schema(
        tags=["applications"],
        summary="Change an application",
        description=(
            "Changes only the fields you send (null clears an optional one). Moving it from `Saved` to "
            "`Applied` dates it today unless it has an `applied_date`; every status change is recorded in the "
            "activity log. Answers the whole application."
        ),
        request=s.ApplicationInputSerializer,
        responses={200: s.ApplicationSerializer},
    )
    def put(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        data = validated(s.ApplicationInputSerializer, request.data, partial=True)
        application_services.application_update(user=request.user, application=application, data=data)
        return Response(s.ApplicationSerializer(self.get_object()).data)

    @extend_schema(
        tags=["applications"],
        summary="Delete an application",
        description=(
            "Deletes it with everything that belongs to it: stages, outcome, reflection, documents, tag "
            "assignments, and the reminders and contacts linked to it. Answers "
            '`{"detail": "Application deleted"}`.'
        ),
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        application_services.application_delete(user=request.user, application=application)
        return deleted("Application")


class ApplicationExportView(APIView):
    @extend_schema(
        tags=["applications"],
        operation_id="applications_export",
        summary="Download your applications as CSV",
        description=(
            "A CSV file of every application you track, one row per interview stage (an application without "
            "stages has one row), in the columns `POST /api/v1/applications/import` reads back. UTF-8 with a byte "
            "order mark, so Excel reads accents right. A cell that a spreadsheet would run as a formula (it starts "
            "with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe; the import "
            "removes it again."
        ),
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        lines = export_selectors.application_export_csv(user=request.user)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="applications-{timezone.localdate().isoformat()}.csv"'
        return response


class ApplicationImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["applications"],
        summary="Import applications from CSV",
        description=(
            "Upload a CSV file (multipart field `file`, UTF-8) in the columns the export writes. The import is "
            "all or nothing: when a row is invalid, nothing is stored and the report names each row's problems. "
            "With `dry_run` true nothing is stored either, and the answer (200) says what would be."
        ),
        request={"multipart/form-data": s.ImportInputSerializer},
        responses={
            201: s.ImportReportSerializer,
            200: OpenApiResponse(s.ImportReportSerializer, description="A dry run: nothing was written."),
            413: error_response("The file is larger than the upload limit."),
            415: error_response("Not a CSV file."),
        },
    )
    def post(self, request):
        data = validated(s.ImportInputSerializer, request.data)
        upload = data["file"]
        if PurePath(upload.name or "").suffix.lower() not in IMPORT_EXTENSIONS:
            raise UnsupportedFileType("Upload a .csv file.")
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise PayloadTooLarge()
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise serializers.ValidationError({"file": ["The file must be UTF-8 encoded CSV."]}) from None
        report = import_services.applications_import(user=request.user, text=text, dry_run=data["dry_run"])
        code = status.HTTP_200_OK if report.dry_run else status.HTTP_201_CREATED
        return Response(s.ImportReportSerializer(report).data, status=code)
