"""Django admin for operators: jobs, scrape runs, watched company boards and matches (with match refreshes)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from jobs.matching import services as matching
from jobs.models import (
    CompanyBoard,
    CompanyWatch,
    Job,
    LearnedPreferences,
    Match,
    MatchBlocklist,
    SavedSearch,
    SavedSearchDigest,
    SavedSearchDigestItem,
    ScrapeLog,
)
from jobs.services.scraping import company_board_scrape_request


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
    list_display = [
        "id", "source", "trigger", "company_board", "status", "jobs_created", "jobs_updated", "jobs_failed", "created_at", "finished_at",
    ]
    list_filter = ["source", "status", "trigger"]
    raw_id_fields = ["parent", "requested_by", "company_board"]
    inlines = [ScrapeLogChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by", "company_board")


class CompanyWatchInline(admin.TabularInline):
    model = CompanyWatch
    extra = 0
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]
    can_delete = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False  # a user watches a company through the API


@admin.register(CompanyBoard)
class CompanyBoardAdmin(admin.ModelAdmin):
    """The company boards users watch: one row per board whoever watches it. Turning `is_active` off stops
    scraping a board; "Scrape now" queues a run of each selected board (its own scrape log). Boards come
    from users' watches (operators list their own in the `<ATS>_BOARDS` settings), and a board's ATS and
    token are what it is, so neither is added or changed here."""

    list_display = ["id", "ats", "board", "company_name", "is_active", "watchers", "last_scraped_at", "last_error", "created_at"]
    list_filter = ["ats", "is_active"]
    list_editable = ["is_active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["board", "company_name"]
    readonly_fields = ["ats", "board", "url", "last_scraped_at", "last_error", "created_at"]
    ordering = ["ats", "board"]
    inlines = [CompanyWatchInline]
    actions = ["scrape_now"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(watcher_count=Count("watches"))

    def has_add_permission(self, request):
        return False

    @admin.display(description="watchers", ordering="watcher_count")
    def watchers(self, board):
        return board.watcher_count

    @admin.action(description="Scrape these boards now", permissions=["change"])
    def scrape_now(self, request, queryset):
        boards = list(queryset)
        for board in boards:
            company_board_scrape_request(board=board, requested_by=request.user)
        self.message_user(request, f"Queued a scrape of {len(boards)} board(s).", messages.SUCCESS)


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
