"""Accounts endpoints (seeds 003 + 004, one implementation serving both)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api import serializers as s
from accounts.models import User
from careerhub.api.authentication import PublicEndpointAuthentication
from careerhub.api.schema import error_response, message_response
from careerhub.api.throttles import LoginThrottle, RegisterThrottle


def _token_response(user: User, tokens: dict, status_code: int = status.HTTP_200_OK) -> Response:
    return Response({**tokens, "user": s.UserSerializer(user).data}, status=status_code)


class RegisterView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [RegisterThrottle]

    @extend_schema(
        tags=["auth"],
        request=s.RegisterInputSerializer,
        responses={
            201: s.TokenPairSerializer,
            400: error_response("Invalid input, or the email/username is taken."),
            403: error_response("Registration is closed or the email is not allowlisted."),
            429: error_response("Too many registrations from this address."),
        },
    )
    def post(self, request):
        data = s.RegisterInputSerializer(data=request.data)
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
        request=s.LoginInputSerializer,
        responses={
            200: s.TokenPairSerializer,
            400: error_response("Invalid input."),
            401: error_response("Incorrect email or password, or the account is inactive."),
            429: error_response("Too many sign-in attempts."),
        },
    )
    def post(self, request):
        data = s.LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = services.user_authenticate(login=values.get("email") or values["username"], password=values["password"])
        return _token_response(user, services.auth_tokens_issue(user=user))


class RefreshView(APIView):
    authentication_classes = [PublicEndpointAuthentication]
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["auth"],
        request=s.RefreshInputSerializer,
        responses={200: s.TokenPairSerializer, 400: error_response("Invalid input."), 401: error_response("Invalid, expired or revoked refresh token.")},
    )
    def post(self, request):
        data = s.RefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, tokens = services.auth_tokens_refresh(refresh_token=data.validated_data["refresh_token"])
        return _token_response(user, tokens)


class LogoutView(APIView):
    @extend_schema(
        tags=["auth"],
        request=s.LogoutInputSerializer,
        responses={200: message_response("LogoutResponse"), 401: error_response("Not authenticated.")},
    )
    def post(self, request):
        data = s.LogoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refresh = data.validated_data.get("refresh_token") or data.validated_data.get("refresh")
        services.auth_logout(user=request.user, access_token=request.auth, refresh_token=refresh or None)
        return Response({"message": "Successfully logged out"})


class UserMeView(APIView):
    @extend_schema(tags=["users"], responses={200: s.UserSerializer})
    def get(self, request):
        return Response(s.UserSerializer(request.user).data)

    @extend_schema(
        tags=["users"],
        request=s.UserUpdateInputSerializer,
        responses={200: s.UserSerializer, 400: error_response("Invalid input.")},
    )
    def put(self, request):
        data = s.UserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sent = set(data.validated_data)
        user = services.user_update(user=request.user, fields=sent, **data.validated_data)
        return Response(s.UserSerializer(user).data)


class AdminUserListView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(tags=["admin"], responses={200: s.AdminUserListSerializer, 403: error_response("Not an admin user.")})
    def get(self, request):
        users = list(selectors.users_for_admin())
        return Response({"users": s.AdminUserSerializer(users, many=True).data, "total": len(users)})


class AdminUserDetailView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        request=s.AdminUserUpdateInputSerializer,
        responses={
            200: s.AdminUserSerializer,
            400: error_response("Invalid input, or your own account."),
            403: error_response("Not an admin user."),
            404: error_response("User not found."),
        },
    )
    def put(self, request, user_id):
        data = s.AdminUserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = selectors.user_get_for_admin(user_id=user_id)
        user = services.user_admin_update(actor=request.user, user=user, **data.validated_data)
        return Response(s.AdminUserSerializer(user).data)


class AllowlistView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(tags=["admin"], responses={200: s.AllowedEmailListSerializer, 403: error_response("Not an admin user.")})
    def get(self, request):
        emails = list(selectors.allowed_emails_list())
        return Response({"allowed_emails": s.AllowedEmailSerializer(emails, many=True).data, "total": len(emails)})

    @extend_schema(
        tags=["admin"],
        request=s.AllowedEmailInputSerializer,
        responses={201: s.AllowedEmailSerializer, 400: error_response("Invalid or already allowlisted email."), 403: error_response("Not an admin user.")},
    )
    def post(self, request):
        data = s.AllowedEmailInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allowed = services.allowed_email_add(email=data.validated_data["email"], added_by=request.user)
        return Response(s.AllowedEmailSerializer(allowed).data, status=status.HTTP_201_CREATED)


class AllowlistEntryView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(tags=["admin"], responses={204: None, 403: error_response("Not an admin user."), 404: error_response("Email not on the allowlist.")})
    def delete(self, request, email):
        services.allowed_email_remove(email=email)
        return Response(status=status.HTTP_204_NO_CONTENT)

