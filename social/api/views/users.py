"""Profiles live in social because only social can apply the followers/groups visibility rules."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers.users import UserPublicProfileSerializer
from careerhub.api.pagination import skip_limit
from careerhub.api.schema import error_response
from social import selectors


class UserSearchView(APIView):
    pagination_class = skip_limit(20)

    @extend_schema(
        tags=["users"],
        summary="Find people",
        description=(
            "Active users whose username or display name contains `q` (any case), among the profiles you may "
            "see: public ones, `followers` profiles of people you follow, `groups` profiles of people you share a "
            "group with. Private profiles never appear, and new accounts start private. Page with `skip` and "
            "`limit`."
        ),
        parameters=[OpenApiParameter("q", str, description="Search by username or display name; blank returns []")],
        responses={200: UserPublicProfileSerializer(many=True)},
    )
    def get(self, request):
        users = selectors.user_list(viewer=request.user, query=request.query_params.get("q", ""))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(users, request, view=self)
        return paginator.get_paginated_response(UserPublicProfileSerializer(page, many=True).data)


class UserDetailView(APIView):
    @extend_schema(
        tags=["users"],
        summary="Someone's profile",
        description=(
            "The public part of a user: username, display name, bio, visibility, streak and when they joined "
            "(never their email). A profile you may not see is a 403 `profile_private`; an unknown user a 404."
        ),
        responses={200: UserPublicProfileSerializer, 403: error_response("This profile is not visible to you.")},
    )
    def get(self, request, user_id):
        user = selectors.user_profile_get(viewer=request.user, user_id=user_id)
        return Response(UserPublicProfileSerializer(user).data)
