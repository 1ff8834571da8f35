"""Django admin for operators: jobs, scrape runs and matches (with match refreshes)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from jobs.matching import services as matching
from jobs.models import (
    Job,
    LearnedPreferences,
    Match,
    MatchBlocklist,
    SavedSearch,
    SavedSearchDigest,
    SavedSearchDigestItem,
    ScrapeLog,
)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "company", "source", "remote_type", "job_type", "salary_min", "salary_max", "scraped_at"]
    list_filter = ["source", "remote_type", "job_type", "visa_sponsorship", "role_family", "sponsorship", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "company", "source_id"]
    ordering = ["-scraped_at", "-id"]
    raw_id_fields = ["owner", "duplicate_of", "repost_of"]
    readonly_fields = ["dedupe_key", "repost_key", "eligibility", "first_seen_at", "last_seen_at", "created_at", "updated_at"]
    list_select_related = False
    show_full_result_count = False  # counting every job on each admin page view is wasted work


class ScrapeLogChildInline(admin.TabularInline):
    model = ScrapeLog
    fk_name = "parent"
    extra = 0
    can_delete = False
    fields = ["source", "status", "attempts", "jobs_found", "jobs_created", "jobs_updated", "jobs_failed", "error", "started_at", "finished_at"]
    readonly_fields = fields


@admin.register(ScrapeLog)
class ScrapeLogAdmin(admin.ModelAdmin):
    list_display = ["id", "source", "trigger", "status", "jobs_created", "jobs_updated", "jobs_failed", "created_at", "finished_at"]
    list_filter = ["source", "status", "trigger"]
    raw_id_fields = ["parent", "requested_by"]
    inlines = [ScrapeLogChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by")


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Matches, with "refresh these users' matches" (an action) and "refresh everyone's matches"
    (a button on the list, change_list.html): both queue the same per-user refresh task users
    start with POST /matches/refresh, skipping users whose refresh is already running."""

    list_display = ["id", "user", "job", "score", "status", "scoring_version", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "job"]
    list_select_related = ["user", "job"]
    readonly_fields = ["scoring_version", "created_at", "updated_at"]
    actions = ["refresh_users_matches"]

    @admin.action(description="Refresh the matches of these matches' users", permissions=["change"])
    def refresh_users_matches(self, request, queryset):
        user_ids = sorted(set(queryset.values_list("user_id", flat=True)), key=str)
        queued = sum(1 for user_id in user_ids if matching.match_refresh_request(user_id=user_id))
        self.message_user(
            request, f"Queued a match refresh for {queued} user(s); {len(user_ids) - queued} already refreshing.", messages.SUCCESS
        )

    def get_urls(self):
        return [
            path(
                "refresh-everyone/",
                self.admin_site.admin_view(require_POST(self.refresh_everyone_view)),
                name="jobs_match_refresh_everyone",
            ),
            *super().get_urls(),
        ]

    def refresh_everyone_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        matching.match_refresh_everyone_request()
        self.message_user(request, "Queued a match refresh for every active user with a profile.", messages.SUCCESS)
        return redirect(reverse("admin:jobs_match_changelist"))


@admin.register(MatchBlocklist)
class MatchBlocklistAdmin(admin.ModelAdmin):
    list_display = ["user", "updated_at"]
    raw_id_fields = ["user"]
    search_fields = ["user__email"]


@admin.register(LearnedPreferences)
class LearnedPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "updated_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["values", "updated_at"]
    search_fields = ["user__email"]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "min_match_score", "last_digest_at", "created_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]


class SavedSearchDigestItemInline(admin.TabularInline):
    model = SavedSearchDigestItem
    extra = 0
    can_delete = False
    fields = ["search", "job", "score", "shown", "position"]
    readonly_fields = fields
    raw_id_fields = ["search", "job"]


@admin.register(SavedSearchDigest)
class SavedSearchDigestAdmin(admin.ModelAdmin):
    """The digests planned and sent; a pending one is retried by the beat task at `next_attempt_at`."""

    list_display = ["id", "user", "status", "attempts", "next_attempt_at", "sent_at", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["user"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["created_at", "sent_at", "error"]
    inlines = [SavedSearchDigestItemInline]
