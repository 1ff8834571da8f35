"""Plain builders for social rows in tests (shared with insights' tests)."""

from __future__ import annotations

from social.models import Follow, Group, GroupMember, GroupRole, Post, Reaction


def follow(follower, following) -> Follow:
    return Follow.objects.create(follower=follower, following=following)


def make_group(creator, *, name: str = "Job seekers", is_public: bool = True, members=()) -> Group:
    group = Group.objects.create(name=name, created_by=creator, is_public=is_public)
    GroupMember.objects.create(group=group, user=creator, role=GroupRole.ADMIN)
    for member in members:
        GroupMember.objects.create(group=group, user=member)
    return group


def make_post(author, *, content: str = "Sent three applications today", group=None, is_public: bool = True, **fields) -> Post:
    return Post.objects.create(user=author, content=content, group=group, is_public=is_public, **fields)


def react(user, post, reaction: str = "Like") -> Reaction:
    return Reaction.objects.create(user=user, post=post, reaction=reaction)
