"""Mailbox passwords at rest: Fernet (AES-128-CBC + HMAC-SHA256) with INBOX_ENCRYPTION_KEY.

Several comma-separated keys rotate: the first encrypts, any of them decrypts. Without a key no
mailbox can be stored (the API answers 503) and a stored one cannot be read (its `last_error`
says so): a password is never kept in clear.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class EncryptionUnavailable(Exception):
    """No key is configured, or none of the configured keys opens this value."""


def _fernet() -> MultiFernet:
    keys = settings.INBOX_ENCRYPTION_KEY
    if not keys:
        raise EncryptionUnavailable("INBOX_ENCRYPTION_KEY is not set.")
    return MultiFernet([Fernet(key) for key in keys])


def encryption_configured() -> bool:
    return bool(settings.INBOX_ENCRYPTION_KEY)


def secret_encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode("ascii")


def secret_decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise EncryptionUnavailable("The stored password cannot be decrypted with INBOX_ENCRYPTION_KEY.") from exc
