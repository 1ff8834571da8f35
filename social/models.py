import uuid

from django.conf import settings
from django.db import models


class Follow(models.Model):
    """`follower` follows `following`; one row per pair, never oneself."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following_set")
    following = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follower_set")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "following"], name="follow_pair_unique"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("following")), name="follow_not_self"),
        ]
        indexes = [
            models.Index(fields=["following", "-created_at"], name="follow_following_created_idx"),
            models.Index(fields=["follower", "-created_at"], name="follow_follower_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} → {self.following_id}"


class FollowRequest(models.Model):
    """`follower` asks to follow `following`, whose profile is for followers only; the owner
    approves (the request becomes a Follow) or declines (it is deleted). A Follow row is always
    an approved follow, so every rule that reads Follow means approved followers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_requests_sent")
    following = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_requests_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "following"], name="follow_request_pair_unique"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("following")), name="follow_request_not_self"),
        ]
        indexes = [models.Index(fields=["following", "-created_at"], name="follow_request_following_idx")]

    def __str__(self) -> str:
        return f"{self.follower_id} → {self.following_id} (pending)"


class Group(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="created_groups")
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_public", "-created_at"], name="group_public_created_idx")]

    def __str__(self) -> str:
        return self.name


class GroupRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class GroupMember(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_member_unique")]
        indexes = [models.Index(fields=["user", "group"], name="group_member_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.role})"


class GroupInvitation(models.Model):
    """A group admin's invitation: the only way into a private group. Used up on joining."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_invitation_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.group_id}"


class PostType(models.TextChoices):
    UPDATE = "Update", "Update"
    TIP = "Tip", "Tip"
    MILESTONE = "Milestone", "Milestone"
    QUESTION = "Question", "Question"
    RESOURCE = "Resource", "Resource"
    CELEBRATION = "Celebration", "Celebration"


class Post(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    # A group's posts go with it: keeping them would publish a private group's posts.
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, related_name="posts")
    post_type = models.CharField(max_length=20, choices=PostType.choices, default=PostType.UPDATE)
    title = models.CharField(max_length=255, blank=True)
    content = models.TextField()
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="post_created_idx"),
            models.Index(fields=["user", "-created_at"], name="post_user_created_idx"),
            models.Index(fields=["group", "-created_at"], name="post_group_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.content[:50]


class ReactionType(models.TextChoices):
    LIKE = "Like", "Like"
    CELEBRATE = "Celebrate", "Celebrate"
    SUPPORT = "Support", "Support"
    INSIGHTFUL = "Insightful", "Insightful"


class Reaction(models.Model):
    """One reaction per user per post; a new one replaces the old."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    reaction = models.CharField(max_length=20, choices=ReactionType.choices, default=ReactionType.LIKE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="reaction_post_user_unique")]

    def __str__(self) -> str:
        return f"{self.reaction} by {self.user_id} on {self.post_id}"
