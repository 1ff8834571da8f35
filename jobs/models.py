import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from careerhub.vocabulary import EmploymentType, WorkMode


class JobSource(models.TextChoices):
    REMOTEOK = "remoteok", "RemoteOK"
    WEWORKREMOTELY = "weworkremotely", "We Work Remotely"
    GREENHOUSE = "greenhouse", "Greenhouse"
    LEVER = "lever", "Lever"
    ASHBY = "ashby", "Ashby"
    WORKABLE = "workable", "Workable"
    SMARTRECRUITERS = "smartrecruiters", "SmartRecruiters"
    RECRUITEE = "recruitee", "Recruitee"
    PERSONIO = "personio", "Personio"
    HACKERNEWS = "hackernews", "Hacker News (Who is hiring?)"
    REMOTIVE = "remotive", "Remotive"
    ARBEITNOW = "arbeitnow", "Arbeitnow"
    HIMALAYAS = "himalayas", "Himalayas"
    JOBICY = "jobicy", "Jobicy"
    USER_SUBMITTED = "user_submitted", "User submitted"


class Job(models.Model):
    """A posting: scraped from a job board (owner is null) or pasted in by a user (owner set).

    On PostgreSQL the table also has a `search_vector` column that the database maintains
    itself (a stored generated column, title > company/tags > description, GIN-indexed;
    migration 0002). It is not a model field, so SQLite runs the same model without it.
    """

    source = models.CharField(max_length=30, choices=JobSource.choices)
    source_id = models.CharField(max_length=255)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=300)
    company = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    location = models.CharField(max_length=255, blank=True)
    remote_type = models.CharField(max_length=10, choices=WorkMode.choices, null=True, blank=True)
    job_type = models.CharField(max_length=12, choices=EmploymentType.choices, null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    eligible_regions = models.JSONField(default=list, blank=True)
    # Seed 004: 1 = sponsorship offered, 0 = not offered, null = not said.
    visa_sponsorship = models.PositiveSmallIntegerField(null=True, blank=True, choices=[(0, "No"), (1, "Yes")])
    posted_at = models.DateTimeField(null=True, blank=True)
    scraped_at = models.DateTimeField(default=timezone.now)
    raw_data = models.JSONField(default=dict, blank=True)
    # The credit the board's terms ask for wherever the job is shown (Remotive, Jobicy, Remote OK).
    source_attribution = models.CharField(max_length=200, blank=True)
    # Matching features, computed from the fields above whenever a job is stored
    # (jobs.matching.features.job_feature_values), so a refresh never parses text.
    skills = models.JSONField(
        default=list, blank=True, help_text="Canonical skill names: the tags plus known skills named in the text."
    )
    required_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years of experience the text asks for (the smallest figure it states)."
    )
    industries = models.JSONField(default=list, blank=True, help_text="Industry tags (lowercase), as in seed 002.")
    # Who the posting is for, read at ingest (jobs.eligibility.reader): the whole reading with the
    # source of each value, and the effective values the score reads (structured fields first).
    eligibility = models.JSONField(default=dict, blank=True, help_text="The eligibility reading, each value with its source.")
    places = models.JSONField(
        default=list, blank=True, help_text="Where the job hires: ISO country codes and region codes (WORLDWIDE); empty when not said."
    )
    cities = models.JSONField(default=list, blank=True, help_text="Cities the posting names (lowercase).")
    work_mode = models.CharField(max_length=10, blank=True, help_text="remote | hybrid | onsite, as read; empty when not said.")
    employment_types = models.JSONField(default=list, blank=True, help_text="Canonical employment types, as read.")
    sponsorship = models.CharField(max_length=7, default="unknown", help_text="Visa sponsorship: yes | no | unknown.")
    authorization = models.CharField(
        max_length=40, blank=True, help_text='Citizenship or clearance asked: "clearance:US:secret:active", "citizenship:US"; empty when none.'
    )
    seniority_level = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 intern … 7 executive.")
    role_family = models.CharField(max_length=40, blank=True, db_index=True)
    role_specialism = models.CharField(max_length=20, blank=True)
    travel = models.BooleanField(default=False, help_text="The posting asks for travel.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="submitted_jobs"
    )
    # The same posting seen first on another board: listed once, under the first one seen.
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates")
    # Normalised "company|title" used to find those duplicates.
    dedupe_key = models.CharField(max_length=400, blank=True, db_index=True)
    # Freshness (jobs.freshness, jobs.services.closing). `scraped_at` is the last time a scrape stored
    # the posting; these say when careerhub first and last saw it listed, and when it left its board.
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the posting left its board (missing from two complete listings in a row)."
    )
    # The board of its source that listed it (jobs.sources.base.Board.key): closing is per board.
    board = models.CharField(max_length=255, blank=True)
    missed_listings = models.PositiveSmallIntegerField(
        default=0, help_text="Complete listings of its board in a row that did not list it (2 closes it)."
    )
    # The same company, title and place under a new id within JOB_REPOST_WINDOW_DAYS: a repost.
    repost_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reposts")
    repost_count = models.PositiveIntegerField(default=0, help_text="How many times this posting was listed before under other ids.")
    # Normalised "company|title|place" used to find those reposts.
    repost_key = models.CharField(max_length=500, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-scraped_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="job_source_source_id_unique"),
            # Seed 004: one user cannot submit the same company + title twice.
            models.UniqueConstraint(
                "owner",
                Lower("company"),
                Lower("title"),
                condition=models.Q(owner__isnull=False),
                name="job_owner_company_title_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_range_ordered",
            ),
        ]
        indexes = [
            # The public listing: scraped, not a duplicate, newest first.
            models.Index(
                fields=["-scraped_at", "-id"],
                condition=models.Q(owner__isnull=True, duplicate_of__isnull=True),
                name="job_public_newest_idx",
            ),
            models.Index(fields=["owner", "-created_at"], name="job_owner_created_idx"),
            # GET /jobs without a search, with sort=newest, and a common word's newest matches (jobs/search.py):
            # open listings, first seen last first. Pasted jobs are in it too, so a signed-in list (public
            # jobs or the viewer's own) is served by it as well as an anonymous one. It carries the owner, so
            # the keys a deep page skips are read from the index alone (an index-only scan).
            models.Index(
                fields=["-first_seen_at", "-id"],
                condition=models.Q(duplicate_of__isnull=True, closed_at__isnull=True),
                include=["owner"],
                name="job_open_first_seen_idx",
            ),
            # Closing: the open jobs of one board of a source.
            models.Index(
                fields=["source", "board"], condition=models.Q(closed_at__isnull=True), name="job_open_source_board_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}" if self.company else self.title

    @property
    def is_user_submitted(self) -> bool:
        return self.owner_id is not None


class ScrapeStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    RETRYING = "retrying", "Retrying"
    SUCCESS = "success", "Success"
    PARTIAL = "partial", "Partial (some items or feeds failed)"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped (another run of this source was in progress)"


FINISHED_STATUSES = (ScrapeStatus.SUCCESS, ScrapeStatus.PARTIAL, ScrapeStatus.FAILED, ScrapeStatus.SKIPPED)


class ScrapeTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Beat schedule"
    API = "api", "POST /jobs/refresh"
    COMMAND = "command", "scrape_jobs command"
    BOARD = "board", "One company board (just watched, or an operator's request)"
    ADMIN = "admin", "Scrape now (Django admin)"


class ScrapeLog(models.Model):
    """One scraping run.

    A run of several sources is a parent row (`source="all"`) with one child per source;
    each child is filled in by its own task, and the parent sums them when the last finishes.
    A run of one company board (trigger "board") is a lone row naming its `company_board`.
    """

    ALL_SOURCES = "all"

    source = models.CharField(max_length=30)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    trigger = models.CharField(max_length=10, choices=ScrapeTrigger.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=10, choices=ScrapeStatus.choices, default=ScrapeStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    jobs_found = models.PositiveIntegerField(default=0)
    jobs_created = models.PositiveIntegerField(default=0)
    jobs_updated = models.PositiveIntegerField(default=0)
    jobs_failed = models.PositiveIntegerField(default=0)
    jobs_closed = models.PositiveIntegerField(default=0, help_text="Jobs this run closed (missing from two complete listings in a row).")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A run of one company board (trigger "board"): the board it reads; null for a source's whole run.
    company_board = models.ForeignKey(
        "CompanyBoard", on_delete=models.SET_NULL, null=True, blank=True, related_name="scrape_logs"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["parent", "-created_at"], name="scrapelog_parent_created_idx")]

    def __str__(self) -> str:
        return f"{self.source} run #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "Matched"
    INTERESTED = "interested", "Interested"
    APPLIED = "applied", "Applied"
    REJECTED = "rejected", "Rejected"
    HIDDEN = "hidden", "Hidden"


class FeedbackReason(models.TextChoices):
    """Why a user hid or rejected a match (jobs.matching.feedback)."""

    NOT_ELIGIBLE = "not_eligible", "I am not eligible"
    SALARY = "salary", "The pay"
    SENIORITY = "seniority", "The seniority"
    LOCATION = "location", "The location or work mode"
    ROLE = "role", "Not my kind of role"
    COMPANY = "company", "The company (blocks it)"
    OTHER = "other", "Something else"


class Match(models.Model):
    """A job ranked for one user (seed 004 "Matches").

    `score`, `reasoning` and `analysis` are written by a refresh (jobs.matching.refresh) and
    `scoring_version` records the profile's `scoring_version` they were computed against: a
    lower one than the profile's current version means the match is stale (profiles.Profile).
    `status` is the user's; a refresh never changes it, and never rescores a rejected or
    hidden match.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the unique (user, job) and both (user, ...) indexes serve every lookup by user,
    # and a sixth index cost ~15 % of each fan-out insert (docs/performance.md, "New jobs scored for everyone").
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_matches", db_index=False)
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=MatchStatus.choices, default=MatchStatus.MATCHED)
    reasoning = models.JSONField(default=dict, blank=True)
    analysis = models.TextField(blank=True)
    cover_letter = models.TextField(blank=True)
    cv_highlights = models.JSONField(default=list, blank=True)
    scoring_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The profile's scoring_version this score was computed against (null: never scored)."
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    feedback_reason = models.CharField(
        max_length=12, choices=FeedbackReason.choices, blank=True, help_text="Why the user hid or rejected it (empty: not said)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "matches"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="match_user_job_unique")]
        indexes = [
            models.Index(fields=["user", "status", "-score"], name="match_user_status_score_idx"),
            # GET /matches without a status filter: the user's best scores first.
            models.Index(fields=["user", "-score"], name="match_user_score_idx"),
        ]

    def __str__(self) -> str:
        return f"match {self.pk} ({self.status})"


class MatchBlocklist(models.Model):
    """Companies and title keywords a user never wants to be matched with (jobs.matching.blocklist).

    Companies compare case- and suffix-insensitively ("Acme" blocks "ACME Inc."); a keyword blocks
    a job whose title contains it as a word or phrase.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_blocklist")
    companies = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Match blocklist of {self.user_id}"


class LearnedPreferences(models.Model):
    """Soft preferences learned from the reasons a user gave again and again (jobs.matching.feedback).

    Recomputed whenever a reason is recorded; read with the candidate in the same query. They move
    components of the score, never a blocker.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learned_match_preferences")
    values = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "learned preferences"

    def __str__(self) -> str:
        return f"Learned preferences of {self.user_id}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    OFF = "off", "Off"


class SavedSearch(models.Model):
    """A user's `GET /jobs` query, kept under a name, and how often to email what is new for it.

    `query` holds the filters of `GET /jobs` as validated (canonical values). `last_digest_at` is
    when the last digest for it was planned (jobs.services.digests): the next one lists jobs first
    seen since then that no digest of this search has listed (SavedSearchDigestItem).
    """

    MAX_PER_USER = 20

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    query = models.JSONField(default=dict, blank=True)
    min_match_score = models.FloatField(null=True, blank=True)
    frequency = models.CharField(max_length=6, choices=DigestFrequency.choices, default=DigestFrequency.DAILY)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["frequency", "last_digest_at"], name="savedsearch_due_idx")]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name


class DigestStatus(models.TextChoices):
    PENDING = "pending", "Pending (planned, or waiting to be retried)"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (gave up)"


class SavedSearchDigest(models.Model):
    """One email to one user, listing the new jobs of their due saved searches (jobs.services.digests).

    Planned first (its items written, the searches' `last_digest_at` moved on), then sent; a failed
    send leaves it pending, to be sent again with the same items. At most one pending per user.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_search_digests")
    status = models.CharField(max_length=7, choices=DigestStatus.choices, default=DigestStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="savedsearchdigest_one_pending_per_user"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="savedsearchdigest_due_idx")]

    def __str__(self) -> str:
        return f"digest {self.pk} ({self.status})"


class SavedSearchDigestItem(models.Model):
    """A job a digest lists (or counts among "and N more") for one saved search: once per search, ever."""

    digest = models.ForeignKey(SavedSearchDigest, on_delete=models.CASCADE, related_name="items")
    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="digest_items")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True)
    shown = models.BooleanField(default=True, help_text="Listed in the email (false: counted in 'and N more').")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["digest", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["search", "job"], name="savedsearchdigestitem_search_job_unique")]

    def __str__(self) -> str:
        return f"{self.search_id} / {self.job_id}"


# The applicant tracking systems whose company boards users can watch (jobs.ats_links recognises
# their URLs; each is also the job source that scrapes the board).
ATS_SOURCES = (
    JobSource.GREENHOUSE,
    JobSource.LEVER,
    JobSource.ASHBY,
    JobSource.WORKABLE,
    JobSource.SMARTRECRUITERS,
    JobSource.RECRUITEE,
    JobSource.PERSONIO,
)


class CompanyBoard(models.Model):
    """A company's board on an ATS that users watch (`POST /companies/watch`): one row however many watch it.

    Its ATS's source scrapes it with the boards operators list (`CompanyBoardSource.boards`) while
    at least one user watches it and it is active, and once soon after it is first watched.
    `board` is the token the ATS's API takes, kept as first written; the same token in another
    case is the same board. `last_scraped_at` is the last run whose answer was read;
    `last_error` why the last run could not read it (blank once read again).
    """

    ats = models.CharField(max_length=30, choices=[(source.value, source.label) for source in ATS_SOURCES])
    board = models.CharField(max_length=100)
    company_name = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, help_text="The board's public careers page.")
    is_active = models.BooleanField(
        default=True, help_text="Scraped while someone watches it; an operator turns this off to stop scraping it."
    )
    last_scraped_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ats", "board"]
        constraints = [
            models.UniqueConstraint(models.F("ats"), Lower("board"), name="companyboard_ats_board_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_ats_display()} board {self.board!r}"


class CompanyWatch(models.Model):
    """A user following a company's board: its jobs are scraped into the listing like every other."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_watches")
    board = models.ForeignKey(CompanyBoard, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="companywatch_user_board_unique")]
        indexes = [models.Index(fields=["user", "-created_at"], name="companywatch_user_created_idx")]
        verbose_name_plural = "company watches"

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.board_id}"
