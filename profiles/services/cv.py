"""Seed 004 CV upload and parsing.

1. `cv_upload_receive` checks the size and the type (by content), extracts the text under hard
   limits and stores the file and its text: from here on nothing the user sent can be lost.
2. `cv_upload_process` hands the upload to the `profiles.parse_cv` Celery task and waits a
   short while for it (in-process when Celery runs eagerly).
3. `cv_upload_parse` (the task's body) parses the text with Claude or the heuristic parser and
   applies the result to the profile. When Claude is unreachable the upload is marked
   `unavailable`: the request answers 503 + Retry-After, and a worker retries with backoff.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_update
from careerhub.api.errors import PayloadTooLarge, Unprocessable, UnsupportedFileType
from careerhub.llm import LLMUnavailable
from careerhub.skills import dedupe_skills
from careerhub.tasks import publish
from profiles.cv_parsing import is_empty, parse_cv_text
from profiles.extraction import sniff
from profiles.extraction.runner import ExtractionError, extract_text
from profiles.models import CvUpload
from profiles.services.profile import lock_profile, profile_changes_apply
from profiles.storage import client_filename, delete_stored_file, describe_size, read_upload, store_file

PARSE_TASK = "profiles.parse_cv"
CV_KINDS = (sniff.PDF, sniff.DOCX, sniff.TXT)
TERMINAL = (CvUpload.Status.COMPLETED, CvUpload.Status.FAILED, CvUpload.Status.UNAVAILABLE)
# What a parsed CV writes to the profile (the summary goes to the user's bio).
PARSED_CV_FIELDS = ("parsed_cv", "skills", "experience_years", "contact_email", "contact_phone")
NOTHING_FOUND = "Nothing could be read from this CV: no name, contact details, summary, skills, experience or education."


def cv_upload_receive(*, user: User, uploaded_file: UploadedFile) -> CvUpload:
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded_file.size > limit:
        raise PayloadTooLarge(f"The file is larger than the {describe_size(limit)} limit.")
    data = read_upload(uploaded_file)
    kind = sniff.detect(data)
    if kind not in CV_KINDS:
        # 415, not seed 004's 400: DESIGN §2 gives every upload of the wrong type 415.
        raise UnsupportedFileType("Invalid file format: upload a PDF, DOCX or TXT file.")
    try:
        text = extract_text(data, kind).strip()
    except ExtractionError as exc:
        raise Unprocessable(exc.detail, code=exc.code) from None
    if not text:
        raise Unprocessable("No text could be read from this file (is it a scanned image?).", code="no_text")

    filename = client_filename(uploaded_file, f"cv.{sniff.EXTENSIONS[kind]}")
    upload = CvUpload(
        user=user,
        original_filename=filename,
        kind=kind,
        content_type=sniff.CONTENT_TYPES[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )
    store_file(upload.file, f"cv.{sniff.EXTENSIONS[kind]}", data)
    try:
        with transaction.atomic():
            upload.save()
            profile = lock_profile(user)
            profile_changes_apply(
                profile=profile,
                fields=("cv_filename", "cv_uploaded_at"),
                data={"cv_filename": filename, "cv_uploaded_at": upload.created_at},
            )
    except Exception:
        delete_stored_file(upload.file.name)
        raise
    return upload


def cv_upload_process(*, upload: CvUpload, wait_seconds: float) -> CvUpload:
    """Parse in the background, waiting up to `wait_seconds` for the outcome.

    Returns the upload (completed, or still pending/processing when the wait ran out); raises
    400 (`cv_unparseable`) when nothing could be parsed and 503 + Retry-After when the AI service is down. With
    the broker down the parse is kept for later (careerhub.tasks) and the upload is returned
    pending at once: nothing would finish during the wait.
    """
    if not publish(PARSE_TASK, [str(upload.pk)]):
        return upload
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        upload.refresh_from_db(fields=["status", "error", "retry_after", "parsed", "model", "parsed_at"])
        if upload.status in TERMINAL or time.monotonic() >= deadline:
            break
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.5)
    if upload.status == CvUpload.Status.FAILED:
        raise Unprocessable(upload.error or NOTHING_FOUND, code="cv_unparseable")
    if upload.status == CvUpload.Status.UNAVAILABLE:
        raise LLMUnavailable(retry_after=upload.retry_after or 30)
    return upload


def _set_status(upload: CvUpload, status: str, **fields: Any) -> CvUpload:
    fields["status"] = status
    CvUpload.objects.filter(pk=upload.pk).update(**fields)
    for name, value in fields.items():
        setattr(upload, name, value)
    return upload


def cv_upload_parse(*, upload_id: UUID | str) -> CvUpload | None:
    """Parse a stored upload and apply it to the profile. Idempotent: a completed upload is left
    as it is, a missing one (deleted meanwhile) is ignored."""
    upload = CvUpload.objects.select_related("user").filter(pk=upload_id).first()
    if upload is None or upload.status == CvUpload.Status.COMPLETED:
        return upload
    _set_status(upload, CvUpload.Status.PROCESSING)
    try:
        parsed, model = parse_cv_text(upload.text)
    except LLMUnavailable as exc:
        return _set_status(upload, CvUpload.Status.UNAVAILABLE, error=str(exc.detail), retry_after=exc.retry_after)
    if is_empty(parsed):
        return _set_status(upload, CvUpload.Status.FAILED, error=NOTHING_FOUND, retry_after=None)
    with transaction.atomic():
        _set_status(
            upload, CvUpload.Status.COMPLETED, parsed=parsed, model=model, parsed_at=timezone.now(), error="", retry_after=None
        )
        newer = CvUpload.objects.filter(
            user_id=upload.user_id, created_at__gt=upload.created_at, status=CvUpload.Status.COMPLETED
        )
        if not newer.exists():
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
