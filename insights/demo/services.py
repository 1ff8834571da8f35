"""Loading and removing the demo set, through the same services a user's own actions go through.

`demo_load` stores the demo postings as a scrape would (jobs.services.ingest), registers the demo
user (accounts), fills their profile, uploads their CV (profiles), refreshes their matches and
marks a few applied or interested (jobs.matching), and tracks applications at every stage with
their stages, outcome, reflection, a contact and a reminder (tracker). Run again, it adds nothing
twice: postings are upserted by their ids, the user and each application are looked up first.
`demo_remove` deletes the demo user (and so everything they own) and the demo jobs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_register, user_update
from careerhub.api.errors import ServiceUnavailable
from insights.demo.postings import DEMO_MARKER, demo_data, demo_postings
from jobs.matching.selectors import match_owned_list
from jobs.matching.services import match_refresh_run, match_status_set
from jobs.models import FeedbackReason, Job, MatchStatus
from jobs.services.ingest import jobs_ingest
from profiles import services as profile_services
from profiles.models import CvUpload
from profiles.selectors import profile_get
from profiles.services.profile import CAREER_FIELDS, PROFILE_UPDATE_FIELDS
from profiles.storage import delete_stored_file_on_commit
from tracker.models import Application
from tracker.selectors.applications import application_duplicate_list
from tracker.services.applications import application_create, application_update
from tracker.services.outcomes import outcome_create, reflection_create
from tracker.services.records import contact_create, reminder_create
from tracker.services.stages import stage_create

APPLICATION_KEYS = (
    "company_name", "role_title", "status", "priority", "location", "work_mode", "job_type", "salary_min", "salary_max",
    "salary_currency", "applied_source", "notes",
)
STAGE_KEYS = ("stage_name", "stage_type", "result", "duration_minutes", "questions_asked", "prep_notes")
OUTCOME_KEYS = ("status", "salary", "salary_currency", "bonus", "benefits", "negotiation_notes", "notes")


@dataclass
class DemoLoaded:
    jobs_created: int = 0
    jobs_updated: int = 0
    job_errors: list[str] = field(default_factory=list)
    user_created: bool = False
    cv: str = ""
    matches: int = 0
    applications_created: int = 0
    applications: int = 0


@dataclass
class DemoRemoved:
    user: bool
    jobs: int


def demo_user_get() -> User | None:
    return User.objects.filter(email__iexact=demo_data()["user"]["email"]).first()


def demo_load(*, now: datetime | None = None) -> DemoLoaded:
    """Load (or bring up to date) the whole demo set; see the module docstring."""
    now = now or timezone.now()
    loaded = DemoLoaded()
    # The user first: a registration mode that refuses them stops the load before anything is stored.
    user, loaded.user_created = _demo_user()
    postings, loaded.job_errors = demo_postings(now=now)
    with transaction.atomic():  # the demo jobs appear together (and SQLite commits once, not 300 times)
        counts = jobs_ingest(postings=postings, seen_at=now)
    loaded.jobs_created, loaded.jobs_updated = counts.created, counts.updated
    loaded.job_errors += counts.errors

    _demo_profile(user)
    loaded.cv = _demo_cv(user)
    result = match_refresh_run(user_id=user.pk)
    loaded.matches = (result.matches_created + result.matches_updated) if result is not None else 0
    _demo_match_statuses(user)
    loaded.applications_created = _demo_applications(user, today=timezone.localdate(now))
    loaded.applications = Application.objects.filter(user=user).count()
    return loaded


def _demo_user() -> tuple[User, bool]:
    existing = demo_user_get()
    if existing is not None:
        return existing, False
    person = demo_data()["user"]
    user = user_register(
        email=person["email"],
        password=person["password"],
        username=person["username"],
        display_name=person["display_name"],
        timezone=person["timezone"],
    )
    return user, True


def _demo_profile(user: User) -> None:
    person = demo_data()["user"]
    profile = person["profile"]
    # Public, so the demo user shows in search and the community (new users start private).
    user_update(user=user, data={"bio": person["bio"], "profile_visibility": "public"})
    profile_services.career_profile_upsert(user=user, data={key: profile[key] for key in CAREER_FIELDS if key in profile})
    profile_services.profile_update(user=user, data={key: profile[key] for key in PROFILE_UPDATE_FIELDS if key in profile})
    profile_services.industry_profile_upsert(user=user, industry_years=person["industry_years"])
    profile_services.profile_social_links_add(user=user, links=person["social_links"])
    profile_services.profile_sharing_update(user=user, data={"enabled": True})


def _demo_cv(user: User) -> str:
    """Upload the demo CV once, as a user would; what became of it."""
    if profile_get(user=user).cv_uploaded_at is not None:
        return "already uploaded"
    text = "\n".join(demo_data()["user"]["cv"]) + "\n"
    upload = profile_services.cv_upload_receive(
        user=user, uploaded_file=SimpleUploadedFile("alex-rivera-cv.txt", text.encode(), content_type="text/plain")
    )
    try:
        upload = profile_services.cv_upload_process(upload=upload, wait_seconds=settings.CV_PARSE_WAIT_SECONDS)
    except ServiceUnavailable:
        # A configured AI provider that cannot be reached: the upload is kept and parsed on a retry.
        return "uploaded; the AI provider did not answer, so it will be parsed later"
    return f"uploaded and parsed ({upload.model or 'in the background'})"


def _demo_match_statuses(user: User) -> None:
    """The best matches marked applied (the tracker records them) and interested; the weakest hidden."""
    wanted = demo_data()["match_statuses"]
    matches = list(match_owned_list(user=user).order_by("-score", "job_id"))
    applied, interested = wanted["applied"], wanted["interested"]
    for match in matches[:applied]:
        match_status_set(match=match, status=MatchStatus.APPLIED)
    for match in matches[applied : applied + interested]:
        match_status_set(match=match, status=MatchStatus.INTERESTED)
    if len(matches) > applied + interested + wanted["hidden"]:
        for match in matches[-wanted["hidden"] :]:
            match_status_set(match=match, status=MatchStatus.HIDDEN, reason=FeedbackReason.LOCATION)


def _days(today: date, *, ago: int = 0, ahead: int = 0) -> date:
    return today - timedelta(days=ago) + timedelta(days=ahead)


def _demo_applications(user: User, *, today: date) -> int:
    created = 0
    for spec in demo_data()["applications"]:
        if application_duplicate_list(user=user, company_name=spec["company_name"], role_title=spec["role_title"]).exists():
            continue
        _demo_application(user, spec, today=today)
        created += 1
    return created


@transaction.atomic
def _demo_application(user: User, spec: dict[str, Any], *, today: date) -> Application:
    """One application with what happened to it, in the order it happened."""
    data = {key: spec[key] for key in APPLICATION_KEYS if key in spec}
    if "applied_days_ago" in spec:
        data["applied_date"] = _days(today, ago=spec["applied_days_ago"])
    application = application_create(user=user, data=data, origin="demo")
    for stage in spec.get("stages", []):
        values = {key: stage[key] for key in STAGE_KEYS if key in stage}
        values["stage_date"] = _days(today, ago=stage.get("days_ago", 0), ahead=stage.get("days_ahead", 0))
        stage_create(user=user, application=application, data=values)
    if "outcome" in spec:
        outcome = spec["outcome"]
        values = {key: outcome[key] for key in OUTCOME_KEYS if key in outcome}
        if "deadline_days_ahead" in outcome:
            values["deadline"] = _days(today, ahead=outcome["deadline_days_ahead"])
        if "start_date_days_ahead" in outcome:
            values["start_date"] = _days(today, ahead=outcome["start_date_days_ahead"])
        outcome_create(user=user, application=application, data=values)
    if spec.get("accepted"):
        application.refresh_from_db()
        application_update(user=user, application=application, data={"status": "Accepted"})
    if "reflection" in spec:
        reflection_create(user=user, application=application, data=spec["reflection"])
    if "contact" in spec:
        contact_create(user=user, data={**spec["contact"], "company": spec["company_name"], "application_id": application.pk})
    if "reminder" in spec:
        reminder = spec["reminder"]
        remind_at = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=reminder["days_ahead"])
        reminder_create(
            user=user,
            data={
                "title": reminder["title"], "reminder_type": reminder["reminder_type"], "remind_at": remind_at,
                "application_id": application.pk,
            },
        )
    return application


@transaction.atomic
def demo_remove() -> DemoRemoved:
    """Delete the demo user with everything they own (profile, CV files, applications, matches) and
    the demo jobs (with anyone's matches of them). Jobs and users that are not the demo's stay."""
    user = demo_user_get()
    if user is not None:
        files = list(CvUpload.objects.filter(user=user).values_list("file", flat=True))
        user.delete()
        for name in files:
            delete_stored_file_on_commit(name)
    _, deleted = Job.objects.filter(**{f"raw_data__{DEMO_MARKER}": True}).delete()
    return DemoRemoved(user=user is not None, jobs=deleted.get(Job._meta.label, 0))
