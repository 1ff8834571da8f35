"""Reads for social: who may see which profile, group and post, scoped before any lookup.

Profile visibility (`accounts.ProfileVisibility`) is decided here, because only social knows
who follows whom and who shares a group:

    private    the owner only
    followers  the owner and the users who follow the owner
    groups     the owner and the users who share at least one group with the owner
    public     every signed-in user

It applies wherever a profile appears: /users/{id}, /users/search, follower lists and the
community (insights reads `profile_visible_q` too).
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from rest_framework.exceptions import NotFound, PermissionDenied

from accounts.models import ProfileVisibility, User
from social.models import Follow, Group, GroupInvitation, GroupMember, Post, Reaction


def _viewer_id(viewer) -> UUID | None:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return None
    return viewer.pk


# --- Profiles -------------------------------------------------------------------------------


def profile_visible_q(viewer, *, field: str = "") -> Q:
    """A Q over users (or over the user FK `field` of another model) the viewer may see.

    `profile_visible_q(viewer)` filters User rows; `profile_visible_q(viewer, field="follower")`
    filters Follow rows by their follower's visibility. Subqueries (EXISTS) rather than joins,
    so the filtered queryset never gains duplicate rows.
    """
    prefix = f"{field}__" if field else ""
    owner = OuterRef(field or "pk")
    q = Q(**{f"{prefix}profile_visibility": ProfileVisibility.PUBLIC})
    viewer_id = _viewer_id(viewer)
    if viewer_id is None:
        return q
    follows_owner = Follow.objects.filter(follower_id=viewer_id, following=owner)
    shares_a_group = GroupMember.objects.filter(
        user=owner, group_id__in=GroupMember.objects.filter(user_id=viewer_id).values("group_id")
    )
    return (
        q
        | Q(**{field or "pk": viewer_id})
        | Q(Exists(follows_owner), **{f"{prefix}profile_visibility": ProfileVisibility.FOLLOWERS})
        | Q(Exists(shares_a_group), **{f"{prefix}profile_visibility": ProfileVisibility.GROUPS})
    )


def profile_is_visible(*, viewer, user: User) -> bool:
    if user.profile_visibility == ProfileVisibility.PUBLIC or user.pk == _viewer_id(viewer):
        return True
    return User.objects.filter(pk=user.pk).filter(profile_visible_q(viewer)).exists()


def user_search(*, viewer, query: str) -> QuerySet[User]:
    query = (query or "").strip()
    if not query:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .filter(profile_visible_q(viewer))
        .filter(Q(username__icontains=query) | Q(display_name__icontains=query))
        .order_by("username", "id")
    )


def user_get(*, user_id) -> User:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise NotFound("User not found.")
    return user


def user_get_profile(*, viewer, user_id) -> User:
    """A user's profile: 404 when there is no such user, 403 when the viewer may not see it."""
    user = user_get(user_id=user_id)
    if not profile_is_visible(viewer=viewer, user=user):
        raise PermissionDenied("This profile is private.", code="profile_private")
    return user


# --- Follows --------------------------------------------------------------------------------


def followers_list(*, viewer, user_id) -> QuerySet[Follow]:
    """Who follows `user_id`: only when that profile is visible, and only followers the viewer may see."""
    user = user_get_profile(viewer=viewer, user_id=user_id)
    return (
        Follow.objects.filter(following=user, follower__is_active=True)
        .filter(profile_visible_q(viewer, field="follower"))
        .order_by("-created_at", "id")
    )


def following_list(*, viewer, user_id) -> QuerySet[Follow]:
    user = user_get_profile(viewer=viewer, user_id=user_id)
    return (
        Follow.objects.filter(follower=user, following__is_active=True)
        .filter(profile_visible_q(viewer, field="following"))
        .order_by("-created_at", "id")
    )


def follow_stats(*, viewer, user_id) -> dict[str, int]:
    user = user_get_profile(viewer=viewer, user_id=user_id)
    counts = Follow.objects.filter(Q(following=user) | Q(follower=user)).aggregate(
        followers_count=Count("pk", filter=Q(following=user, follower__is_active=True)),
        following_count=Count("pk", filter=Q(follower=user, following__is_active=True)),
    )
    return {"followers_count": counts["followers_count"] or 0, "following_count": counts["following_count"] or 0}


# --- Groups ---------------------------------------------------------------------------------


def _is_member(viewer_id, group_ref) -> Exists:
    return Exists(GroupMember.objects.filter(user_id=viewer_id, group=group_ref))


def groups_visible_q(viewer) -> Q:
    """Public groups, and private ones the viewer created, belongs to or is invited to."""
    viewer_id = _viewer_id(viewer)
    q = Q(is_public=True)
    if viewer_id is None:
        return q
    invited = Exists(GroupInvitation.objects.filter(user_id=viewer_id, group=OuterRef("pk")))
    return q | Q(created_by_id=viewer_id) | Q(_is_member(viewer_id, OuterRef("pk"))) | Q(invited)


def _with_member_count(groups: QuerySet[Group]) -> QuerySet[Group]:
    return groups.annotate(member_count=Count("members"))


def groups_public_list() -> QuerySet[Group]:
    return _with_member_count(Group.objects.filter(is_public=True)).order_by("-created_at", "id")


def groups_of_user(*, user: User) -> QuerySet[Group]:
    return _with_member_count(Group.objects.filter(_is_member(user.pk, OuterRef("pk")))).order_by("-created_at", "id")


def group_get(*, viewer, group_id, with_member_count: bool = False) -> Group:
    """A group the viewer may see; a private group they have nothing to do with is not found."""
    groups = Group.objects.filter(groups_visible_q(viewer))
    if with_member_count:
        groups = _with_member_count(groups)
    group = groups.filter(pk=group_id).first()
    if group is None:
        raise NotFound("Group not found.")
    return group


def group_membership(*, user: User, group: Group) -> GroupMember | None:
    return GroupMember.objects.filter(group=group, user=user).first()


def group_members_list(*, viewer, group_id) -> QuerySet[GroupMember]:
    group = group_get(viewer=viewer, group_id=group_id)
    if not group.is_public and not GroupMember.objects.filter(group=group, user_id=_viewer_id(viewer)).exists():
        raise PermissionDenied("Only members can see the members of a private group.", code="not_a_member")
    return GroupMember.objects.filter(group=group).order_by("joined_at", "id")


# --- Posts ----------------------------------------------------------------------------------


def posts_visible_q(viewer) -> Q:
    """Posts the viewer may read.

    A post outside any group: public ones, and the author's own. A post in a group: its
    members see all of them; others see it only when both the post and the group are public.
    """
    q = Q(group__isnull=True, is_public=True) | Q(group__is_public=True, is_public=True)
    viewer_id = _viewer_id(viewer)
    if viewer_id is None:
        return q
    return q | Q(user_id=viewer_id) | Q(_is_member(viewer_id, OuterRef("group_id")))


def _with_reaction_count(posts: QuerySet[Post]) -> QuerySet[Post]:
    # One aggregate in the same query; never a COUNT per post.
    return posts.annotate(reaction_count=Count("reactions"))


def posts_feed(*, viewer, group_id=None) -> QuerySet[Post]:
    posts = Post.objects.filter(posts_visible_q(viewer))
    if group_id is not None:
        posts = posts.filter(group_id=group_id)
    return _with_reaction_count(posts).order_by("-created_at", "-id")


def posts_of_user(*, user: User) -> QuerySet[Post]:
    return _with_reaction_count(Post.objects.filter(user=user)).order_by("-created_at", "-id")


def post_get(*, viewer, post_id) -> Post:
    post = _with_reaction_count(Post.objects.filter(posts_visible_q(viewer))).filter(pk=post_id).first()
    if post is None:
        raise NotFound("Post not found.")
    return post


def reaction_of(*, user: User, post: Post) -> Reaction | None:
    return Reaction.objects.filter(post=post, user=user).first()
