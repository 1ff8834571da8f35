"""The admin API's users (seed 004): list, activate/deactivate, grant/revoke admin."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.api.serializers.admin_users import (
    AdminUserListSerializer,
    AdminUserSerializer,
    AdminUserUpdateInputSerializer,
)
from accounts.models import User
from careerhub.api.schema import error_response
from careerhub.api.views import OwnedObjectView

NOT_AN_ADMIN = "Not an admin user."


class AdminUserListView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        tags=["admin"],
        operation_id="admin_users_list",
        summary="List every user (admins)",
        description="Every account, newest first, with whether it is active and an admin. For admins only.",
        responses={200: AdminUserListSerializer, 403: error_response(NOT_AN_ADMIN)},
    )
    def get(self, request):
        users = list(selectors.user_list())
        return Response({"users": AdminUserSerializer(users, many=True).data, "total": len(users)})


# An admin may see every user: the scope is all of them.
class AdminUserDetailView(OwnedObjectView):
    permission_classes = [IsAdminUser]
    lookup_url_kwarg = "user_id"
    not_found = "User not found."

    def get_queryset(self) -> QuerySet[User]:
        return selectors.user_list()

    @extend_schema(
        tags=["admin"],
        summary="Activate, deactivate, grant or revoke admin (admins)",
        description=(
            "Sets `is_active` and `is_admin`; one that is left out or null stays as it is. Deactivating signs "
            "the user out everywhere at once: their tokens stop working. An admin may use the admin API and the "
            "Django admin. Your own account cannot be changed here (400), so an admin never locks themself out."
        ),
        request=AdminUserUpdateInputSerializer,
        responses={200: AdminUserSerializer, 403: error_response(NOT_AN_ADMIN)},
    )
    def put(self, request, user_id):
        data = AdminUserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_admin_update(actor=request.user, user=self.get_object(), data=data.validated_data)
        return Response(AdminUserSerializer(user).data)
