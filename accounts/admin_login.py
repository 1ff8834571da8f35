"""How django-axes names the account behind a failed Django admin sign-in (AXES_USERNAME_CALLABLE).

The admin's form posts the address as `username`; axes would otherwise look for the model's
USERNAME_FIELD (`email`) and count nothing per account. The canonical form (accounts/emails.py)
makes `SAM@example.com`, `ſam@example.com` and `sam@example.com` one account to lock, so varying
the spelling does not reset the count.
"""

from __future__ import annotations

from django.http import HttpRequest

from accounts.emails import email_lookup_key


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return email_lookup_key(raw) or raw.strip().casefold()
