"""Reads for social: who may see which profile, group and post, scoped before any lookup.

Profile visibility (`accounts.ProfileVisibility`) is decided here, because only social knows
who follows whom and who shares a group:

    private    the owner only
    followers  the owner and the users who follow the owner (approved follows: a pending
               request is a FollowRequest, never a Follow)
    groups     the owner and the users who share at least one group with the owner
    public     every signed-in user

It applies wherever a profile appears: /users/{id}, /users/search, follower lists and the
community (insights reads `profile_visible_q` too).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from rest_framework.exceptions import PermissionDenied

from accounts.models import ProfileVisibility, User
from careerhub.selectors import get_or_404
from social.models import Follow, FollowRequest, Group, GroupInvitation, GroupMember, GroupRole, Post

# Who is looking: a signed-in user, or nobody (anonymous callers see public rows only).
Viewer = User | AnonymousUser | None

USER_NOT_FOUND = "User not found."
FOLLOW_REQUEST_NOT_FOUND = "Follow request not found."
GROUP_NOT_FOUND = "Group not found."
POST_NOT_FOUND = "Post not found."


def _viewer_id(viewer: Viewer) -> UUID | None:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return None
    return viewer.pk


# --- Profiles -------------------------------------------------------------------------------


def profile_visible_q(viewer: Viewer, *, field: str = "") -> Q:
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


def profile_is_visible(*, viewer: Viewer, user: User) -> bool:
    if user.profile_visibility == ProfileVisibility.PUBLIC or user.pk == _viewer_id(viewer):
        return True
    return User.objects.filter(pk=user.pk).filter(profile_visible_q(viewer)).exists()


def user_list(*, viewer: Viewer, query: str) -> QuerySet[User]:
    """Active users whose username or display name contains `query` and whose profile the viewer may see."""
    query = (query or "").strip()
    if not query:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .filter(profile_visible_q(viewer))
        .filter(Q(username__icontains=query) | Q(display_name__icontains=query))
        .order_by("username", "id")
    )


def user_get(*, user_id: UUID) -> User:
    return get_or_404(User.objects.filter(is_active=True), detail=USER_NOT_FOUND, pk=user_id)


def user_profile_get(*, viewer: Viewer, user_id: UUID) -> User:
    """A user's profile: 404 when there is no such user, 403 when the viewer may not see it."""
    user = user_get(user_id=user_id)
    if not profile_is_visible(viewer=viewer, user=user):
        raise PermissionDenied("This profile is private.", code="profile_private")
    return user


# --- Follows --------------------------------------------------------------------------------


def follower_list(*, viewer: Viewer, user_id: UUID) -> QuerySet[Follow]:
    """Who follows `user_id`: only when that profile is visible, and only followers the viewer may see."""
    user = user_profile_get(viewer=viewer, user_id=user_id)
    return (
        Follow.objects.filter(following=user, follower__is_active=True)
        .filter(profile_visible_q(viewer, field="follower"))
        .order_by("-created_at", "id")
    )


def following_list(*, viewer: Viewer, user_id: UUID) -> QuerySet[Follow]:
    """Whom `user_id` follows: only when that profile is visible, and only those the viewer may see."""
    user = user_profile_get(viewer=viewer, user_id=user_id)
    return (
        Follow.objects.filter(follower=user, following__is_active=True)
        .filter(profile_visible_q(viewer, field="following"))
        .order_by("-created_at", "id")
    )


def follow_stats_get(*, viewer: Viewer, user_id: UUID) -> dict[str, int]:
    user = user_profile_get(viewer=viewer, user_id=user_id)
    counts = Follow.objects.filter(Q(following=user) | Q(follower=user)).aggregate(
        followers_count=Count("pk", filter=Q(following=user, follower__is_active=True)),
        following_count=Count("pk", filter=Q(follower=user, following__is_active=True)),
    )
    return {"followers_count": counts["followers_count"] or 0, "following_count": counts["following_count"] or 0}


def follow_request_list(*, user: User) -> QuerySet[FollowRequest]:
    """The pending requests to follow `user`, newest first, with who asked (one query)."""
    return (
        FollowRequest.objects.filter(following=user, follower__is_active=True)
        .select_related("follower")
        .order_by("-created_at", "id")
    )


def follow_request_get(*, user: User, follow_request_id: UUID, for_update: bool = False) -> FollowRequest:
    """A pending request to follow `user`; anyone else's (even one `user` sent) is not found."""
    requests = FollowRequest.objects.filter(following=user, follower__is_active=True).select_related("follower")
    if for_update:
        requests = requests.select_for_update(of=("self",))
    return get_or_404(requests, detail=FOLLOW_REQUEST_NOT_FOUND, pk=follow_request_id)


# --- Groups ---------------------------------------------------------------------------------


def _is_member(viewer_id: UUID | None, group_ref: OuterRef) -> Exists:
    return Exists(GroupMember.objects.filter(user_id=viewer_id, group=group_ref))


def groups_visible_q(viewer: Viewer) -> Q:
    """Public groups, and private ones the viewer created, belongs to or is invited to."""
    viewer_id = _viewer_id(viewer)
    q = Q(is_public=True)
    if viewer_id is None:
        return q
    invited = Exists(GroupInvitation.objects.filter(user_id=viewer_id, group=OuterRef("pk")))
    return q | Q(created_by_id=viewer_id) | Q(_is_member(viewer_id, OuterRef("pk"))) | Q(invited)


def _with_member_count(groups: QuerySet[Group]) -> QuerySet[Group]:
    return groups.annotate(member_count=Count("members"))


def group_list(*, viewer: Viewer, with_member_count: bool = False) -> QuerySet[Group]:
    """Every group the viewer may see, newest first; a private group they have nothing to do with is not there."""
    groups = Group.objects.filter(groups_visible_q(viewer)).order_by("-created_at", "id")
    return _with_member_count(groups) if with_member_count else groups


def group_public_list() -> QuerySet[Group]:
    return _with_member_count(Group.objects.filter(is_public=True)).order_by("-created_at", "id")


def group_joined_list(*, user: User) -> QuerySet[Group]:
    """The groups `user` belongs to, public or not."""
    return _with_member_count(Group.objects.filter(_is_member(user.pk, OuterRef("pk")))).order_by("-created_at", "id")


def group_get(*, viewer: Viewer, group_id: UUID, with_member_count: bool = False) -> Group:
    """A group the viewer may see; a private group they have nothing to do with is not found."""
    groups = group_list(viewer=viewer, with_member_count=with_member_count)
    return get_or_404(groups, detail=GROUP_NOT_FOUND, pk=group_id)


def group_member_is_admin(*, user: User, group: Group) -> bool:
    return GroupMember.objects.filter(group=group, user=user, role=GroupRole.ADMIN).exists()


def group_member_list(*, viewer: Viewer, group_id: UUID) -> QuerySet[GroupMember]:
    """A group's members: anyone who sees a public group sees them; a private group's, only its members."""
    group = group_get(viewer=viewer, group_id=group_id)
    if not group.is_public and not GroupMember.objects.filter(group=group, user_id=_viewer_id(viewer)).exists():
        raise PermissionDenied("Only members can see the members of a private group.", code="not_a_member")
    return GroupMember.objects.filter(group=group).order_by("joined_at", "id")


# --- Posts ----------------------------------------------------------------------------------


def posts_visible_q(viewer: Viewer) -> Q:
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


def post_list(*, viewer: Viewer, group_id: UUID | None = None) -> QuerySet[Post]:
    """The feed: every post the viewer may read (of one group when `group_id` is given), newest first."""
    posts = Post.objects.filter(posts_visible_q(viewer))
    if group_id is not None:
        posts = posts.filter(group_id=group_id)
    return _with_reaction_count(posts).order_by("-created_at", "-id")


def post_authored_list(*, user: User) -> QuerySet[Post]:
    return _with_reaction_count(Post.objects.filter(user=user)).order_by("-created_at", "-id")


def post_get(*, viewer: Viewer, post_id: UUID) -> Post:
    return get_or_404(post_list(viewer=viewer), detail=POST_NOT_FOUND, pk=post_id)
