"""The registration allowlist (seed 004 admin API)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api.serializers.allowlist import (
    AllowedEmailInputSerializer,
    AllowedEmailListSerializer,
    AllowedEmailSerializer,
)
from accounts.api.views.admin_users import NOT_AN_ADMIN
from careerhub.api.schema import error_response


class AllowlistView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        operation_id="admin_allowlist_list",
        summary="The registration allowlist (admins)",
        description=(
            "The addresses that may register while the server's registration mode is `allowlist`, oldest first, "
            "with who added each. For admins only."
        ),
        responses={200: AllowedEmailListSerializer, 403: error_response(NOT_AN_ADMIN)},
    )
    def get(self, request):
        emails = list(selectors.allowed_email_list())
        return Response({"allowed_emails": AllowedEmailSerializer(emails, many=True).data, "total": len(emails)})

    @extend_schema(
        tags=["admin"],
        operation_id="admin_allowlist_create",
        summary="Allow an address to register (admins)",
        description=(
            "Adds an address to the allowlist, stored lowercased. An address already there, in any case, is a 400."
        ),
        request=AllowedEmailInputSerializer,
        responses={201: AllowedEmailSerializer, 403: error_response(NOT_AN_ADMIN)},
    )
    def post(self, request):
        data = AllowedEmailInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allowed = services.allowed_email_add(email=data.validated_data["email"], added_by=request.user)
        return Response(AllowedEmailSerializer(allowed).data, status=status.HTTP_201_CREATED)


class AllowlistEntryView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        summary="Take an address off the allowlist (admins)",
        description=(
            "Answers 204 with no body, as seed 004 documents. An address that is not on the list is a 404. An "
            "account already registered with the address is not affected."
        ),
        responses={204: None, 403: error_response(NOT_AN_ADMIN)},
    )
    def delete(self, request, email):
        services.allowed_email_remove(email=email)
        return Response(status=status.HTTP_204_NO_CONTENT)
