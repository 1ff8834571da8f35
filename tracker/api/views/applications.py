"""Applications, and their CSV export and import."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
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

    @extend_schema(tags=["applications"], responses={200: s.ApplicationSerializer(many=True)})
    def get(self, request):
        return self.page(s.ApplicationSerializer)

    @extend_schema(
        tags=["applications"],
        request=s.ApplicationInputSerializer,
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

    @extend_schema(tags=["applications"], responses={200: s.ApplicationSerializer})
    def get(self, request, application_id):
        return Response(s.ApplicationSerializer(self.get_object()).data)

    @extend_schema(tags=["applications"], request=s.ApplicationInputSerializer, responses={200: s.ApplicationSerializer})
    def put(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        data = validated(s.ApplicationInputSerializer, request.data, partial=True)
        application_services.application_update(user=request.user, application=application, data=data)
        return Response(s.ApplicationSerializer(self.get_object()).data)

    @extend_schema(tags=["applications"], responses={200: DetailMessageSerializer})
    def delete(self, request, application_id):
        application = application_selectors.application_get(user=request.user, application_id=application_id)
        application_services.application_delete(user=request.user, application=application)
        return deleted("Application")


class ApplicationExportView(APIView):
    @extend_schema(
        tags=["applications"],
        summary="Export applications and their stages as CSV",
        description=(
            "One row per stage (one row for an application without stages), streamed. UTF-8 with a byte order mark, "
            "so Excel reads accents right. A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, "
            "`-`, `@`, a tab or a carriage return) is written with a leading apostrophe; the import removes it again."
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
        summary="Import applications and their stages from CSV (all or nothing)",
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
