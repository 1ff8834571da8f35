from django.db import models


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
