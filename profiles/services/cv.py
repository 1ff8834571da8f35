"""Seed 004 CV upload and parsing.

1. `cv_upload_receive` checks the size and the type (by the file's first bytes) and stores the
   file: from here on nothing the user sent can be lost. It reads nothing more of it, so a hostile
   document never occupies a web worker. One parse per user at a time: while an upload of the user
   is pending or processing, another is a 409.
2. `cv_upload_process` hands the upload to the `profiles.parse_cv` Celery task and waits up to
   CV_PARSE_WAIT_SECONDS for it (none by default: the request answers 202 with where to poll).
   When Celery runs eagerly (the embedded default) the task runs in-process, so the request
   answers with its outcome.
3. `cv_upload_parse` (the task's body) extracts the text in a child process under page, memory
   and time limits (`profiles.extraction`), parses it with the LLM or the heuristic parser and
   applies the result to the profile. An unreadable file ends `failed` with a code and its stored
   copy is removed; when the LLM (or the file store) is unreachable the upload is marked
   `unavailable` and a worker retries with backoff.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import NotFound

from accounts.models import User
from accounts.services import user_update
from careerhub.api.errors import Conflict, PayloadTooLarge, ServiceUnavailable, UnsupportedFileType
from careerhub.llm import LLMUnavailable
from careerhub.skills import dedupe_skills
from careerhub.tasks import publish
from profiles.cv_parsing import is_empty, parse_cv_text
from profiles.extraction import sniff
from profiles.extraction.runner import ExtractionError, extract_text
from profiles.models import CvUpload
from profiles.services.profile import lock_profile, profile_changes_apply
from profiles.storage import (
    client_filename,
    delete_stored_file,
    describe_size,
    open_stored_file,
    read_upload,
    store_file,
)

PARSE_TASK = "profiles.parse_cv"
CV_KINDS = (sniff.PDF, sniff.DOCX, sniff.TXT)
RUNNING = (CvUpload.Status.PENDING, CvUpload.Status.PROCESSING)
TERMINAL = (CvUpload.Status.COMPLETED, CvUpload.Status.FAILED, CvUpload.Status.UNAVAILABLE)
# What a parsed CV writes to the profile (the summary goes to the user's bio).
PARSED_CV_FIELDS = ("parsed_cv", "skills", "experience_years", "contact_email", "contact_phone")
NOTHING_FOUND = "Nothing could be read from this CV: no name, contact details, summary, skills, experience or education."
NO_TEXT = "No text could be read from this file (is it a scanned image?)."


def _running_upload(user: User) -> CvUpload | None:
    """The user's upload still pending or processing, unless it is older than CV_PARSE_STALE_SECONDS
    (its task was lost: a crashed worker, a broker outage): then it no longer blocks a new one."""
    since = timezone.now() - timedelta(seconds=settings.CV_PARSE_STALE_SECONDS)
    return CvUpload.objects.filter(user=user, status__in=RUNNING, created_at__gte=since).only("id").first()


def _refuse_while_parsing(user: User) -> None:
    running = _running_upload(user)
    if running is not None:
        raise Conflict(
            f"Your previous CV (upload {running.pk}) is still being parsed; upload another once it has finished "
            f"(GET /api/v1/profile/cv/uploads/{running.pk} says when).",
            code="cv_parse_in_progress",
        )


def cv_upload_receive(*, user: User, uploaded_file: UploadedFile) -> CvUpload:
    """Store an upload for parsing: 413 when too large, 415 when not a PDF, DOCX or text file,
    409 while another CV of the user is being parsed."""
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded_file.size > limit:
        raise PayloadTooLarge(f"The file is larger than the {describe_size(limit)} limit.")
    data = read_upload(uploaded_file)
    kind = sniff.detect(data)
    if kind not in CV_KINDS:
        # 415, not seed 004's 400: DESIGN §2 gives every upload of the wrong type 415.
        raise UnsupportedFileType("Invalid file format: upload a PDF, DOCX or TXT file.")
    _refuse_while_parsing(user)  # before storing anything; checked again under the lock below

    filename = client_filename(uploaded_file, f"cv.{sniff.EXTENSIONS[kind]}")
    upload = CvUpload(
        user=user,
        original_filename=filename,
        kind=kind,
        content_type=sniff.CONTENT_TYPES[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    store_file(upload.file, f"cv.{sniff.EXTENSIONS[kind]}", data)
    try:
        with transaction.atomic():
            # The profile row serialises one user's uploads (on SQLite the IMMEDIATE transaction does).
            lock_profile(user)
            _refuse_while_parsing(user)
            upload.save()
    except Exception:
        delete_stored_file(upload.file.name)
        raise
    return upload


def cv_upload_process(*, upload: CvUpload, wait_seconds: float) -> CvUpload:
    """Parse in the background, waiting up to `wait_seconds` for the outcome; the upload as it then is.

    Returns the upload (completed, or still pending/processing when the wait ran out); raises
    400 (`cv_unparseable`) when nothing could be parsed and 503 + Retry-After when the AI service is down. With
    the broker down the parse is kept for later (careerhub.tasks) and the upload is returned
    pending at once: nothing would finish during the wait.
    """
    if not publish(PARSE_TASK, [str(upload.pk)]):
        return upload
    deadline = time.monotonic() + max(0.0, wait_seconds)
    delay = 0.05
    while True:
        upload.refresh_from_db(
            fields=["status", "error", "error_code", "retry_after", "parsed", "model", "parsed_at", "file"]
        )
        if upload.status in TERMINAL or time.monotonic() >= deadline:
            return upload
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.5)


def _set_status(upload: CvUpload, status: str, **fields: Any) -> CvUpload:
    fields["status"] = status
    CvUpload.objects.filter(pk=upload.pk).update(**fields)
    for name, value in fields.items():
        setattr(upload, name, value)
    return upload


def _fail(upload: CvUpload, code: str, detail: str) -> CvUpload:
    """An upload that cannot be read: say why, and drop the stored file (nothing in it can be used)."""
    stored = upload.file.name
    _set_status(upload, CvUpload.Status.FAILED, error=detail, error_code=code, retry_after=None, file="")
    delete_stored_file(stored)
    return upload


def _newer_completed_exists(upload: CvUpload) -> bool:
    return CvUpload.objects.filter(
        user_id=upload.user_id, created_at__gt=upload.created_at, status=CvUpload.Status.COMPLETED
    ).exists()


def _extract(upload: CvUpload) -> bool:
    """Read the stored file's text into the upload; False when the upload ended (failed or unavailable)."""
    try:
        with open_stored_file(upload.file) as stored:
            data = stored.read()
    except NotFound:
        _fail(upload, "file_missing", "The uploaded file is no longer stored; upload it again.")
        return False
    except ServiceUnavailable as exc:
        _set_status(upload, CvUpload.Status.UNAVAILABLE, error=str(exc.detail), error_code=str(exc.get_codes()), retry_after=30)
        return False
    try:
        text = extract_text(data, upload.kind).strip()
    except ExtractionError as exc:
        _fail(upload, exc.code, exc.detail)
        return False
    if not text:
        _fail(upload, "no_text", NO_TEXT)
        return False
    with transaction.atomic():
        _set_status(upload, CvUpload.Status.PROCESSING, text=text)
        if not _newer_completed_exists(upload):
            profile_changes_apply(
                profile=lock_profile(upload.user),
                fields=("cv_filename", "cv_uploaded_at"),
                data={"cv_filename": upload.original_filename, "cv_uploaded_at": upload.created_at},
            )
    return True


def cv_upload_parse(*, upload_id: UUID | str) -> CvUpload | None:
    """Extract, parse and apply a stored upload. Idempotent: a completed or failed upload is left as
    it is, a missing one (deleted meanwhile) is ignored, and text already extracted is not read again."""
    upload = CvUpload.objects.select_related("user").filter(pk=upload_id).first()
    if upload is None or upload.status in (CvUpload.Status.COMPLETED, CvUpload.Status.FAILED):
        return upload
    _set_status(upload, CvUpload.Status.PROCESSING)
    if not upload.text and not _extract(upload):
        return upload
    try:
        parsed, model = parse_cv_text(upload.text)
    except LLMUnavailable as exc:
        return _set_status(
            upload, CvUpload.Status.UNAVAILABLE, error=str(exc.detail), error_code=str(exc.get_codes()), retry_after=exc.retry_after
        )
    if is_empty(parsed):
        return _set_status(upload, CvUpload.Status.FAILED, error=NOTHING_FOUND, error_code="cv_unparseable", retry_after=None)
    with transaction.atomic():
        _set_status(
            upload,
            CvUpload.Status.COMPLETED,
            parsed=parsed,
            model=model,
            parsed_at=timezone.now(),
            error="",
            error_code="",
            retry_after=None,
        )
        if not _newer_completed_exists(upload):
            _profile_apply_parsed_cv(user=upload.user, parsed=parsed)
    return upload


def _valid_email(value: str | None) -> str | None:
    if not value:
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value[:255]


def _profile_apply_parsed_cv(*, user: User, parsed: dict[str, Any]) -> None:
    """Seed 004: "Parsed data automatically updates" the profile. Skills are merged, experience
    years taken from the CV; contact details and the summary only fill blanks."""
    profile = lock_profile(user)
    values: dict[str, Any] = {"parsed_cv": parsed, "skills": dedupe_skills([*profile.skills, *parsed["skills"]])}
    if parsed.get("years_of_experience") is not None:
        values["experience_years"] = parsed["years_of_experience"]
    if not profile.contact_email and (email := _valid_email(parsed.get("email"))):
        values["contact_email"] = email
    if not profile.contact_phone and parsed.get("phone"):
        values["contact_phone"] = parsed["phone"][:30]
    profile_changes_apply(profile=profile, fields=PARSED_CV_FIELDS, data=values)
    if not user.bio and parsed.get("summary"):
        user_update(user=user, data={"bio": parsed["summary"]})
