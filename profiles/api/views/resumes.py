"""Seed 003: resume versions (`/resumes/`), their files (`/upload/resumes/{id}`) and downloads."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.parsers import UploadParser
from careerhub.api.schema import DetailMessageSerializer, error_response
from profiles import selectors, services
from profiles.api.serializers.resumes import (
    ResumeUploadInputSerializer,
    ResumeUploadResponseSerializer,
    ResumeVersionCreateInputSerializer,
    ResumeVersionSerializer,
    ResumeVersionUpdateInputSerializer,
    owner_file_url,
)

NOT_FOUND = error_response("Resume version not found (or not yours).")
UNAUTHENTICATED = error_response("Not authenticated.")


class ResumeListView(APIView):
    pagination_class = skip_limit(100)

    @extend_schema(
        tags=["resumes"],
        summary="Your resume versions, newest first",
        responses={200: ResumeVersionSerializer(many=True), 401: UNAUTHENTICATED},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.resume_versions_for(user=request.user), request, view=self)
        return paginator.get_paginated_response(ResumeVersionSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["resumes"],
        summary="Create a resume version",
        request=ResumeVersionCreateInputSerializer,
        responses={201: ResumeVersionSerializer, 400: error_response("Invalid input."), 401: UNAUTHENTICATED},
    )
    def post(self, request):
        data = ResumeVersionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_version_create(user=request.user, **data.validated_data)
        return Response(ResumeVersionSerializer(resume, context={"request": request}).data, status=status.HTTP_201_CREATED)


class ResumeDetailView(APIView):
    @extend_schema(
        tags=["resumes"],
        summary="A resume version",
        responses={200: ResumeVersionSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    )
    def get(self, request, resume_id):
        resume = selectors.resume_version_get(user=request.user, resume_id=resume_id)
        return Response(ResumeVersionSerializer(resume, context={"request": request}).data)

    @extend_schema(
        tags=["resumes"],
        summary="Update a resume version (only the fields sent)",
        request=ResumeVersionUpdateInputSerializer,
        responses={
            200: ResumeVersionSerializer,
            400: error_response("Invalid input."),
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
        },
    )
    def put(self, request, resume_id):
        resume = selectors.resume_version_get(user=request.user, resume_id=resume_id)
        data = ResumeVersionUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_version_update(resume=resume, fields=set(data.validated_data), **data.validated_data)
        return Response(ResumeVersionSerializer(resume, context={"request": request}).data)

    @extend_schema(
        tags=["resumes"],
        summary="Delete a resume version (and its file)",
        responses={200: DetailMessageSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    )
    def delete(self, request, resume_id):
        resume = selectors.resume_version_get(user=request.user, resume_id=resume_id)
        services.resume_version_delete(resume=resume)
        return Response({"detail": "Resume version deleted"})


class ResumeFileView(APIView):
    @extend_schema(
        tags=["resumes"],
        summary="Download the uploaded file of a resume version (owner only)",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file."),
            401: UNAUTHENTICATED,
            404: error_response("Resume version not found, not yours, or without an uploaded file."),
        },
    )
    def get(self, request, resume_id):
        resume = selectors.resume_version_get(user=request.user, resume_id=resume_id)
        response = FileResponse(
            selectors.resume_file_open(resume=resume),
            as_attachment=True,
            filename=resume.file_name or None,
            content_type=resume.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ResumeUploadView(APIView):
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
            400: error_response("No file was submitted."),
            401: UNAUTHENTICATED,
            404: NOT_FOUND,
            413: error_response("The file (or the whole request) is larger than 10 MB."),
            415: error_response("Not a PDF, DOC or DOCX file (by content)."),
        },
    )
    def post(self, request, resume_id):
        resume = selectors.resume_version_get(user=request.user, resume_id=resume_id)
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
