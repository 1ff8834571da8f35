"""Register, sign in, refresh and sign out: `/auth/*` (also under `/api/v1/auth/` and `/api/auth/`)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers.auth import (
    LoginInputSerializer,
    LogoutInputSerializer,
    RefreshInputSerializer,
    RegisterInputSerializer,
    TokenPairSerializer,
)
from accounts.api.serializers.users import UserSerializer
from accounts.models import User
from careerhub.api.authentication import PublicEndpointAuthentication
from careerhub.api.schema import error_response, message_response
from careerhub.api.throttles import LoginThrottle, RegisterThrottle

TOKENS_EXAMPLE = OpenApiExample(
    "Signed in",
    response_only=True,
    value={
        "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
        "refresh_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
        "token_type": "bearer",
        "expires_in": 3600,
        "user": {
            "id": "7d9f6a1e-2b4c-4e8f-9a3d-5c1b2e3f4a5b",
            "email": "ada@example.com",
            "username": "ada",
            "display_name": "Ada Lovelace",
            "bio": None,
            "is_profile_public": False,
            "profile_visibility": "private",
            "streak_days": 1,
            "last_active_date": "2026-12-05",
            "timezone": "Europe/London",
            "is_admin": False,
            "created_at": "2026-12-05T09:12:03Z",
            "updated_at": "2026-12-05T09:12:03Z",
        },
    },
)


def _token_response(user: User, tokens: dict, status_code: int = status.HTTP_200_OK) -> Response:
    return Response({**tokens, "user": UserSerializer(user).data}, status=status_code)


class RegisterView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [RegisterThrottle]

    @extend_schema(
        tags=["auth"],
        operation_id="auth_register",
        summary="Create an account",
        description=(
            "Registers a new user and signs them in: the answer (201) carries an access token, a refresh token "
            "and the user, so no separate sign-in is needed. `email` and `password` (8 to 128 characters) are "
            "required; `username` is optional (made from the email when left out), and `display_name` or "
            "`full_name` sets the name others see. Whether anyone may register depends on the server: open to all, "
            "only to addresses an admin put on the allowlist, or closed (both refusals are 403). New accounts "
            "start `private`: nobody else can find or follow them until `PUT /api/v1/users/me` says otherwise. "
            "At most 5 registrations per hour from one IP address."
        ),
        request=RegisterInputSerializer,
        examples=[
            OpenApiExample(
                "Register",
                request_only=True,
                value={"email": "ada@example.com", "password": "correct-horse-battery", "full_name": "Ada Lovelace",
                       "timezone": "Europe/London"},
            ),
            TOKENS_EXAMPLE,
        ],
        responses={
            201: TokenPairSerializer,
            403: error_response("Registration is closed or the email is not allowlisted."),
            429: error_response("Too many registrations from this address."),
        },
    )
    def post(self, request):
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = services.user_register(
            email=values["email"],
            password=values["password"],
            username=values.get("username"),
            display_name=values.get("display_name") or values.get("full_name"),
            timezone=values["timezone"],
        )
        return _token_response(user, services.auth_tokens_issue(user=user), status.HTTP_201_CREATED)


class LoginView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    @extend_schema(
        tags=["auth"],
        operation_id="auth_login",
        summary="Sign in",
        description=(
            "Exchanges an email address (or username) and password for an access token, valid 60 minutes "
            "(`expires_in` says so in seconds), and a refresh token, valid 7 days. Send the access token as "
            "`Authorization: Bearer <access_token>` on every other call and renew it with "
            "`POST /api/v1/auth/refresh` before it runs out. A wrong email or password and a deactivated "
            "account answer 401. At most 10 attempts per minute from one IP address."
        ),
        request=LoginInputSerializer,
        examples=[
            OpenApiExample(
                "Sign in", request_only=True, value={"email": "ada@example.com", "password": "correct-horse-battery"}
            ),
            TOKENS_EXAMPLE,
        ],
        responses={
            200: TokenPairSerializer,
            # A public endpoint: the schema hook adds 401 to authenticated operations only.
            401: error_response("Incorrect email or password, or the account is inactive."),
            429: error_response("Too many sign-in attempts."),
        },
    )
    def post(self, request):
        data = LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = services.user_authenticate(login=values.get("email") or values["username"], password=values["password"])
        return _token_response(user, services.auth_tokens_issue(user=user))


class RefreshView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["auth"],
        operation_id="auth_refresh",
        summary="Renew the access token",
        description=(
            "Exchanges a refresh token for a new access token and a new refresh token. The refresh token you "
            "send stops working (tokens rotate), so keep the new one. `refresh` is accepted as another name for "
            "`refresh_token`. An expired, revoked or already used refresh token answers 401: sign in again."
        ),
        request=RefreshInputSerializer,
        responses={200: TokenPairSerializer, 401: error_response("Invalid, expired or revoked refresh token.")},
    )
    def post(self, request):
        data = RefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, tokens = services.auth_tokens_refresh(refresh_token=data.validated_data["refresh_token"])
        return _token_response(user, tokens)


class LogoutView(APIView):
    @extend_schema(
        tags=["auth"],
        operation_id="auth_logout",
        summary="Sign out",
        description=(
            "Revokes the access token of this call and, when you send it, your refresh token, so neither works "
            "again. Other devices stay signed in. Sending a refresh token of another account is a 400."
        ),
        request=LogoutInputSerializer,
        responses={200: message_response("LogoutResponse")},
    )
    def post(self, request):
        data = LogoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refresh = data.validated_data.get("refresh_token") or data.validated_data.get("refresh")
        services.auth_logout(user=request.user, access_token=request.auth, refresh_token=refresh or None)
        return Response({"message": "Successfully logged out"})
