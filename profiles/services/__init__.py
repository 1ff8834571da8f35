"""Writes for profiles, one module per entity; the public names are re-exported here."""

from profiles.services.cv import cv_upload_parse, cv_upload_process, cv_upload_receive
from profiles.services.industry import industry_profile_upsert
from profiles.services.profile import (
    career_profile_upsert,
    profile_get_or_create,
    profile_set_primary_resume,
    profile_sharing_update,
    profile_social_links_add,
    profile_update,
)
from profiles.services.resumes import (
    TailoredFor,
    Tailoring,
    resume_version_attach_file,
    resume_version_create,
    resume_version_create_tailored,
    resume_version_delete,
    resume_version_update,
)

__all__ = [
    "TailoredFor",
    "Tailoring",
    "career_profile_upsert",
    "cv_upload_parse",
    "cv_upload_process",
    "cv_upload_receive",
    "industry_profile_upsert",
    "profile_get_or_create",
    "profile_set_primary_resume",
    "profile_sharing_update",
    "profile_social_links_add",
    "profile_update",
    "resume_version_attach_file",
    "resume_version_create",
    "resume_version_create_tailored",
    "resume_version_delete",
    "resume_version_update",
]
