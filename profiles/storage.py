"""Stored files (resumes, CVs): reading uploads, saving, opening and removing files through
Django's storage API (disk by default, S3 through django-storages when configured).

A storage outage (S3 unreachable, a full disk) is a 503 that changes nothing, never a 500;
removing a file that is no longer referenced happens after commit and only logs on failure.
"""

from __future__ import annotations

import logging
import os

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from rest_framework.exceptions import NotFound

from careerhub.api.errors import ServiceUnavailable

logger = logging.getLogger(__name__)

MAX_FILENAME = 255


def _storage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def _unavailable(exc: BaseException) -> ServiceUnavailable:
    logger.warning("File storage unavailable: %r", exc)
    return ServiceUnavailable("File storage is unavailable right now; nothing was changed. Try again shortly.", code="storage_unavailable")


def read_upload(uploaded_file: UploadedFile) -> bytes:
    uploaded_file.seek(0)
    return uploaded_file.read()


def client_filename(uploaded_file: UploadedFile, fallback: str) -> str:
    """The client's file name, for display only: no directories, never empty."""
    name = os.path.basename((uploaded_file.name or "").replace("\\", "/")).strip()
    return (name or fallback)[-MAX_FILENAME:]


def describe_size(size: int) -> str:
    """`10 MB` for the real limit, `1024 bytes` for a small one."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size} bytes"


def store_file(field_file: FieldFile, name: str, data: bytes) -> None:
    """Save `data` through the field's storage (its upload_to decides the stored name)."""
    try:
        field_file.save(name, ContentFile(data), save=False)
    except _storage_errors() as exc:
        raise _unavailable(exc) from exc


def open_stored_file(field_file: FieldFile) -> File:
    """The stored file, opened for reading; 404 if it is gone from the storage."""
    try:
        if not field_file.storage.exists(field_file.name):
            raise NotFound("The file is no longer available.")
        return field_file.open("rb")
    except _storage_errors() as exc:
        raise _unavailable(exc) from exc


def delete_stored_file(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception as exc:  # noqa: BLE001 - whatever the backend raises, an orphaned file is not worth failing a request
        logger.warning("Could not delete stored file %s: %r", name, exc)


def delete_stored_file_on_commit(name: str) -> None:
    """Remove a stored file after the row that pointed at it is gone for good."""
    if name:
        transaction.on_commit(lambda: delete_stored_file(name))
