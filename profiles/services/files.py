"""Reading uploads and removing stored files once a transaction has committed."""

from __future__ import annotations

import os

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

MAX_FILENAME = 255


def read_upload(uploaded_file: UploadedFile) -> bytes:
    uploaded_file.seek(0)
    return uploaded_file.read()


def client_filename(uploaded_file: UploadedFile, fallback: str) -> str:
    """The client's file name, for display only: no directories, never empty."""
    name = os.path.basename((uploaded_file.name or "").replace("\\", "/")).strip()
    return (name or fallback)[-MAX_FILENAME:]


def delete_stored_file_on_commit(name: str) -> None:
    """Remove a stored file after the row that pointed at it is gone for good."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def describe_size(size: int) -> str:
    """`10 MB` for the real limit, `1024 bytes` for a small one."""
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size} bytes"
