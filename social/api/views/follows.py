from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from social import selectors, services
from social.api.serializers.follows import FollowRequestSerializer, FollowSerializer, FollowStatsSerializer
from social.models import FollowRequest

NOT_VISIBLE = error_response("This profile is not visible to you.")


class FollowView(APIView):
    @extend_schema(
        tags=["social"],
        summary="Follow a user, or ask to",
        description=(
            "A public profile (or one you already see, such as a `groups` profile of a group mate) is followed "
            "at once: 201 with the follow. A profile for followers only needs its owner's approval: 202 with the "
            'pending request (`"status": "pending"`; asking again answers the same request). Until the owner '
            "approves, you do not see what is for followers only."
        ),
        request=None,
        responses={
            201: FollowSerializer,
            202: FollowRequestSerializer,
            400: error_response("Yourself, or already following."),
            403: error_response("This profile cannot be followed by you."),
        },
    )
    def post(self, request, user_id):
        follow = services.follow_create(follower=request.user, following_id=user_id)
        if isinstance(follow, FollowRequest):
            return Response(FollowRequestSerializer(follow).data, status=status.HTTP_202_ACCEPTED)
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["social"],
        summary="Unfollow a user, or withdraw a pending request",
        description="Ends a follow, or withdraws a request the owner has not answered yet.",
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, user_id):
        outcome = services.follow_delete(follower=request.user, following_id=user_id)
        return Response({"detail": "Unfollowed successfully" if outcome == "unfollowed" else "Follow request withdrawn"})


class FollowersListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(tags=["social"], responses={200: FollowSerializer(many=True), 403: NOT_VISIBLE})
    def get(self, request, user_id):
        follows = selectors.follower_list(viewer=request.user, user_id=user_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(follows, request, view=self)
        return paginator.get_paginated_response(FollowSerializer(page, many=True).data)


class FollowingListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(tags=["social"], responses={200: FollowSerializer(many=True), 403: NOT_VISIBLE})
    def get(self, request, user_id):
        follows = selectors.following_list(viewer=request.user, user_id=user_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(follows, request, view=self)
        return paginator.get_paginated_response(FollowSerializer(page, many=True).data)


class FollowStatsView(APIView):
    @extend_schema(tags=["social"], responses={200: FollowStatsSerializer, 403: NOT_VISIBLE})
    def get(self, request, user_id):
        return Response(selectors.follow_stats_get(viewer=request.user, user_id=user_id))


class FollowRequestListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Requests to follow you, waiting for your answer",
        description=(
            "The pending requests to follow you (your profile is for followers only), newest first, each with "
            "who asked. Approve or decline each one."
        ),
        responses={200: FollowRequestSerializer(many=True)},
    )
    def get(self, request):
        requests = selectors.follow_request_list(user=request.user)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(requests, request, view=self)
        return paginator.get_paginated_response(FollowRequestSerializer(page, many=True).data)


class FollowRequestApproveView(APIView):
    @extend_schema(
        tags=["social"],
        summary="Approve a request to follow you",
        description="The requester becomes your follower and sees what is for your followers. Answers the follow.",
        request=None,
        responses={200: FollowSerializer},
    )
    def post(self, request, follow_request_id):
        follow = services.follow_request_approve(user=request.user, follow_request_id=follow_request_id)
        return Response(FollowSerializer(follow).data)


class FollowRequestDeclineView(APIView):
    @extend_schema(
        tags=["social"],
        summary="Decline a request to follow you",
        description="The request is removed; the requester is not told, and may ask again later.",
        request=None,
        responses={200: DetailMessageSerializer},
    )
    def post(self, request, follow_request_id):
        services.follow_request_decline(user=request.user, follow_request_id=follow_request_id)
        return Response({"detail": "Follow request declined"})
