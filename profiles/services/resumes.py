"""Seed 003 resume versions and their uploaded files."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from careerhub.api.errors import PayloadTooLarge, UnsupportedFileType
from profiles.extraction import sniff
from profiles.models import ResumeVersion
from profiles.storage import (
    client_filename,
    delete_stored_file,
    delete_stored_file_on_commit,
    describe_size,
    read_upload,
    store_file,
)

RESUME_KINDS = (sniff.PDF, sniff.DOC, sniff.DOCX)


def resume_version_create(
    *, user: User, version_name: str, notes: str | None = None, file_url: str | None = None
) -> ResumeVersion:
    return ResumeVersion.objects.create(
        user=user, version_name=version_name.strip(), notes=notes or "", file_url=(file_url or "").strip()
    )


def _points_at_own_file(resume: ResumeVersion, url: str) -> bool:
    """True for the download or signed URL we handed out for this version's file."""
    path = unquote(urlsplit(url).path).rstrip("/")
    return path.endswith(f"/resumes/{resume.pk}/file") or (bool(resume.file.name) and path.endswith(resume.file.name))


def _forget_file(resume: ResumeVersion) -> None:
    delete_stored_file_on_commit(resume.file.name)
    resume.file = None
    resume.file_name = ""
    resume.file_size = None
    resume.content_type = ""


@transaction.atomic
def resume_version_update(
    *,
    resume: ResumeVersion,
    fields: set[str],
    version_name: str | None = None,
    notes: str | None = None,
    file_url: str | None = None,
) -> ResumeVersion:
    """Only the fields sent change. `file_url` sets an external link (replacing an uploaded
    file) or, when null, removes both; sending back the URL we gave out changes nothing."""
    if "version_name" in fields and version_name is not None:
        resume.version_name = version_name.strip()
    if "notes" in fields:
        resume.notes = notes or ""
    if "file_url" in fields:
        url = (file_url or "").strip()
        if not (url and resume.file and _points_at_own_file(resume, url)):
            if resume.file:
                _forget_file(resume)
            resume.file_url = url
    resume.save()
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
