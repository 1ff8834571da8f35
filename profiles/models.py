import uuid

from django.conf import settings
from django.db import models


class ResumeVersion(models.Model):
    """A named version of the user's resume (seed 003 "Resumes"), optionally with a file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_versions")
    version_name = models.CharField(max_length=50)
    notes = models.TextField(blank=True)
    file_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="resume_user_created_idx")]

    def __str__(self) -> str:
        return self.version_name
