"""Keyed hashes of secrets kept at rest (DESIGN §9): what is stored cannot be turned back into the
secret, nor checked against a guess, without SECRET_KEY.

An HMAC-SHA256 under a key derived from SECRET_KEY and the secret's purpose (Django's
`salted_hmac`), so a calendar token's hash is no use as any other secret's. Lookups also try the
keys in SECRET_KEY_FALLBACKS, so rotating SECRET_KEY the way Django documents it (the old key
moved to the fallbacks) keeps stored hashes working until the fallback is dropped.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

HEX_LENGTH = 64


def keyed_hash(secret: str, *, purpose: str, key: str | None = None) -> str:
    """The hex HMAC of `secret` for `purpose` under SECRET_KEY (or `key`)."""
    return salted_hmac(f"careerhub.keyed_hash.{purpose}", secret, secret=key, algorithm="sha256").hexdigest()


def keyed_hash_candidates(secret: str, *, purpose: str) -> list[str]:
    """The hashes `secret` may be stored under: SECRET_KEY's first, then each fallback key's."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return list(dict.fromkeys(keyed_hash(secret, purpose=purpose, key=key) for key in keys))
