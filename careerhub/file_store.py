"""Where uploaded files live, checked and prepared: a directory (MEDIA_ROOT) or an S3 bucket.

Django's default storage (django-storages on S3, FileSystemStorage on disk) reads and writes the
files; this module only answers "can files be stored?" (the readiness check) and makes sure they
can (`manage.py ensure_file_store`, a bootstrap step): the bucket is created when missing, the
directory on disk when absent. Its S3 client has short timeouts and no retries, so a check of a
store that is down answers in seconds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings

S3_BACKEND = "storages.backends.s3.S3Storage"
CHECK_TIMEOUT_SECONDS = 3.0
# What S3-compatible servers answer to HEAD on a bucket that does not exist.
_MISSING_BUCKET_CODES = {"404", "NoSuchBucket", "NotFound"}


class FileStoreUnavailable(Exception):
    """The store cannot take files now (down, refusing, or missing its bucket or directory)."""


def uses_s3() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == S3_BACKEND


def _s3_client() -> Any:
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(
        "s3",
        endpoint_url=getattr(settings, "AWS_S3_ENDPOINT_URL", None) or None,
        region_name=getattr(settings, "AWS_S3_REGION_NAME", None) or None,
        aws_access_key_id=getattr(settings, "AWS_ACCESS_KEY_ID", None) or None,
        aws_secret_access_key=getattr(settings, "AWS_SECRET_ACCESS_KEY", None) or None,
        config=Config(
            connect_timeout=CHECK_TIMEOUT_SECONDS,
            read_timeout=CHECK_TIMEOUT_SECONDS,
            retries={"max_attempts": 1, "mode": "standard"},
            signature_version=getattr(settings, "AWS_S3_SIGNATURE_VERSION", "s3v4"),
            s3={"addressing_style": getattr(settings, "AWS_S3_ADDRESSING_STYLE", "path")},
        ),
    )


def _bucket_exists(client: Any, bucket: str) -> bool:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        client.head_bucket(Bucket=bucket)
    except ClientError as exc:
        if str(exc.response.get("Error", {}).get("Code")) in _MISSING_BUCKET_CODES:
            return False
        raise FileStoreUnavailable(f"S3 refused bucket {bucket}: {exc}") from exc
    except BotoCoreError as exc:
        raise FileStoreUnavailable(f"S3 is unreachable: {exc}") from exc
    return True


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def file_store_check() -> str:
    """What stores files, when it can take them now; raises FileStoreUnavailable otherwise."""
    if uses_s3():
        bucket = settings.AWS_STORAGE_BUCKET_NAME
        if not _bucket_exists(_s3_client(), bucket):
            raise FileStoreUnavailable(f"S3 bucket {bucket} does not exist (manage.py ensure_file_store creates it).")
        return f"s3 bucket {bucket}"
    root = Path(settings.MEDIA_ROOT)
    # FileSystemStorage creates missing directories on the first save: a directory that does
    # not exist yet is fine as long as it can be created.
    existing = _nearest_existing(root)
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise FileStoreUnavailable(f"{existing} is not a writable directory.")
    return f"disk {root}" + ("" if existing == root else " (created on the first upload)")


def file_store_ensure() -> str:
    """Make the store ready for files (idempotent); what was done."""
    if uses_s3():
        from botocore.exceptions import BotoCoreError, ClientError

        bucket = settings.AWS_STORAGE_BUCKET_NAME
        client = _s3_client()
        if _bucket_exists(client, bucket):
            return f"S3 bucket {bucket} exists."
        try:
            client.create_bucket(Bucket=bucket)
        except ClientError as exc:
            # Another instance starting at the same time may have just created it.
            if exc.response.get("Error", {}).get("Code") not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                raise FileStoreUnavailable(f"S3 refused to create bucket {bucket}: {exc}") from exc
        except BotoCoreError as exc:
            raise FileStoreUnavailable(f"S3 is unreachable: {exc}") from exc
        return f"S3 bucket {bucket} created."
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        return f"{root} exists."
    root.mkdir(parents=True, exist_ok=True)
    return f"{root} created."
