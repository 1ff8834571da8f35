"""What an employer email is about: the inbox's one vocabulary of message kinds."""

from django.db import models


class MessageKind(models.TextChoices):
    APPLICATION_RECEIVED = "application_received", "Application received"
    REJECTION = "rejection", "Rejection"
    INTERVIEW_INVITATION = "interview_invitation", "Interview invitation"
    ASSESSMENT = "assessment", "Assessment"
    OFFER = "offer", "Offer"
    RECRUITER_OUTREACH = "recruiter_outreach", "Recruiter outreach"
    OTHER = "other", "Other"
