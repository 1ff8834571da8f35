"""`Authorization: Bearer chp_...`: a personal access token, held to the scope its route declares.

Listed before the JWT authentication (settings REST_FRAMEWORK), it claims every bearer credential
that starts with `chp_` and leaves the others to the JWT. The route's declaration comes from
careerhub.api.scopes (`route(..., scope=...)` in each app's api/urls.py): outside it the request
is refused with 403 `insufficient_scope` naming the scope needed, and on routes that refuse
tokens (token management, sign-in sessions, staff routes) with 403 `token_not_allowed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request

from accounts import services
from accounts.models import PersonalAccessToken, User
from careerhub.api.scopes import requirement

_PREFIX = PersonalAccessToken.SECRET_PREFIX.encode()


def scope_check(token: PersonalAccessToken, view: Callable[..., Any] | None, method: str) -> None:
    """403 unless `token` may call the route whose view function is `view` with `method`."""
    needed = requirement(view, method)
    if not needed.allowed:
        raise PermissionDenied(
            "Personal access tokens cannot be used here: sign in with your password for this.", code="token_not_allowed"
        )
    if needed.scope is not None and needed.scope not in token.scopes:
        raise PermissionDenied(f"This token lacks the {needed.scope} scope this route needs.", code="insufficient_scope")


class PersonalAccessTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, PersonalAccessToken] | None:
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].lower() != b"bearer" or not parts[1].startswith(_PREFIX):
            return None
        token = services.personal_access_token_authenticate(secret=parts[1].decode("latin-1"))
        match = getattr(request, "resolver_match", None)
        scope_check(token, match.func if match is not None else None, request.method)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
