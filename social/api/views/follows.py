from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from social import selectors, services
from social.api.serializers.follows import FollowSerializer, FollowStatsSerializer

NOT_VISIBLE = error_response("This profile is not visible to you.")


class FollowView(APIView):
    @extend_schema(
        tags=["social"],
        summary="Follow someone",
        description=(
            "You may follow a profile you can see, and any `followers` profile: following is how you get to see "
            "it. A private profile, or a `groups` one of someone you share no group with, is a 403; yourself or "
            "someone you already follow a 400."
        ),
        request=None,
        responses={
            201: FollowSerializer,
            400: error_response("Yourself, or already following."),
            403: error_response("This profile cannot be followed by you."),
        },
    )
    def post(self, request, user_id):
        follow = services.follow_create(follower=request.user, following_id=user_id)
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["social"],
        operation_id="social_unfollow",
        summary="Stop following someone",
        description='Answers `{"detail": "Unfollowed successfully"}`; someone you do not follow is a 404.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, user_id):
        services.follow_delete(follower=request.user, following_id=user_id)
        return Response({"detail": "Unfollowed successfully"})


class FollowersListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Who follows someone",
        description=(
            "The followers of a profile you may see, newest first, leaving out the followers whose own profile "
            "you may not see. Page with `skip` and `limit`."
        ),
        responses={200: FollowSerializer(many=True), 403: NOT_VISIBLE},
    )
    def get(self, request, user_id):
        follows = selectors.follower_list(viewer=request.user, user_id=user_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(follows, request, view=self)
        return paginator.get_paginated_response(FollowSerializer(page, many=True).data)


class FollowingListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Whom someone follows",
        description=(
            "The people a profile you may see follows, newest first, leaving out those whose profile you may "
            "not see. Page with `skip` and `limit`."
        ),
        responses={200: FollowSerializer(many=True), 403: NOT_VISIBLE},
    )
    def get(self, request, user_id):
        follows = selectors.following_list(viewer=request.user, user_id=user_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(follows, request, view=self)
        return paginator.get_paginated_response(FollowSerializer(page, many=True).data)


class FollowStatsView(APIView):
    @extend_schema(
        tags=["social"],
        summary="How many follow someone, and whom they follow",
        description="The two counts of a profile you may see.",
        responses={200: FollowStatsSerializer, 403: NOT_VISIBLE},
    )
    def get(self, request, user_id):
        return Response(selectors.follow_stats_get(viewer=request.user, user_id=user_id))
