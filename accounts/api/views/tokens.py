"""Personal access tokens for scripts and AI assistants: `/auth/tokens` (docs/agents.md).

Only a signed-in session (a JWT) manages tokens: the routes declare NO_TOKEN, so a token can
never make, list or revoke tokens.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api.serializers.tokens import (
    PersonalAccessTokenCreatedSerializer,
    PersonalAccessTokenInputSerializer,
    PersonalAccessTokenListSerializer,
    PersonalAccessTokenSerializer,
)
from accounts.models import PersonalAccessToken
from careerhub.api.views import OwnedObjectView

TOKENS_BY_JWT_ONLY = "Needs a signed-in session (the access token from login): personal access tokens cannot manage tokens."


class PersonalAccessTokenListView(APIView):
    @extend_schema(
        tags=["auth"],
        operation_id="auth_tokens_list",
        summary="List your personal access tokens",
        description=f"Tokens not revoked, newest first, with when each was last used; never their secrets. {TOKENS_BY_JWT_ONLY}",
        responses={200: PersonalAccessTokenListSerializer},
    )
    def get(self, request):
        tokens = list(selectors.personal_access_token_list(user=request.user))
        return Response({"tokens": PersonalAccessTokenSerializer(tokens, many=True).data, "total": len(tokens)})

    @extend_schema(
        tags=["auth"],
        summary="Create a personal access token",
        description=(
            "A token for a script or an AI assistant (the MCP server, docs/agents.md), limited to `scopes`. The "
            "secret (`token`, `chp_` and 43 letters and digits) is in this answer only: careerhub keeps a keyed "
            "hash of it. Send it as `Authorization: Bearer chp_...`; a route outside its scopes answers 403 "
            f"`insufficient_scope`. At most {services.MAX_LIVE_TOKENS} live tokens; `expires_in_days` 1–"
            f"{services.TOKEN_EXPIRY_DAYS_MAX} (default {services.TOKEN_EXPIRY_DAYS_DEFAULT}). {TOKENS_BY_JWT_ONLY}"
        ),
        request=PersonalAccessTokenInputSerializer,
        responses={201: PersonalAccessTokenCreatedSerializer},
    )
    def post(self, request):
        data = PersonalAccessTokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, secret = services.personal_access_token_create(user=request.user, **data.validated_data)
        body = PersonalAccessTokenCreatedSerializer(token, context={"secret": secret}).data
        return Response(body, status=status.HTTP_201_CREATED)


class PersonalAccessTokenDetailView(OwnedObjectView):
    lookup_url_kwarg = "token_id"
    not_found = "Token not found."

    def get_queryset(self) -> QuerySet[PersonalAccessToken]:
        return selectors.personal_access_token_list(user=self.request.user)

    @extend_schema(
        tags=["auth"],
        summary="Revoke a personal access token",
        description=f"At once: the next request with it answers 401, on the API and the MCP server. {TOKENS_BY_JWT_ONLY}",
        responses={204: None},
    )
    def delete(self, request, token_id):
        services.personal_access_token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
