"""Reads for profiles. Everything a user reaches is scoped to that user before lookup."""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from accounts.models import User
from careerhub.selectors import get_or_404
from profiles.models import CvUpload, IndustryProfile, Profile, ResumeVersion
from profiles.storage import open_stored_file


def profile_get(*, user: User) -> Profile:
    """The user's profile, or an unsaved one with the defaults when they never wrote any
    (reads do not create rows; the first write does)."""
    profile = Profile.objects.select_related("primary_resume").filter(user=user).first()
    if profile is None:
        profile = Profile(user=user)
    profile.user = user
    return profile


def career_profile_exists(*, user: User) -> bool:
    return Profile.objects.filter(user=user, career_profile_created_at__isnull=False).exists()


def industry_profile_get(*, user: User) -> IndustryProfile | None:
    return IndustryProfile.objects.filter(user=user).first()


def resume_version_list(*, user: User) -> QuerySet[ResumeVersion]:
    """The user's resume versions, newest first; the scope of every resume endpoint, so someone
    else's version is simply not found (404)."""
    return ResumeVersion.objects.filter(user=user).order_by("-created_at", "-id")


def resume_version_tailored_get(*, user: User, job_id: int, source_hash: str, model: str) -> ResumeVersion | None:
    """The newest version tailored for this job from this CV by this model, if the user kept one."""
    return (
        resume_version_list(user=user)
        .filter(tailored_for_job_id=job_id, source_hash=source_hash, model=model)
        .first()
    )


def resume_file_open(*, resume: ResumeVersion) -> File:
    """The version's uploaded file, opened for reading (404 without one)."""
    if not resume.file:
        raise NotFound("This resume version has no uploaded file.")
    return open_stored_file(resume.file)


def parsed_cv_get(*, user: User) -> dict[str, Any]:
    """The latest parsed CV; 404 before any upload, and while the only upload is unparsed."""
    parsed = Profile.objects.filter(user=user).values_list("parsed_cv", flat=True).first()
    if parsed:
        return parsed
    latest = CvUpload.objects.filter(user=user).order_by("-created_at").values_list("status", flat=True).first()
    if latest is None:
        raise NotFound("No CV uploaded yet.", code="no_cv")
    if latest == CvUpload.Status.UNAVAILABLE:
        raise NotFound("Your CV was kept but not parsed yet: the AI service was unavailable. Try again shortly.", code="cv_not_parsed")
    if latest == CvUpload.Status.FAILED:
        raise NotFound("Nothing could be parsed from your CV; upload another file.", code="cv_not_parsed")
    raise NotFound("Your CV is still being parsed.", code="cv_not_parsed")


def public_profile_get(*, slug: str) -> Profile:
    """A shared profile; a private, unknown or deactivated one is 404 alike."""
    shared = Profile.objects.select_related("user").filter(share_enabled=True, user__is_active=True)
    return get_or_404(shared, detail="Profile not found.", share_slug=slug)


# Seed 000 "For best recommendation quality, provide ..." (hints, never errors).
CAREER_QUALITY_MINIMUMS = (
    ("skills", "primarySkills", 3),
    ("skills_to_learn", "skillsToLearn", 2),
    ("career_goals", "careerGoals", 2),
    ("interests", "interests", 3),
)


def career_profile_hints(*, profile: Profile) -> list[str]:
    hints = []
    for field, name, minimum in CAREER_QUALITY_MINIMUMS:
        count = len(getattr(profile, field) or [])
        if count < minimum:
            hints.append(f"Add at least {minimum} {name} for better recommendations (you have {count}).")
    return hints
