"""Seed 004: `POST /profile/cv` and `GET /profile/cv/parsed`."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.parsers import UploadParser
from careerhub.api.schema import error_response
from careerhub.api.throttles import CvUploadThrottle
from profiles import selectors, services
from profiles.api.serializers.cv import (
    CvUploadAcceptedSerializer,
    CvUploadInputSerializer,
    CvUploadResponseSerializer,
    ParsedCvSerializer,
)
from profiles.models import CvUpload


class CvUploadView(APIView):
    throttle_classes = [CvUploadThrottle]
    parser_classes = [UploadParser]

    @extend_schema(
        tags=["profile"],
        operation_id="profile_cv_upload",
        summary="Upload your CV and read it into your profile (seed 004)",
        description=(
            "Send a PDF, DOCX or TXT file (the type is read from its content) of at most 10 MB as the multipart "
            "field `file`. The file and its text are kept first, so nothing is lost if reading it fails. It is "
            "read by the AI model when the server has one (the same file is read once and remembered for 30 "
            "days) and by careerhub's own parser otherwise (`model` says which). What was read updates your "
            "profile: skills are added to yours, years of experience, and empty contact details and bio are "
            "filled in. When reading takes longer than a few seconds the answer is 202 and "
            "`GET /api/v1/profile/cv/parsed` shows the result once it is ready. A file nothing can be read "
            "from is a 400 whose `code` says why; another file type is a 415 (seed 004 says 400). At most 10 "
            "uploads per hour."
        ),
        request={"multipart/form-data": CvUploadInputSerializer},
        responses={
            200: CvUploadResponseSerializer,
            400: error_response(
                "No file, or a CV that could not be read or parsed: `code` says which (`no_text`, `too_many_pages`, "
                "`document_too_complex`, `extraction_timeout`, `unreadable`, `cv_unparseable`, ...)."
            ),
            202: CvUploadAcceptedSerializer,
            413: error_response("The file (or the whole request) is larger than 10 MB."),
            415: error_response("Not a PDF, DOCX or TXT file (by content)."),
            429: error_response("Too many uploads."),
            503: error_response("The AI service is unavailable; the upload was kept. Retry after Retry-After."),
        },
    )
    def post(self, request):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationError({"file": ["No file was submitted."]})
        upload = services.cv_upload_receive(user=request.user, uploaded_file=uploaded)
        upload = services.cv_upload_process(upload=upload, wait_seconds=settings.CV_PARSE_WAIT_SECONDS)
        if upload.status != CvUpload.Status.COMPLETED:
            return Response(
                {
                    "message": "CV uploaded; parsing continues in the background.",
                    "filename": upload.original_filename,
                    "status": upload.status,
                },
                status=status.HTTP_202_ACCEPTED,
            )
        return Response(
            {
                "message": "CV uploaded and parsed successfully",
                "filename": upload.original_filename,
                "parsed_cv": upload.parsed,
                "model": upload.model,
            }
        )


class ParsedCvView(APIView):
    @extend_schema(
        tags=["profile"],
        summary="Your parsed CV (seed 004)",
        description=(
            "What was read from your latest CV: name, contact details, summary, skills, positions, education "
            "and years of experience. 404 before any upload, while the upload is still being read, and when "
            "nothing could be read from it (`code` says which)."
        ),
        # 404 on a path without a parameter: the schema hook would not add it.
        responses={200: ParsedCvSerializer, 404: error_response("No CV uploaded yet (or not parsed yet).")},
    )
    def get(self, request):
        return Response(selectors.parsed_cv_get(user=request.user))
