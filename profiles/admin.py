"""Django admin for operators: profiles, industry profiles (seed 002), resume versions, CV uploads."""

from django.contrib import admin

from profiles.models import CvUpload, IndustryProfile, Profile, ResumeVersion


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "current_role", "seniority", "industry", "experience_years", "share_enabled", "updated_at"]
    list_filter = ["seniority", "share_enabled", "availability_status"]
    search_fields = ["user__email", "user__username", "current_role", "industry"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "primary_resume"]
    readonly_fields = ["id", "share_slug", "scoring_version", "scoring_inputs_changed_at", "created_at", "updated_at"]


@admin.register(IndustryProfile)
class IndustryProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "industry_years_json", "updated_at"]
    search_fields = ["user__email", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["id"]


@admin.register(ResumeVersion)
class ResumeVersionAdmin(admin.ModelAdmin):
    list_display = ["version_name", "user", "file_name", "file_size", "model", "created_at"]
    search_fields = ["version_name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # What tailoring wrote passed the no-invention check; an operator looks, never edits it.
    readonly_fields = [
        "id", "file", "file_name", "file_size", "content_type", "content", "keywords", "removed_claims", "model",
        "tailored_for_job_id", "tailored_for_match_id", "tailored_for_title", "tailored_for_company", "source_hash",
        "created_at", "updated_at",
    ]


@admin.register(CvUpload)
class CvUploadAdmin(admin.ModelAdmin):
    list_display = ["original_filename", "user", "kind", "size", "status", "model", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["original_filename", "user__email", "sha256"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "id", "file", "original_filename", "kind", "content_type", "size", "sha256", "text", "parsed", "model",
        "created_at", "parsed_at",
    ]
