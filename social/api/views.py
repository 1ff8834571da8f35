"""Social endpoints (seed 003): profiles under the visibility rules, follows, groups, posts, reactions."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers.users import UserPublicProfileSerializer
from careerhub.api import serializers
from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from social import selectors, services
from social.api import serializers as s

UNAUTHENTICATED = error_response("Not authenticated.")


def _page(view: APIView, request, queryset, serializer_class) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


def _detail(message: str) -> Response:
    return Response({"detail": message})


# --- Profiles -------------------------------------------------------------------------------


class UserSearchView(APIView):
    pagination_class = skip_limit(20)

    @extend_schema(
        tags=["users"],
        parameters=[OpenApiParameter("q", str, description="Search by username or display name; blank returns []")],
        responses={200: UserPublicProfileSerializer(many=True), 400: error_response("Invalid paging."), 401: UNAUTHENTICATED},
        description="Profiles matching `q` that the caller may see under each profile's visibility.",
    )
    def get(self, request):
        users = selectors.user_search(viewer=request.user, query=request.query_params.get("q", ""))
        return _page(self, request, users, UserPublicProfileSerializer)


class UserDetailView(APIView):
    @extend_schema(
        tags=["users"],
        responses={
            200: UserPublicProfileSerializer,
            401: UNAUTHENTICATED,
            403: error_response("This profile is not visible to you."),
            404: error_response("User not found."),
        },
    )
    def get(self, request, user_id):
        user = selectors.user_get_profile(viewer=request.user, user_id=user_id)
        return Response(UserPublicProfileSerializer(user).data)


# --- Follows --------------------------------------------------------------------------------


class FollowView(APIView):
    @extend_schema(
        tags=["social"],
        request=None,
        responses={
            201: s.FollowSerializer,
            400: error_response("Yourself, or already following."),
            401: UNAUTHENTICATED,
            403: error_response("This profile cannot be followed by you."),
            404: error_response("User not found."),
        },
    )
    def post(self, request, user_id):
        follow = services.follow_create(follower=request.user, following_id=user_id)
        return Response(s.FollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["social"],
        responses={200: DetailMessageSerializer, 401: UNAUTHENTICATED, 404: error_response("Not following this user.")},
    )
    def delete(self, request, user_id):
        services.follow_delete(follower=request.user, following_id=user_id)
        return _detail("Unfollowed successfully")


_FOLLOW_LIST_ERRORS = {
    400: error_response("Invalid paging."),
    401: UNAUTHENTICATED,
    403: error_response("This profile is not visible to you."),
    404: error_response("User not found."),
}


class FollowersListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(tags=["social"], responses={200: s.FollowSerializer(many=True), **_FOLLOW_LIST_ERRORS})
    def get(self, request, user_id):
        return _page(self, request, selectors.followers_list(viewer=request.user, user_id=user_id), s.FollowSerializer)


class FollowingListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(tags=["social"], responses={200: s.FollowSerializer(many=True), **_FOLLOW_LIST_ERRORS})
    def get(self, request, user_id):
        return _page(self, request, selectors.following_list(viewer=request.user, user_id=user_id), s.FollowSerializer)


class FollowStatsView(APIView):
    @extend_schema(
        tags=["social"],
        responses={
            200: s.FollowStatsSerializer,
            401: UNAUTHENTICATED,
            403: error_response("This profile is not visible to you."),
            404: error_response("User not found."),
        },
    )
    def get(self, request, user_id):
        return Response(selectors.follow_stats(viewer=request.user, user_id=user_id))


# --- Groups ---------------------------------------------------------------------------------


def _group_response(request, group_id, status_code=status.HTTP_200_OK) -> Response:
    group = selectors.group_get(viewer=request.user, group_id=group_id, with_member_count=True)
    return Response(s.GroupSerializer(group).data, status=status_code)


class GroupListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        responses={200: s.GroupSerializer(many=True), 400: error_response("Invalid paging."), 401: UNAUTHENTICATED},
        description="Public groups, newest first.",
    )
    def get(self, request):
        return _page(self, request, selectors.groups_public_list(), s.GroupSerializer)

    @extend_schema(
        tags=["social"],
        request=s.GroupCreateInputSerializer,
        responses={201: s.GroupSerializer, 400: error_response("Invalid input."), 401: UNAUTHENTICATED},
        description="Create a group; the creator becomes its admin member.",
    )
    def post(self, request):
        data = s.GroupCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        group = services.group_create(user=request.user, **data.validated_data)
        return _group_response(request, group.pk, status.HTTP_201_CREATED)


class GroupMineView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        responses={200: s.GroupSerializer(many=True), 400: error_response("Invalid paging."), 401: UNAUTHENTICATED},
        description="Groups the caller belongs to.",
    )
    def get(self, request):
        return _page(self, request, selectors.groups_of_user(user=request.user), s.GroupSerializer)


class GroupDetailView(APIView):
    @extend_schema(
        tags=["social"],
        responses={200: s.GroupSerializer, 401: UNAUTHENTICATED, 404: error_response("Group not found.")},
    )
    def get(self, request, group_id):
        return _group_response(request, group_id)

    @extend_schema(
        tags=["social"],
        request=s.GroupUpdateInputSerializer,
        responses={
            200: s.GroupSerializer,
            400: error_response("Invalid input."),
            401: UNAUTHENTICATED,
            403: error_response("Only the creator can update the group."),
            404: error_response("Group not found."),
        },
    )
    def put(self, request, group_id):
        data = s.GroupUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        services.group_update(user=request.user, group=group, fields=set(data.validated_data), **data.validated_data)
        return _group_response(request, group_id)

    @extend_schema(
        tags=["social"],
        responses={
            200: DetailMessageSerializer,
            401: UNAUTHENTICATED,
            403: error_response("Only the creator can delete the group."),
            404: error_response("Group not found."),
        },
    )
    def delete(self, request, group_id):
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        services.group_delete(user=request.user, group=group)
        return _detail("Group deleted")


class GroupJoinView(APIView):
    @extend_schema(
        tags=["social"],
        request=None,
        responses={
            201: s.GroupMemberSerializer,
            400: error_response("Already a member."),
            401: UNAUTHENTICATED,
            403: error_response("A private group needs an invitation."),
            404: error_response("Group not found."),
        },
    )
    def post(self, request, group_id):
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        member = services.group_join(user=request.user, group=group)
        return Response(s.GroupMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class GroupLeaveView(APIView):
    @extend_schema(
        tags=["social"],
        responses={
            200: DetailMessageSerializer,
            400: error_response("The last admin cannot leave while other members remain."),
            401: UNAUTHENTICATED,
            404: error_response("Group not found, or not a member."),
        },
    )
    def delete(self, request, group_id):
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        services.group_leave(user=request.user, group=group)
        return _detail("Left group successfully")


class GroupMembersView(APIView):
    pagination_class = skip_limit(100)

    @extend_schema(
        tags=["social"],
        responses={
            200: s.GroupMemberSerializer(many=True),
            400: error_response("Invalid paging."),
            401: UNAUTHENTICATED,
            403: error_response("Only members see a private group's members."),
            404: error_response("Group not found."),
        },
    )
    def get(self, request, group_id):
        members = selectors.group_members_list(viewer=request.user, group_id=group_id)
        return _page(self, request, members, s.GroupMemberSerializer)


class GroupInviteView(APIView):
    @extend_schema(
        tags=["social"],
        request=None,
        responses={
            201: s.GroupInvitationSerializer,
            400: error_response("Already a member or already invited."),
            401: UNAUTHENTICATED,
            403: error_response("Only the group's admins can invite."),
            404: error_response("Group or user not found."),
        },
        description="A group admin invites a user; a private group can only be joined with an invitation.",
    )
    def post(self, request, group_id, user_id):
        group = selectors.group_get(viewer=request.user, group_id=group_id)
        invitation = services.group_invite(inviter=request.user, group=group, user_id=user_id)
        return Response(s.GroupInvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


# --- Posts and reactions ----------------------------------------------------------------------


class FeedQuerySerializer(serializers.Serializer):
    group_id = serializers.UUIDField(required=False, allow_null=True)


class PostCreateView(APIView):
    @extend_schema(
        tags=["social"],
        request=s.PostCreateInputSerializer,
        responses={
            201: s.PostSerializer,
            400: error_response("Invalid input, or a group you do not belong to."),
            401: UNAUTHENTICATED,
        },
    )
    def post(self, request):
        data = s.PostCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_create(user=request.user, **data.validated_data)
        post = selectors.post_get(viewer=request.user, post_id=post.pk)
        return Response(s.PostSerializer(post).data, status=status.HTTP_201_CREATED)


class PostFeedView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        parameters=[OpenApiParameter("group_id", str, description="Only this group's posts (UUID).")],
        responses={200: s.PostSerializer(many=True), 400: error_response("Invalid query."), 401: UNAUTHENTICATED},
        description=(
            "Posts the caller may read, newest first: public posts, their own, and every post of the "
            "groups they belong to. A private group's posts are for its members only."
        ),
    )
    def get(self, request):
        query = FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        posts = selectors.posts_feed(viewer=request.user, group_id=query.validated_data.get("group_id"))
        return _page(self, request, posts, s.PostSerializer)


class PostMineView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        responses={200: s.PostSerializer(many=True), 400: error_response("Invalid paging."), 401: UNAUTHENTICATED},
    )
    def get(self, request):
        return _page(self, request, selectors.posts_of_user(user=request.user), s.PostSerializer)


class PostDetailView(APIView):
    @extend_schema(
        tags=["social"],
        request=s.PostUpdateInputSerializer,
        responses={
            200: s.PostSerializer,
            400: error_response("Invalid input."),
            401: UNAUTHENTICATED,
            403: error_response("Only the author can update the post."),
            404: error_response("Post not found."),
        },
    )
    def put(self, request, post_id):
        data = s.PostUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = selectors.post_get(viewer=request.user, post_id=post_id)
        services.post_update(user=request.user, post=post, fields=set(data.validated_data), **data.validated_data)
        return Response(s.PostSerializer(selectors.post_get(viewer=request.user, post_id=post_id)).data)

    @extend_schema(
        tags=["social"],
        responses={
            200: DetailMessageSerializer,
            401: UNAUTHENTICATED,
            403: error_response("Only the author can delete the post."),
            404: error_response("Post not found."),
        },
    )
    def delete(self, request, post_id):
        post = selectors.post_get(viewer=request.user, post_id=post_id)
        services.post_delete(user=request.user, post=post)
        return _detail("Post deleted")


class PostReactView(APIView):
    @extend_schema(
        tags=["social"],
        request=s.ReactionInputSerializer,
        responses={
            201: s.ReactionSerializer,
            400: error_response("Invalid reaction."),
            401: UNAUTHENTICATED,
            404: error_response("Post not found."),
        },
        description="One reaction per user per post: a new reaction replaces the previous one.",
    )
    def post(self, request, post_id):
        data = s.ReactionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = selectors.post_get(viewer=request.user, post_id=post_id)
        reaction = services.reaction_set(user=request.user, post=post, reaction=data.validated_data["reaction"])
        return Response(s.ReactionSerializer(reaction).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["social"],
        responses={
            200: DetailMessageSerializer,
            401: UNAUTHENTICATED,
            404: error_response("Post not found, or no reaction to remove."),
        },
    )
    def delete(self, request, post_id):
        post = selectors.post_get(viewer=request.user, post_id=post_id)
        services.reaction_delete(user=request.user, post=post)
        return _detail("Reaction removed")
