"""The application tracker (seed 003): applications and everything hanging off them.

Enum values are stored exactly as seed 003's Enums Reference spells them ("On-site" aside:
job type and work mode are the shared canonical vocabulary, see careerhub.vocabulary).
Optional text fields are nullable because the seed distinguishes "not given" (null) from text.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from careerhub.vocabulary import EmploymentType, WorkMode

DEFAULT_CURRENCY = "USD"
DEFAULT_TAG_COLOR = "#6366f1"

# Free text has a maximum (issue 15), the same in the model, the input serializers, the CSV import
# and the schema. It is checked on input only: the columns stay `text`, so a row written before
# the limits existed keeps its text and is returned whole (docs/tracker.md, "Text limits").
NOTES_MAX_LENGTH = 10_000  # notes of every kind, reflections, a reminder's description
DESCRIPTION_MAX_LENGTH = 20_000  # an application's description: a job advert pasted in full
SHORT_TEXT_MAX_LENGTH = 2_000  # interviewer names; an offer's bonus, equity and benefits
# A stage's questions (a list in the API, one per line in a CSV cell).
STAGE_QUESTIONS_MAX = 500
STAGE_QUESTION_MAX_LENGTH = 5_000


class ApplicationStatus(models.TextChoices):
    SAVED = "Saved", "Saved"
    APPLIED = "Applied", "Applied"
    INTERVIEWING = "Interviewing", "Interviewing"
    OFFER = "Offer", "Offer"
    ACCEPTED = "Accepted", "Accepted"
    REJECTED = "Rejected", "Rejected"
    WITHDRAWN = "Withdrawn", "Withdrawn"


class StageType(models.TextChoices):
    RECRUITER_CALL = "Recruiter Call", "Recruiter Call"
    PHONE_SCREEN = "Phone Screen", "Phone Screen"
    TECHNICAL = "Technical", "Technical"
    CODING_CHALLENGE = "Coding Challenge", "Coding Challenge"
    TAKE_HOME = "Take-Home", "Take-Home"
    SYSTEM_DESIGN = "System Design", "System Design"
    BEHAVIORAL = "Behavioral", "Behavioral"
    PANEL = "Panel", "Panel"
    ONSITE = "Onsite", "Onsite"
    FINAL_ROUND = "Final Round", "Final Round"
    OTHER = "Other", "Other"


class StageResult(models.TextChoices):
    PENDING = "Pending", "Pending"
    PASSED = "Passed", "Passed"
    FAILED = "Failed", "Failed"
    CANCELLED = "Cancelled", "Cancelled"


class Priority(models.TextChoices):
    HIGH = "High", "High"
    MEDIUM = "Medium", "Medium"
    LOW = "Low", "Low"


class Source(models.TextChoices):
    LINKEDIN = "LinkedIn", "LinkedIn"
    INDEED = "Indeed", "Indeed"
    GLASSDOOR = "Glassdoor", "Glassdoor"
    COMPANY_WEBSITE = "Company Website", "Company Website"
    REFERRAL = "Referral", "Referral"
    JOB_BOARD = "Job Board", "Job Board"
    RECRUITER = "Recruiter", "Recruiter"
    NETWORKING = "Networking", "Networking"
    CAREER_FAIR = "Career Fair", "Career Fair"
    OTHER = "Other", "Other"


class OutcomeStatus(models.TextChoices):
    OFFER = "Offer", "Offer"
    REJECTED = "Rejected", "Rejected"
    WITHDRAWN = "Withdrawn", "Withdrawn"


class ContactType(models.TextChoices):
    RECRUITER = "Recruiter", "Recruiter"
    HIRING_MANAGER = "Hiring Manager", "Hiring Manager"
    REFERRAL = "Referral", "Referral"
    HR = "HR", "HR"
    PEER = "Peer", "Peer"
    OTHER = "Other", "Other"


class DocumentType(models.TextChoices):
    RESUME = "Resume", "Resume"
    COVER_LETTER = "Cover Letter", "Cover Letter"
    PORTFOLIO = "Portfolio", "Portfolio"
    REFERENCE = "Reference", "Reference"
    OTHER = "Other", "Other"


class ReminderType(models.TextChoices):
    FOLLOW_UP = "Follow-up", "Follow-up"
    DEADLINE = "Deadline", "Deadline"
    INTERVIEW = "Interview", "Interview"
    GENERAL = "General", "General"


class SavedJobStatus(models.TextChoices):
    ACTIVE = "Active", "Active"
    ARCHIVED = "Archived", "Archived"
    CONVERTED = "Converted", "Converted"


class ActivityAction(models.TextChoices):
    APPLICATION_CREATED = "Application Created", "Application Created"
    APPLICATION_UPDATED = "Application Updated", "Application Updated"
    STATUS_CHANGED = "Status Changed", "Status Changed"
    STAGE_ADDED = "Stage Added", "Stage Added"
    STAGE_UPDATED = "Stage Updated", "Stage Updated"
    STAGE_DELETED = "Stage Deleted", "Stage Deleted"
    OFFER_ADDED = "Offer Added", "Offer Added"
    OUTCOME_ADDED = "Outcome Added", "Outcome Added"
    OUTCOME_UPDATED = "Outcome Updated", "Outcome Updated"
    OUTCOME_DELETED = "Outcome Deleted", "Outcome Deleted"
    REFLECTION_ADDED = "Reflection Added", "Reflection Added"
    REFLECTION_UPDATED = "Reflection Updated", "Reflection Updated"
    REFLECTION_DELETED = "Reflection Deleted", "Reflection Deleted"
    CONTACT_ADDED = "Contact Added", "Contact Added"
    DOCUMENT_ADDED = "Document Added", "Document Added"
    REMINDER_ADDED = "Reminder Added", "Reminder Added"
    TAG_ADDED = "Tag Added", "Tag Added"
    SAVED_JOB_ADDED = "Saved Job Added", "Saved Job Added"


def _salary_range_ok(low: str, high: str) -> Q:
    return Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)})


class Tag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_tags")
    name = models.CharField(max_length=50)
    color = models.CharField(max_length=7, default=DEFAULT_TAG_COLOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("user", Lower("name"), name="tracker_tag_user_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    company_name = models.CharField(max_length=255)
    role_title = models.CharField(max_length=255)
    url = models.CharField(max_length=500, null=True, blank=True)
    description = models.TextField(max_length=DESCRIPTION_MAX_LENGTH, null=True, blank=True)
    location = models.CharField(max_length=255, null=True, blank=True)
    job_type = models.CharField(max_length=20, choices=EmploymentType.choices, null=True, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode.choices, null=True, blank=True)
    salary_min = models.PositiveBigIntegerField(null=True, blank=True)
    salary_max = models.PositiveBigIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default=DEFAULT_CURRENCY)
    applied_source = models.CharField(max_length=20, choices=Source.choices, null=True, blank=True)
    applied_date = models.DateField(null=True, blank=True)
    follow_up_date = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SAVED)
    resume_version = models.ForeignKey(
        "profiles.ResumeVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    tags = models.ManyToManyField(Tag, through="ApplicationTag", related_name="applications", blank=True)
    # The jobs match this application was created from when the user marked it applied
    # (tracker.services.from_match); unique, so one match never yields two applications.
    source_match_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # When that match's job posting left its board (event jobs.postings_closed_changed); null while open.
    posting_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_salary_range_ok("salary_min", "salary_max"), name="tracker_application_salary_range"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="tracker_app_user_created_idx"),
            models.Index(fields=["user", "status"], name="tracker_app_user_status_idx"),
            models.Index("user", Lower("company_name"), name="tracker_app_user_company_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.role_title} at {self.company_name}"

    @property
    def posting_closed(self) -> bool:
        return self.posting_closed_at is not None


class ApplicationStage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stages")
    stage_name = models.CharField(max_length=100)
    stage_type = models.CharField(max_length=20, choices=StageType.choices, null=True, blank=True)
    stage_date = models.DateField(null=True, blank=True)
    # When the appointment starts, if it has a time (an interview invitation read by the inbox, or
    # set by the user); a timed event in the calendar feed. stage_date is its day in the user's zone.
    scheduled_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=10, choices=StageResult.choices, default=StageResult.PENDING)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    interviewer_names = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, null=True, blank=True)
    prep_notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    questions_asked = models.JSONField(null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                name="tracker_stage_duration_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.stage_name


class Outcome(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="outcome")
    status = models.CharField(max_length=10, choices=OutcomeStatus.choices, default=OutcomeStatus.OFFER)
    salary = models.PositiveBigIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default=DEFAULT_CURRENCY)
    bonus = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, null=True, blank=True)
    equity = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, null=True, blank=True)
    benefits = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    negotiation_notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.status} for {self.application_id}"


class Reflection(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="reflection")
    what_worked = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    what_failed = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    skill_gaps = models.JSONField(null=True, blank=True)
    improvement_plan = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reflection on {self.application_id}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_contacts")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=255)
    email = models.CharField(max_length=255, null=True, blank=True)
    phone = models.CharField(max_length=50, null=True, blank=True)
    role_title = models.CharField(max_length=255, null=True, blank=True)
    company = models.CharField(max_length=255, null=True, blank=True)
    contact_type = models.CharField(max_length=20, choices=ContactType.choices, default=ContactType.OTHER)
    linkedin_url = models.CharField(max_length=500, null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    last_contacted = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["user", "name"], name="tracker_contact_user_name_idx")]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER)
    name = models.CharField(max_length=255)
    file_url = models.CharField(max_length=500, null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_reminders")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    title = models.CharField(max_length=255)
    description = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    remind_at = models.DateTimeField()
    reminder_type = models.CharField(max_length=20, choices=ReminderType.choices, default=ReminderType.GENERAL)
    is_completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the "your reminder is due" email went out; cleared when remind_at moves.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["remind_at", "id"]
        indexes = [
            models.Index(fields=["user", "is_completed", "remind_at"], name="tracker_reminder_due_idx"),
            # The beat task's scan: incomplete, not yet notified, by due time.
            models.Index(
                fields=["remind_at"],
                condition=models.Q(is_completed=False, notified_at__isnull=True),
                name="tracker_reminder_to_notify_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ApplicationTag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="application_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="application_tags")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "tag"], name="tracker_application_tag_unique")]

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.application_id}"


class SavedJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs")
    company_name = models.CharField(max_length=255)
    role_title = models.CharField(max_length=255, null=True, blank=True)
    url = models.CharField(max_length=500, null=True, blank=True)
    company_website = models.CharField(max_length=500, null=True, blank=True)
    location = models.CharField(max_length=255, null=True, blank=True)
    job_type = models.CharField(max_length=20, choices=EmploymentType.choices, null=True, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode.choices, null=True, blank=True)
    salary_range_min = models.PositiveBigIntegerField(null=True, blank=True)
    salary_range_max = models.PositiveBigIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default=DEFAULT_CURRENCY)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    source = models.CharField(max_length=255, null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    excitement_level = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=SavedJobStatus.choices, default=SavedJobStatus.ACTIVE)
    # One application per saved job; the unique index backs the row lock in the convert service.
    converted_to_application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="source_saved_job"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_salary_range_ok("salary_range_min", "salary_range_max"), name="tracker_saved_job_salary_range"
            ),
            models.CheckConstraint(
                condition=Q(excitement_level__isnull=True) | Q(excitement_level__gte=1, excitement_level__lte=5),
                name="tracker_saved_job_excitement_1_5",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="tracker_saved_user_created_idx")]

    def __str__(self) -> str:
        return f"{self.role_title or 'Role'} at {self.company_name}"


class ActivityLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_activity")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="activity"
    )
    action = models.CharField(max_length=30, choices=ActivityAction.choices)
    description = models.TextField(null=True, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="tracker_activity_user_idx"),
            models.Index(fields=["application", "-created_at"], name="tracker_activity_app_idx"),
        ]

    def __str__(self) -> str:
        return self.action


class CalendarFeed(models.Model):
    """The secret behind a user's iCalendar subscription URL (rotating it kills the old URL).

    Only a keyed hash of the token is stored (careerhub.keyed_hash): the URL is shown when it is
    made and cannot be shown again; a user who lost it rotates it.
    """

    # The keyed hash's purpose: a feed token's hash is worth nothing as any other secret's.
    TOKEN_PURPOSE = "tracker.calendar_feed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_calendar")
    token_hash = models.CharField(max_length=64, unique=True, help_text="careerhub.keyed_hash of the feed token.")
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


# The inbox's models live with the inbox (tracker/inbox/models.py); importing them here registers them.
from tracker.inbox.models import InboxMailbox, InboxMessage, InboxSettings, InboxSuggestion  # noqa: E402, F401
