import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class CustomSkill(models.Model):
    """A skill users added that job data may not know (seed 004 `POST /skills/custom`)."""

    skill = models.CharField(max_length=50)
    # careerhub.skills.skill_key(skill): one row per skill however it is spelled.
    skill_key = models.CharField(max_length=50, unique=True)
    usage_count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-usage_count", "skill"]

    def __str__(self) -> str:
        return self.skill


class MilestoneAction(models.TextChoices):
    """What a milestone counts. `insights.progress.criteria` maps each to one aggregate per user.

    Every write that can raise an action's count emits an event insights subscribes to
    (InsightsConfig): an outcome changed to Offer as well as one created as Offer. So a
    milestone on any of them is awarded right after the write that earns it.
    """

    REGISTER = "register", "Registered an account"
    CREATE_APPLICATION = "create_application", "Applications tracked"
    CREATE_REFLECTION = "create_reflection", "Reflections written"
    RECEIVE_OFFER = "receive_offer", "Outcomes with status Offer"
    STREAK = "streak", "Consecutive active days"
    FOLLOW = "follow", "People followed"
    JOIN_GROUP = "join_group", "Groups joined"
    CREATE_POST = "create_post", "Posts shared"


def validate_milestone_criteria(criteria: object) -> None:
    """`{"action": <MilestoneAction>, "count": <int >= 1>}`: data an operator can edit in the admin."""
    if not isinstance(criteria, dict):
        raise ValidationError('Criteria must be an object like {"action": "create_application", "count": 10}.')
    action, count = criteria.get("action"), criteria.get("count")
    if action not in MilestoneAction.values:
        raise ValidationError(f"Unknown action {action!r}. Allowed: {', '.join(MilestoneAction.values)}.")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValidationError("`count` must be a whole number of at least 1.")
    extra = set(criteria) - {"action", "count"}
    if extra:
        raise ValidationError(f"Unknown criteria keys: {', '.join(sorted(extra))}.")


class Milestone(models.Model):
    """An achievement, defined as data: `criteria` says which count must reach which value."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Stable identity for `seed_milestones` (names and descriptions may be reworded).
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    criteria = models.JSONField(validators=[validate_milestone_criteria])
    position = models.PositiveSmallIntegerField(default=100, help_text="Display order; lower comes first.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class UserMilestone(models.Model):
    """A milestone a user reached; awarded once (unique per user and milestone)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestones")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="awards")
    reached_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reached_at"]
        constraints = [models.UniqueConstraint(fields=["user", "milestone"], name="user_milestone_unique")]
        indexes = [models.Index(fields=["user", "-reached_at"], name="user_milestone_reached_idx")]

    def __str__(self) -> str:
        return f"{self.milestone_id} reached by {self.user_id}"
