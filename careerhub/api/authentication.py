"""Bearer JWT authentication (simplejwt) plus revocation of access tokens at logout.

simplejwt blacklists refresh tokens only; an access token presented to /auth/logout is
also remembered in the cache until it would have expired, so logging out takes effect
at once rather than up to an hour later.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from rest_framework.authentication import BaseAuthentication
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

logger = logging.getLogger(__name__)


def _revoked_key(jti: str) -> str:
    return f"revoked-access:{jti}"


def revoke_access_token(token) -> None:
    jti, exp = token.get("jti"), token.get("exp")
    if not jti or not exp:
        return
    ttl = max(int(exp - time.time()), 1)
    try:
        cache.set(_revoked_key(jti), 1, timeout=ttl)
    except Exception as exc:  # noqa: BLE001 - cache down: the token simply lives to its expiry
        logger.warning("Could not record revoked access token: %r", exc)


def access_token_is_revoked(jti: str) -> bool:
    try:
        return cache.get(_revoked_key(jti)) is not None
    except Exception as exc:  # noqa: BLE001 - cache down: the check degrades to "not revoked"
        logger.warning("Revocation check skipped, cache unavailable: %r", exc)
        return False


class BearerTokenAuthentication(JWTAuthentication):
    www_authenticate_realm = "api"

    def get_validated_token(self, raw_token):
        token = super().get_validated_token(raw_token)
        jti = token.get("jti")
        if jti and access_token_is_revoked(jti):
            raise InvalidToken({"detail": "Token has been revoked.", "code": "token_not_valid"})
        return token


class PublicEndpointAuthentication(BaseAuthentication):
    """For sign-up/sign-in/refresh: authenticates nobody, but lets a failure answer 401.

    DRF turns AuthenticationFailed into 403 on views without an authenticator that names a
    WWW-Authenticate scheme; a wrong password or a revoked refresh token is a 401.
    """

    def authenticate(self, request):
        return None

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
