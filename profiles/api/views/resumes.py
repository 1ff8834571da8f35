"""Seed 003: resume versions (`/resumes/`), their files (`/upload/resumes/{id}`) and downloads."""

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.parsers import UploadParser
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from profiles import selectors, services
from profiles.api.serializers.resumes import (
    ResumeExportQuerySerializer,
    ResumeUploadInputSerializer,
    ResumeUploadResponseSerializer,
    ResumeVersionCreateInputSerializer,
    ResumeVersionDetailSerializer,
    ResumeVersionSerializer,
    ResumeVersionUpdateInputSerializer,
    owner_file_url,
)
from profiles.export import FORMATS, resume_export
from profiles.models import ResumeVersion


class ResumeListView(APIView):
    pagination_class = skip_limit(100)

    @extend_schema(
        tags=["resumes"],
        summary="Your resume versions, newest first",
        responses={200: ResumeVersionSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.resume_version_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(ResumeVersionSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["resumes"],
        summary="Create a resume version",
        request=ResumeVersionCreateInputSerializer,
        responses={201: ResumeVersionDetailSerializer},
    )
    def post(self, request):
        data = ResumeVersionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_version_create(user=request.user, data=data.validated_data)
        return Response(ResumeVersionDetailSerializer(resume, context={"request": request}).data, status=status.HTTP_201_CREATED)


# An endpoint about one of the user's resume versions (`<uuid:resume_id>`). No docstring: the
# schema would show it as the description of every operation below.
class ResumeVersionView(OwnedObjectView):
    lookup_url_kwarg = "resume_id"
    not_found = "Resume version not found."

    def get_queryset(self) -> QuerySet[ResumeVersion]:
        return selectors.resume_version_list(user=self.request.user)


class ResumeDetailView(ResumeVersionView):
    @extend_schema(
        tags=["resumes"],
        summary="A resume version",
        description="With its tailored content, keywords and removed claims when it was tailored to a job.",
        responses={200: ResumeVersionDetailSerializer},
    )
    def get(self, request, resume_id):
        return Response(ResumeVersionDetailSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(
        tags=["resumes"],
        summary="Update a resume version (only the fields sent)",
        request=ResumeVersionUpdateInputSerializer,
        responses={200: ResumeVersionDetailSerializer},
    )
    def put(self, request, resume_id):
        resume = self.get_object()
        data = ResumeVersionUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_version_update(resume=resume, data=data.validated_data)
        return Response(ResumeVersionDetailSerializer(resume, context={"request": request}).data)

    @extend_schema(
        tags=["resumes"], summary="Delete a resume version (and its file)", responses={200: DetailMessageSerializer}
    )
    def delete(self, request, resume_id):
        services.resume_version_delete(resume=self.get_object())
        return Response({"detail": "Resume version deleted"})


class ResumeFileView(ResumeVersionView):
    @extend_schema(
        tags=["resumes"],
        summary="Download the uploaded file of a resume version (owner only)",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")},
    )
    def get(self, request, resume_id):
        resume = self.get_object()
        response = FileResponse(
            selectors.resume_file_open(resume=resume),
            as_attachment=True,
            filename=resume.file_name or None,
            content_type=resume.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ResumeUploadView(ResumeVersionView):
    parser_classes = [UploadParser]

    @extend_schema(
        tags=["resumes"],
        summary="Upload the file of a resume version (seed 003)",
        description=(
            "PDF, DOC or DOCX (checked by content, not by name), at most 10 MB. Seed 003 answers 400 for a "
            "wrong type or size; careerhub answers 415 and 413 as for every upload (DESIGN §2)."
        ),
        request={"multipart/form-data": ResumeUploadInputSerializer},
        responses={
            200: ResumeUploadResponseSerializer,
            413: error_response("The file (or the whole request) is larger than 10 MB."),
            415: error_response("Not a PDF, DOC or DOCX file (by content)."),
        },
    )
    def post(self, request, resume_id):
        resume = self.get_object()
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationError({"file": ["No file was submitted."]})
        resume = services.resume_version_attach_file(resume=resume, uploaded_file=uploaded)
        return Response(
            {
                "file_url": owner_file_url(resume, request),
                "resume": ResumeVersionSerializer(resume, context={"request": request}).data,
            }
        )


class _ExportNegotiation(BaseContentNegotiation):
    """Here `?format=` names the export format, not a renderer (DRF reads it as URL_FORMAT_OVERRIDE
    and would answer 404 to `format=pdf`), and a client sending `Accept: application/pdf` must
    still get its errors: they are JSON, the only renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


EXPORT_MEDIA_TYPES = {
    "application/pdf": OpenApiTypes.BINARY,
    FORMATS["docx"].content_type: OpenApiTypes.BINARY,
    "application/json": OpenApiTypes.OBJECT,
    "text/markdown": OpenApiTypes.STR,
}


class ResumeExportView(ResumeVersionView):
    content_negotiation_class = _ExportNegotiation

    @extend_schema(
        tags=["resumes"],
        summary="Download a resume version as PDF, Word, JSON Resume or Markdown",
        description=(
            "Renders the version for download (`Content-Disposition: attachment`, named after the person and the "
            "version). A tailored version renders its stored content; a plain one renders the profile and parsed CV "
            "as they are now. `pdf` is a clean one-column A4 document with its fonts embedded, `docx` a Word "
            "document on Word's own styles, `json` a JSON Resume v1.0.0 document (validated against the official "
            "schema), `md` Markdown. Any other `format` is a 400 naming these four."
        ),
        parameters=[
            OpenApiParameter(
                "format", str, OpenApiParameter.QUERY, required=True, enum=list(FORMATS),
                description="pdf, docx, json (JSON Resume v1.0.0) or md.",
            )
        ],
        responses={
            (200, media_type): OpenApiResponse(schema, description="The file.") for media_type, schema in EXPORT_MEDIA_TYPES.items()
        },
    )
    def get(self, request, resume_id):
        resume = self.get_object()
        query = ResumeExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        exported = resume_export(resume=resume, user=request.user, export_format=query.validated_data["format"])
        response = HttpResponse(exported.data, content_type=exported.content_type)
        response["Content-Disposition"] = exported.content_disposition
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
