"""Seed 004: `POST /profile/cv` and `GET /profile/cv/parsed`, and where to poll an upload that answered 202."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.errors import ServiceUnavailable, Unprocessable
from careerhub.api.parsers import UploadParser
from careerhub.api.schema import error_response
from careerhub.api.throttles import CvUploadThrottle
from careerhub.api.views import OwnedObjectView
from profiles import selectors, services
from profiles.api.serializers.cv import (
    CvUploadAcceptedSerializer,
    CvUploadInputSerializer,
    CvUploadResponseSerializer,
    ParsedCvSerializer,
)
from profiles.models import CvUpload
from profiles.services.cv import NOTHING_FOUND, RUNNING

POLL_ROUTE = "profile-cv-upload"
# What an upload may answer besides 200 (the standard errors come from the schema hook).
OUTCOMES = {
    202: OpenApiResponse(CvUploadAcceptedSerializer, description="Still parsing: poll `poll_url` (also in Location)."),
    400: error_response(
        "The CV could not be read (too_many_pages, extraction_timeout, document_too_complex, encrypted, unreadable, "
        "no_text) or nothing could be parsed from it (cv_unparseable)."
    ),
    503: error_response("The AI service (or the file store) is unavailable; the upload was kept and is retried. Retry after Retry-After."),
}


def _poll_url(request, upload_id) -> str:
    namespace = getattr(request.resolver_match, "namespace", "") or "v1"
    try:
        return reverse(f"{namespace}:{POLL_ROUTE}", kwargs={"upload_id": upload_id})
    except NoReverseMatch:
        return reverse(f"v1:{POLL_ROUTE}", kwargs={"upload_id": upload_id})


def cv_upload_response(request, upload: CvUpload) -> Response:
    """200 with the parsed CV, 202 with where to poll, or the error the parse ended with."""
    if upload.status == CvUpload.Status.COMPLETED:
        body = {
            "message": "CV uploaded and parsed successfully",
            "filename": upload.original_filename,
            "parsed_cv": upload.parsed,
            "model": upload.model,
        }
        # Seed 004's body; the upload's own URL (which answers the same) goes in a header.
        return Response(CvUploadResponseSerializer(body).data, headers={"Content-Location": _poll_url(request, upload.pk)})
    if upload.status in RUNNING:
        url = _poll_url(request, upload.pk)
        body = {
            "message": "CV uploaded; parsing continues in the background.",
            "filename": upload.original_filename,
            "status": upload.status,
            "upload_id": upload.pk,
            "poll_url": url,
        }
        return Response(CvUploadAcceptedSerializer(body).data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})
    if upload.status == CvUpload.Status.UNAVAILABLE:
        raise ServiceUnavailable(upload.error or None, code=upload.error_code or "llm_unavailable", retry_after=upload.retry_after or 30)
    raise Unprocessable(upload.error or NOTHING_FOUND, code=upload.error_code or "cv_unparseable")


class CvUploadView(APIView):
    throttle_classes = [CvUploadThrottle]
    parser_classes = [UploadParser]

    @extend_schema(
        tags=["profile"],
        operation_id="profile_cv_upload",
        summary="Upload your CV and read it into your profile (seed 004)",
        description=(
            "Send a PDF, DOCX or TXT file (the type is read from its content) of at most 10 MB as the multipart "
            "field `file`. The file is kept first, so nothing is lost if reading it fails. Its text (at most 50 "
            "pages, within a time limit) is read by the AI model when the server has one (the same file is read "
            "once and remembered for 30 days) and by careerhub's own parser otherwise (`model` says which). What "
            "was read updates your profile: skills are added to yours, years of experience, and empty contact "
            "details and bio are filled in.\n\n"
            "With a background worker the answer is 202 at once, with `poll_url` (and a Location header): GET it "
            "for the outcome, which is the answer this request would have given. Without one (the embedded "
            "default) the CV is read within the request and the answer is 200 with the parsed CV, or the error. "
            "A file nothing can be read from is a 400 whose `code` says why. One CV per user is read at a time: "
            "another upload meanwhile is a 409. Another file type is a 415 (seed 004 says 400). At most 10 uploads "
            "per hour."
        ),
        request={"multipart/form-data": CvUploadInputSerializer},
        responses={
            200: CvUploadResponseSerializer,
            **OUTCOMES,
            409: error_response("Another CV of yours is still being parsed (code cv_parse_in_progress)."),
            413: error_response("The file (or the whole request) is larger than 10 MB."),
            415: error_response("Not a PDF, DOCX or TXT file (by content)."),
            429: error_response("Too many uploads."),
        },
    )
    def post(self, request):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationError({"file": ["No file was submitted."]})
        upload = services.cv_upload_receive(user=request.user, uploaded_file=uploaded)
        upload = services.cv_upload_process(upload=upload, wait_seconds=settings.CV_PARSE_WAIT_SECONDS)
        return cv_upload_response(request, upload)


class CvUploadStatusView(OwnedObjectView):
    lookup_url_kwarg = "upload_id"
    not_found = "CV upload not found."

    def get_queryset(self):
        return selectors.cv_upload_list(user=self.request.user)

    @extend_schema(
        tags=["profile"],
        summary="Poll a CV upload that answered 202",
        description=(
            "The answer POST /profile/cv would have given once the parse finishes: 200 with the parsed CV, 202 while "
            "it runs, 400 when the file could not be read or nothing could be parsed, 503 + Retry-After while the AI "
            "model is unavailable (the upload is retried in the background)."
        ),
        responses={200: CvUploadResponseSerializer, **OUTCOMES},
    )
    def get(self, request, upload_id):
        return cv_upload_response(request, self.get_object())


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
