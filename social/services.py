"""Writes for social: follows, groups and their members, posts and reactions.

Every write a user makes here counts as activity for their streak
(`accounts.services.user_record_activity`), and the ones milestones care about emit an event
(`social.follow_created`, `social.group_joined`, `social.post_created`) that insights reacts to.
Uniqueness (one follow per pair, one membership, one reaction per user and post) is enforced by
the database; a lost race becomes the same answer the slower request would have got anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.exceptions import NotFound, PermissionDenied

from accounts.models import ProfileVisibility, User
from accounts.services import user_record_activity
from careerhub import events
from careerhub.services import model_update
from social import events as social_events
from social import selectors
from social.models import Follow, FollowRequest, Group, GroupInvitation, GroupMember, GroupRole, Post, Reaction

# What a group's creator and a post's author may change (PUT): the update serializers accept
# exactly these fields (social/tests/test_editable_fields.py keeps the two in step).
GROUP_FIELDS = ("name", "description", "is_public")
POST_FIELDS = ("title", "content", "is_public")

# --- Follows --------------------------------------------------------------------------------


def follow_create(*, follower: User, following_id: UUID) -> Follow | FollowRequest:
    """Follow a user, or ask to.

    A public profile, or one the follower may already see (a `groups` profile of a group mate),
    is followed at once: the answer is the Follow. A `followers` profile needs its owner's
    approval: the answer is the pending FollowRequest (the same one when asked again). A private
    profile, or a `groups` profile of someone you share no group with, cannot be followed (403).
    """
    if follower.pk == following_id:
        raise ValidationError("You cannot follow yourself.")
    target = selectors.user_get(user_id=following_id)
    if Follow.objects.filter(follower=follower, following=target).exists():
        raise ValidationError("You are already following this user.")
    if target.profile_visibility == ProfileVisibility.FOLLOWERS:
        return _follow_request_create(follower=follower, target=target)
    if not selectors.profile_is_visible(viewer=follower, user=target):
        raise PermissionDenied("This profile is private.", code="profile_private")
    try:
        with transaction.atomic():
            follow = Follow.objects.create(follower=follower, following=target)
            # A request from when the profile was for followers only has no more use.
            FollowRequest.objects.filter(follower=follower, following=target).delete()
    except IntegrityError:
        # A concurrent request created the same follow first.
        raise ValidationError("You are already following this user.") from None
    _follow_done(follower=follower, active=follower)
    return follow


def _follow_request_create(*, follower: User, target: User) -> FollowRequest:
    """The pending request, created once however often (or concurrently) it is asked for."""
    request, created = FollowRequest.objects.get_or_create(follower=follower, following=target)
    if created:
        user_record_activity(user=follower)
    return request


def _follow_done(*, follower: User, active: User) -> None:
    """A follow now exists: `active` did something today, and the follower's milestones may move."""
    user_record_activity(user=active)
    events.emit(social_events.FOLLOW_CREATED, user_id=str(follower.pk))


def follow_delete(*, follower: User, following_id: UUID) -> str:
    """Unfollow, or withdraw a pending request; returns which ("unfollowed" or "withdrawn")."""
    deleted, _ = Follow.objects.filter(follower=follower, following_id=following_id).delete()
    if deleted:
        return "unfollowed"
    withdrawn, _ = FollowRequest.objects.filter(follower=follower, following_id=following_id).delete()
    if withdrawn:
        return "withdrawn"
    raise NotFound("You are not following this user.")


@transaction.atomic
def follow_request_approve(*, user: User, follow_request_id: UUID) -> Follow:
    """The owner approves a request to follow them: it becomes a Follow (once, even if approved twice at once)."""
    request = selectors.follow_request_get(user=user, follow_request_id=follow_request_id, for_update=True)
    follow, _ = Follow.objects.get_or_create(follower_id=request.follower_id, following=user)
    request.delete()
    _follow_done(follower=request.follower, active=user)
    return follow


def follow_request_decline(*, user: User, follow_request_id: UUID) -> None:
    """The owner declines a request to follow them: it is gone, and the requester may ask again."""
    selectors.follow_request_get(user=user, follow_request_id=follow_request_id).delete()
    user_record_activity(user=user)


# --- Groups ---------------------------------------------------------------------------------


def _require_creator(*, user: User, group: Group, action: str) -> None:
    if group.created_by_id != user.pk:
        raise PermissionDenied(f"Only the group's creator can {action} it.", code="not_group_creator")


@transaction.atomic
def group_create(*, user: User, name: str, description: str | None = None, is_public: bool = True) -> Group:
    """Create a group; its creator becomes its first admin member."""
    group = Group.objects.create(name=name.strip(), description=description or "", is_public=is_public, created_by=user)
    GroupMember.objects.create(group=group, user=user, role=GroupRole.ADMIN)
    user_record_activity(user=user)
    events.emit(social_events.GROUP_JOINED, user_id=str(user.pk))
    return group


def group_update(*, user: User, group: Group, data: Mapping[str, Any]) -> Group:
    """Change the GROUP_FIELDS the client sent; a null name or is_public leaves it as is, a null description clears it."""
    _require_creator(user=user, group=group, action="update")
    changes = {name: value for name, value in data.items() if value is not None or name == "description"}
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    model_update(instance=group, fields=GROUP_FIELDS, data=changes)
    return group


def group_delete(*, user: User, group: Group) -> None:
    _require_creator(user=user, group=group, action="delete")
    group.delete()


def group_join(*, user: User, group: Group) -> GroupMember:
    """Join a group. A private group needs an invitation, which joining uses up."""
    if GroupMember.objects.filter(group=group, user=user).exists():
        raise ValidationError("You are already a member of this group.")
    try:
        with transaction.atomic():
            if not group.is_public:
                invited, _ = GroupInvitation.objects.filter(group=group, user=user).delete()
                if not invited:
                    raise PermissionDenied("This group is private: you need an invitation to join it.", code="not_invited")
            member = GroupMember.objects.create(group=group, user=user, role=GroupRole.MEMBER)
    except IntegrityError:
        raise ValidationError("You are already a member of this group.") from None
    user_record_activity(user=user)
    events.emit(social_events.GROUP_JOINED, user_id=str(user.pk))
    return member


@transaction.atomic
def group_leave(*, user: User, group: Group) -> None:
    """Leave a group. Its last admin cannot leave while other members remain.

    The group's membership rows are locked (in id order) so two admins leaving at the same
    moment cannot both pass the check and leave the group without an admin.
    """
    members = list(GroupMember.objects.select_for_update().filter(group=group).order_by("id"))
    mine = next((member for member in members if member.user_id == user.pk), None)
    if mine is None:
        raise NotFound("You are not a member of this group.")
    if mine.role == GroupRole.ADMIN:
        other_admins = [m for m in members if m.role == GroupRole.ADMIN and m.pk != mine.pk]
        if not other_admins and len(members) > 1:
            raise ValidationError(
                "You are the group's last admin and other members remain: "
                "a group cannot be left without an admin. Delete the group instead."
            )
    mine.delete()


def group_invite(*, inviter: User, group: Group, user_id: UUID) -> GroupInvitation:
    """A group admin invites a user (the only way into a private group)."""
    if not selectors.group_member_is_admin(user=inviter, group=group):
        raise PermissionDenied("Only the group's admins can invite.", code="not_group_admin")
    invitee = selectors.user_get(user_id=user_id)
    if GroupMember.objects.filter(group=group, user=invitee).exists():
        raise ValidationError("This user is already a member of this group.")
    if GroupInvitation.objects.filter(group=group, user=invitee).exists():
        raise ValidationError("This user has already been invited to this group.")
    try:
        with transaction.atomic():
            invitation = GroupInvitation.objects.create(group=group, user=invitee, invited_by=inviter)
    except IntegrityError:
        raise ValidationError("This user has already been invited to this group.") from None
    user_record_activity(user=inviter)
    return invitation


# --- Posts and reactions ----------------------------------------------------------------------


def post_create(*, user: User, content: str, post_type: str, title: str | None = None,
                group_id: UUID | None = None, is_public: bool = True) -> Post:
    group = None
    if group_id is not None:
        # Nonexistent, invisible and not-joined groups get the same answer: no existence oracle.
        group = Group.objects.filter(pk=group_id, members__user=user).first()
        if group is None:
            raise ValidationError({"group_id": ["You can only post in a group you belong to."]})
    post = Post.objects.create(
        user=user, group=group, post_type=post_type, title=title or "", content=content, is_public=is_public
    )
    user_record_activity(user=user)
    events.emit(social_events.POST_CREATED, user_id=str(user.pk))
    return post


def _require_author(*, user: User, post: Post, action: str) -> None:
    if post.user_id != user.pk:
        raise PermissionDenied(f"Only the post's author can {action} it.", code="not_post_author")


def post_update(*, user: User, post: Post, data: Mapping[str, Any]) -> Post:
    """Change the POST_FIELDS the client sent; a null content or is_public leaves it as is, a null title clears it."""
    _require_author(user=user, post=post, action="update")
    changes = {name: value for name, value in data.items() if value is not None or name == "title"}
    if "title" in changes:
        changes["title"] = changes["title"] or ""
    model_update(instance=post, fields=POST_FIELDS, data=changes)
    return post


def post_delete(*, user: User, post: Post) -> None:
    _require_author(user=user, post=post, action="delete")
    post.delete()


def reaction_set(*, user: User, post: Post, reaction: str) -> Reaction:
    """React to a post, replacing the user's previous reaction to it.

    Two concurrent first reactions race on the (post, user) unique constraint; the loser
    updates the winner's row instead, so there is never a second row and never an error.
    """
    if not Reaction.objects.filter(post=post, user=user).update(reaction=reaction):
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, reaction=reaction)
        except IntegrityError:
            Reaction.objects.filter(post=post, user=user).update(reaction=reaction)
    user_record_activity(user=user)
    return Reaction.objects.get(post=post, user=user)


def reaction_delete(*, user: User, post: Post) -> None:
    deleted, _ = Reaction.objects.filter(post=post, user=user).delete()
    if not deleted:
        raise NotFound("You have not reacted to this post.")
