"""How the MCP server (careerhub.mcp) authenticates: a personal access token, as on the REST API."""

from __future__ import annotations

from accounts.models import PersonalAccessToken
from accounts.services import personal_access_token_authenticate
from careerhub.mcp import registry


def token_authenticate(secret: str) -> PersonalAccessToken:
    """The live token (with its user, scopes and prefix); the API's 401 otherwise."""
    return personal_access_token_authenticate(secret=secret)


registry.authenticator_register(token_authenticate)
