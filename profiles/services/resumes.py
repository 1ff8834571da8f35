"""Seed 003 resume versions and their uploaded files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from careerhub.api.errors import PayloadTooLarge, UnsupportedFileType
from careerhub.services import model_update
from profiles.extraction import sniff
from profiles.models import ResumeVersion
from profiles.resume_content import normalise_content
from profiles.storage import (
    client_filename,
    delete_stored_file,
    delete_stored_file_on_commit,
    describe_size,
    read_upload,
    store_file,
)

RESUME_KINDS = (sniff.PDF, sniff.DOC, sniff.DOCX)
# What a client sets on a resume version: both input serializers have exactly these fields.
RESUME_VERSION_FIELDS = ("version_name", "notes", "file_url")


def resume_version_create(*, user: User, data: Mapping[str, Any]) -> ResumeVersion:
    """A new version from `data` (names of RESUME_VERSION_FIELDS; `version_name` is required)."""
    return ResumeVersion.objects.create(
        user=user,
        version_name=data["version_name"].strip(),
        notes=data.get("notes") or "",
        file_url=(data.get("file_url") or "").strip(),
    )


@dataclass(frozen=True)
class TailoredFor:
    """The job a version was tailored for, as it was then (ids and a snapshot, DESIGN §1)."""

    job_id: int
    match_id: Any
    title: str
    company: str


@dataclass(frozen=True)
class Tailoring:
    """What tailoring produced: the content, and what the endpoint reports about it."""

    content: dict[str, Any]
    keywords: dict[str, list[str]]
    removed_claims: list[dict[str, str]]
    model: str


@transaction.atomic
def resume_version_create_tailored(
    *, user: User, version_name: str, tailoring: Tailoring, tailored_for: TailoredFor, source_hash: str
) -> ResumeVersion:
    """A new version holding content tailored to a job (jobs.generation.tailoring). The content
    has already passed the no-invention check; here it is only normalised for storage."""
    field = ResumeVersion._meta.get_field
    return ResumeVersion.objects.create(
        user=user,
        version_name=version_name[: field("version_name").max_length],
        content=normalise_content(tailoring.content),
        keywords=tailoring.keywords,
        removed_claims=tailoring.removed_claims,
        model=tailoring.model[: field("model").max_length],
        tailored_for_job_id=tailored_for.job_id,
        tailored_for_match_id=tailored_for.match_id,
        tailored_for_title=tailored_for.title[: field("tailored_for_title").max_length],
        tailored_for_company=tailored_for.company[: field("tailored_for_company").max_length],
        source_hash=source_hash,
    )


def _points_at_own_file(resume: ResumeVersion, url: str) -> bool:
    """True for the download or signed URL we handed out for this version's file."""
    path = unquote(urlsplit(url).path).rstrip("/")
    return path.endswith(f"/resumes/{resume.pk}/file") or (bool(resume.file.name) and path.endswith(resume.file.name))


def _file_url_changes(resume: ResumeVersion, file_url: str | None) -> dict[str, Any]:
    """A new external link replaces an uploaded file; null removes both; sending back the URL we
    gave out for the uploaded file changes nothing."""
    url = (file_url or "").strip()
    if url and resume.file and _points_at_own_file(resume, url):
        return {}
    changes: dict[str, Any] = {"file_url": url}
    if resume.file:
        delete_stored_file_on_commit(resume.file.name)
        changes.update(file=None, file_name="", file_size=None, content_type="")
    return changes


@transaction.atomic
def resume_version_update(*, resume: ResumeVersion, data: Mapping[str, Any]) -> ResumeVersion:
    """Only the fields in `data` (names of RESUME_VERSION_FIELDS) change; a null `version_name`
    leaves it as it is, a null `notes` clears it, `file_url` as in _file_url_changes."""
    values: dict[str, Any] = {}
    if data.get("version_name") is not None:
        values["version_name"] = data["version_name"].strip()
    if "notes" in data:
        values["notes"] = data["notes"] or ""
    if "file_url" in data:
        values.update(_file_url_changes(resume, data["file_url"]))
    model_update(
        instance=resume, fields=(*RESUME_VERSION_FIELDS, "file", "file_name", "file_size", "content_type"), data=values
    )
    return resume


@transaction.atomic
def resume_version_delete(*, resume: ResumeVersion) -> None:
    delete_stored_file_on_commit(resume.file.name)
    resume.delete()


@transaction.atomic
def resume_version_attach_file(*, resume: ResumeVersion, uploaded_file: UploadedFile) -> ResumeVersion:
    """Seed 003 upload: PDF, DOC or DOCX by content, at most MAX_UPLOAD_SIZE.

    Seed 003 answers 400 for both refusals; DESIGN §2 gives every upload 413 (too large) and
    415 (wrong type), as the request-size guard and POST /profile/cv already answer."""
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded_file.size > limit:
        raise PayloadTooLarge(f"File too large: the limit is {describe_size(limit)}.")
    data = read_upload(uploaded_file)
    kind = sniff.detect(data)
    if kind not in RESUME_KINDS:
        raise UnsupportedFileType("Unsupported file type: upload a PDF or Word document (.pdf, .doc, .docx).")
    previous = resume.file.name
    store_file(resume.file, f"resume.{sniff.EXTENSIONS[kind]}", data)
    # The stored file replaces any external link; the old file goes once this commits.
    delete_stored_file_on_commit(previous)
    resume.file_name = client_filename(uploaded_file, f"resume.{sniff.EXTENSIONS[kind]}")
    resume.file_size = len(data)
    resume.content_type = sniff.CONTENT_TYPES[kind]
    resume.file_url = ""
    try:
        resume.save()
    except Exception:
        delete_stored_file(resume.file.name)
        raise
    return resume
