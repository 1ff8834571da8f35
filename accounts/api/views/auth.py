"""Register, sign in, refresh and sign out: `/auth/*` (also under `/api/v1/auth/` and `/api/auth/`)."""

from drf_spectacular.utils import extend_schema
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


def _token_response(user: User, tokens: dict, status_code: int = status.HTTP_200_OK) -> Response:
    return Response({**tokens, "user": UserSerializer(user).data}, status=status_code)


class RegisterView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [RegisterThrottle]

    @extend_schema(
        tags=["auth"],
        request=RegisterInputSerializer,
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
        request=LoginInputSerializer,
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
        request=RefreshInputSerializer,
        responses={200: TokenPairSerializer, 401: error_response("Invalid, expired or revoked refresh token.")},
    )
    def post(self, request):
        data = RefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, tokens = services.auth_tokens_refresh(refresh_token=data.validated_data["refresh_token"])
        return _token_response(user, tokens)


class LogoutView(APIView):
    @extend_schema(tags=["auth"], request=LogoutInputSerializer, responses={200: message_response("LogoutResponse")})
    def post(self, request):
        data = LogoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refresh = data.validated_data.get("refresh_token") or data.validated_data.get("refresh")
        services.auth_logout(user=request.user, access_token=request.auth, refresh_token=refresh or None)
        return Response({"message": "Successfully logged out"})
