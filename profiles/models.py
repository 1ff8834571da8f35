import secrets
import uuid

from django.conf import settings
from django.db import models

from careerhub.vocabulary import AvailabilityStatus

# What a public share link shows when the owner turns it on (contact details are opt-in).
SHARE_SECTIONS = ("summary", "skills", "experience", "social_links", "contact")
DEFAULT_SHARE_SECTIONS = ["summary", "skills", "experience", "social_links"]


def new_share_slug() -> str:
    """An unguessable, URL-safe slug (128 random bits)."""
    return secrets.token_urlsafe(16)


def default_share_sections() -> list[str]:
    return list(DEFAULT_SHARE_SECTIONS)


def resume_file_path(instance: "ResumeVersion", filename: str) -> str:
    # The stored name never contains the client's file name; that is kept in `file_name`.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"resumes/{instance.user_id}/{instance.pk}/{secrets.token_hex(8)}.{extension}"


def cv_file_path(instance: "CvUpload", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cvs/{instance.user_id}/{instance.pk}.{extension}"


class Profile(models.Model):
    """The one profile of a user (DESIGN §3): every seed's face reads and writes this row.

    The summary (bio) and display name live on `accounts.User` (`bio`, `display_name`); the
    faces read and write those fields there, never a copy here.

    Staleness of match scores: the `jobs` app sits above `profiles`, so a profile write cannot
    touch its Match rows. Instead every write that can change a score (role, seniority,
    industry, skills, preferences, the industry profile, the parsed CV) increments
    `scoring_version` and stamps `scoring_inputs_changed_at` in the same transaction, and
    emits `profiles.scoring_inputs_changed` (on commit, the apps that cached career-impact
    scores, recommendations and the dashboard drop them). Matching code records the
    `scoring_version` it scored against and treats a match whose version is lower as stale.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")

    # Career (seed 000). Enumerated values are the canonical ones of careerhub.vocabulary.
    current_role = models.CharField(max_length=200, blank=True)
    seniority = models.CharField(max_length=20, blank=True)
    industry = models.CharField(max_length=200, blank=True)
    company_size = models.CharField(max_length=20, blank=True)
    experience_years = models.PositiveSmallIntegerField(null=True, blank=True)
    skills = models.JSONField(default=list, blank=True, help_text="Primary skills, canonical names (careerhub.skills).")
    skill_tags = models.JSONField(default=list, blank=True, help_text='[{"name": ..., "proficiency": ...}]')
    skills_to_learn = models.JSONField(default=list, blank=True)
    career_goals = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=list, blank=True)
    networking_goals = models.JSONField(default=list, blank=True)
    preferred_event_types = models.JSONField(default=list, blank=True)
    timeframe = models.CharField(max_length=20, blank=True)
    budget = models.CharField(max_length=20, blank=True)
    learning_style = models.CharField(max_length=20, blank=True)
    available_time = models.CharField(max_length=20, blank=True)
    # Set by the first successful PUT /profile/career: "a career profile was found" (seed 000).
    career_profile_created_at = models.DateTimeField(null=True, blank=True)

    # Job preferences (seeds 001, 004).
    target_roles = models.JSONField(default=list, blank=True)
    work_modes = models.JSONField(default=list, blank=True, help_text="Canonical work modes.")
    employment_types = models.JSONField(default=list, blank=True, help_text="Canonical employment types.")
    open_to_other_job_types = models.BooleanField(default=False, help_text='Seed 001 "other" job type.')
    salary_min = models.PositiveBigIntegerField(null=True, blank=True)
    salary_max = models.PositiveBigIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default="USD")
    preferred_countries = models.JSONField(default=list, blank=True)
    eligible_regions = models.JSONField(default=list, blank=True)
    needs_visa_sponsorship = models.BooleanField(null=True, blank=True)
    custom_preferences = models.JSONField(default=dict, blank=True, help_text="Seed 004 preference keys we do not model.")
    availability_status = models.CharField(max_length=30, choices=AvailabilityStatus.choices, blank=True)

    # Contact details (seed 001), never public unless the owner shares them.
    contact_email = models.EmailField(max_length=255, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    location_city = models.CharField(max_length=100, blank=True)
    location_region = models.CharField(max_length=100, blank=True)
    location_country = models.CharField(max_length=100, blank=True)
    social_links = models.JSONField(default=list, blank=True, help_text='[{"platform": ..., "url": ...}]')
    primary_resume = models.ForeignKey(
        "profiles.ResumeVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The parsed CV (seed 004), copied from the latest completed CvUpload.
    parsed_cv = models.JSONField(null=True, blank=True)
    cv_filename = models.CharField(max_length=255, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)

    # Public sharing (seed 001): a stable, unguessable link, off until the owner turns it on.
    share_slug = models.CharField(max_length=32, unique=True, default=new_share_slug, editable=False)
    share_enabled = models.BooleanField(default=False)
    share_sections = models.JSONField(default=default_share_sections, blank=True)

    # See the class docstring.
    scoring_version = models.PositiveIntegerField(default=0)
    scoring_inputs_changed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"


class IndustryProfile(models.Model):
    """Seed 002's UserIndustryProfile: years per industry tag, computed by the frontend."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="industry_profile")
    industry_years_json = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "industry profile"

    def __str__(self) -> str:
        return f"Industry profile of {self.user_id}"


class ResumeVersion(models.Model):
    """A named version of the user's resume (seed 003 "Resumes"), optionally with a file.

    `file_url` holds an external link the client set; an uploaded file lives in `file`
    (private storage) and is served through a short-lived or authenticated URL instead.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_versions")
    version_name = models.CharField(max_length=50)
    notes = models.TextField(blank=True)
    file_url = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=resume_file_path, max_length=300, blank=True)
    file_name = models.CharField(max_length=255, blank=True, help_text="The uploaded file's original name.")
    file_size = models.PositiveIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    # A version tailored to a job (POST /matches/{id}/tailor-resume) carries its rewritten
    # content (profiles.resume_content: basics, summary, skills, work with highlights,
    # education), which export renders; a plain version has none and exports from the profile.
    # The job and match are kept as ids and a snapshot, not foreign keys: `jobs` sits above
    # `profiles` (DESIGN §1), and the version outlives the match it was tailored for.
    content = models.JSONField(null=True, blank=True, help_text="Tailored content (profiles.resume_content); null for a plain version.")
    keywords = models.JSONField(null=True, blank=True, help_text='{"covered": [...], "added_from_cv": [...], "gaps": [...]}')
    removed_claims = models.JSONField(default=list, blank=True, help_text="What the no-invention check removed.")
    model = models.CharField(max_length=100, blank=True, help_text='The model that tailored it, or "heuristic".')
    tailored_for_job_id = models.BigIntegerField(null=True, blank=True)
    tailored_for_match_id = models.UUIDField(null=True, blank=True)
    tailored_for_title = models.CharField(max_length=300, blank=True)
    tailored_for_company = models.CharField(max_length=200, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, help_text="Hash of the CV and profile it was tailored from.")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="resume_user_created_idx")]

    def __str__(self) -> str:
        return self.version_name


class CvUpload(models.Model):
    """One CV sent to POST /profile/cv: the file and its text are kept before any parsing,
    so an AI outage never loses what the user uploaded."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed (nothing could be parsed)"
        UNAVAILABLE = "unavailable", "AI service unavailable (will retry)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cv_uploads")
    file = models.FileField(upload_to=cv_file_path, max_length=300)
    original_filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, help_text="pdf, docx or txt, detected from the content.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    retry_after = models.PositiveIntegerField(null=True, blank=True)
    parsed = models.JSONField(null=True, blank=True)
    model = models.CharField(max_length=100, blank=True, help_text='The model that parsed it, or "heuristic".')
    created_at = models.DateTimeField(auto_now_add=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="cvupload_user_created_idx")]
        verbose_name = "CV upload"

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.status})"
