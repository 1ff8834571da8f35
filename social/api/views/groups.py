"""Groups and their members: create, list, update and delete groups; join, leave, invite; who is in one."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from social import selectors, services
from social.api.serializers.groups import (
    GroupCreateInputSerializer,
    GroupInvitationSerializer,
    GroupMemberSerializer,
    GroupSerializer,
    GroupUpdateInputSerializer,
)


class GroupListView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Public groups",
        description="Every public group, newest first, with its member count. Page with `skip` and `limit`.",
        responses={200: GroupSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.group_public_list(), request, view=self)
        return paginator.get_paginated_response(GroupSerializer(page, many=True).data)

    @extend_schema(
        tags=["social"],
        summary="Create a group",
        description=(
            "A `name`, an optional description, and `is_public` (default true). You become its first member and "
            "admin. A private group is seen and joined only by its members and the people they invite."
        ),
        request=GroupCreateInputSerializer,
        responses={201: GroupSerializer},
    )
    def post(self, request):
        data = GroupCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        group = services.group_create(user=request.user, **data.validated_data)
        group = selectors.group_get(viewer=request.user, group_id=group.pk, with_member_count=True)
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)


class GroupMineView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Your groups",
        description="The groups you belong to, public or private, newest first. Page with `skip` and `limit`.",
        responses={200: GroupSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.group_joined_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(GroupSerializer(page, many=True).data)


class GroupObjectView(OwnedObjectView):
    # An endpoint about one group the caller may see (someone else's private group is not found).

    lookup_url_kwarg = "group_id"
    not_found = selectors.GROUP_NOT_FOUND

    def get_queryset(self):
        return selectors.group_list(viewer=self.request.user)


class GroupDetailView(GroupObjectView):
    def get_queryset(self):
        return selectors.group_list(viewer=self.request.user, with_member_count=True)

    @extend_schema(
        tags=["social"],
        summary="One group",
        description="A public group, or a private one you belong to or are invited to; any other is a 404.",
        responses={200: GroupSerializer},
    )
    def get(self, request, group_id):
        return Response(GroupSerializer(self.get_object()).data)

    @extend_schema(
        tags=["social"],
        summary="Change a group",
        description="Its creator changes its name, description or visibility; fields left out stay as they are.",
        request=GroupUpdateInputSerializer,
        responses={200: GroupSerializer, 403: error_response("Only the creator can update the group.")},
    )
    def put(self, request, group_id):
        data = GroupUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.group_update(user=request.user, group=self.get_object(), data=data.validated_data)
        return Response(GroupSerializer(self.get_object()).data)

    @extend_schema(
        tags=["social"],
        summary="Delete a group",
        description='Its creator deletes it with its memberships and posts. Answers `{"detail": "Group deleted"}`.',
        responses={200: DetailMessageSerializer, 403: error_response("Only the creator can delete the group.")},
    )
    def delete(self, request, group_id):
        services.group_delete(user=request.user, group=self.get_object())
        return Response({"detail": "Group deleted"})


class GroupJoinView(GroupObjectView):
    @extend_schema(
        tags=["social"],
        summary="Join a group",
        description="Anyone may join a public group; a private one needs an invitation (403). Already a member is a 400.",
        request=None,
        responses={
            201: GroupMemberSerializer,
            400: error_response("Already a member."),
            403: error_response("A private group needs an invitation."),
        },
    )
    def post(self, request, group_id):
        member = services.group_join(user=request.user, group=self.get_object())
        return Response(GroupMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class GroupLeaveView(GroupObjectView):
    @extend_schema(
        tags=["social"],
        operation_id="social_groups_leave",
        summary="Leave a group",
        description=(
            "A group's last admin cannot leave while other members remain (400): delete the group instead. "
            'Answers `{"detail": "Left group successfully"}`.'
        ),
        responses={
            200: DetailMessageSerializer,
            400: error_response("The last admin cannot leave while other members remain."),
        },
    )
    def delete(self, request, group_id):
        services.group_leave(user=request.user, group=self.get_object())
        return Response({"detail": "Left group successfully"})


class GroupMembersView(APIView):
    pagination_class = skip_limit(100)

    @extend_schema(
        tags=["social"],
        summary="A group's members",
        description=(
            "Who is in a group, in the order they joined, with their role. Anyone who sees a public group sees "
            "its members; a private group's are for its members only (403). Page with `skip` and `limit`."
        ),
        responses={
            200: GroupMemberSerializer(many=True),
            403: error_response("Only members see a private group's members."),
        },
    )
    def get(self, request, group_id):
        members = selectors.group_member_list(viewer=request.user, group_id=group_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(members, request, view=self)
        return paginator.get_paginated_response(GroupMemberSerializer(page, many=True).data)


class GroupInviteView(GroupObjectView):
    @extend_schema(
        tags=["social"],
        request=None,
        summary="Invite someone to a group",
        description=(
            "A group's admins invite a user, who may then see the group and join it, private or not. Inviting a "
            "member or someone already invited is a 400."
        ),
        responses={
            201: GroupInvitationSerializer,
            400: error_response("Already a member or already invited."),
            403: error_response("Only the group's admins can invite."),
        },
    )
    def post(self, request, group_id, user_id):
        invitation = services.group_invite(inviter=request.user, group=self.get_object(), user_id=user_id)
        return Response(GroupInvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)
