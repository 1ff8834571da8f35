"""Django admin for operators: jobs, scrape runs (read-only, with the sources, their boards and
"scrape now"), watched company boards, and matches (searchable, with match refreshes)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from jobs import selectors
from jobs.matching import services as matching
from jobs.matching.selectors import match_explanations_fill
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
    ScrapeTrigger,
)
from jobs.services import scraping
from jobs.services.scraping import company_board_scrape_request
from jobs.sources import REGISTRY, enabled_source_names, get_source

# Who may start a scrape from the admin: superusers, and staff granted "Can add scrape log".
SCRAPE_PERMISSION = "jobs.add_scrapelog"
ALL_ENABLED = "all"


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
    """Scrape runs, read-only: a log is what happened and is never edited. The sources page
    (change_list.html links it) shows each source, the boards it reads and its latest run, with
    a "scrape now" button per source; runs started there are logged like every other."""

    list_display = [
        "id", "source", "trigger", "company_board", "status", "jobs_created", "jobs_updated", "jobs_failed", "created_at", "finished_at",
    ]
    list_filter = ["source", "status", "trigger"]
    search_fields = ["error"]
    raw_id_fields = ["parent", "requested_by", "company_board"]
    inlines = [ScrapeLogChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by", "company_board")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("sources/", self.admin_site.admin_view(self.sources_view), name="jobs_scrapelog_sources"),
            path("scrape/", self.admin_site.admin_view(require_POST(self.scrape_now_view)), name="jobs_scrapelog_scrape"),
            *super().get_urls(),
        ]

    def sources_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        latest = selectors.scrape_log_latest_per_source()
        enabled = set(enabled_source_names())
        wanted = set(settings.JOB_SOURCES)
        sources = []
        for name in REGISTRY:
            source = get_source(name)
            sources.append(
                {
                    "name": name,
                    "configured": source.is_configured(),
                    "enabled": name in enabled,
                    "selected": name in wanted,
                    "boards": source.boards() if source.is_configured() else [],
                    "latest": latest.get(name),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Job sources and their boards",
            "opts": self.model._meta,
            "sources": sources,
            "can_scrape": request.user.has_perm(SCRAPE_PERMISSION),
            "all_enabled": ALL_ENABLED,
            "interval_hours": settings.JOB_SCRAPE_INTERVAL_HOURS,
        }
        return TemplateResponse(request, "admin/jobs/scrapelog/sources.html", context)

    def scrape_now_view(self, request):
        if not request.user.has_perm(SCRAPE_PERMISSION):
            raise PermissionDenied
        name = request.POST.get("source", "")
        if name == ALL_ENABLED:
            names = None
        elif name in REGISTRY and get_source(name).is_configured():
            names = [name]
        else:
            self.message_user(request, f"No configured source is called {name!r}.", messages.ERROR)
            return redirect(reverse("admin:jobs_scrapelog_sources"))
        log, _ = scraping.scrape_run_start(trigger=ScrapeTrigger.ADMIN, requested_by=request.user, sources=names)
        self.message_user(request, _scrape_message(log, name), messages.SUCCESS)
        return redirect(reverse("admin:jobs_scrapelog_sources"))


def _scrape_message(log: ScrapeLog, name: str):
    what = "every enabled source" if name == ALL_ENABLED else name
    link = format_html('<a href="{}">run #{}</a>', reverse("admin:jobs_scrapelog_change", args=[log.pk]), log.pk)
    if not log.is_finished:
        return format_html("Started a scrape of {} ({}); a worker runs it and its log shows the progress.", what, link)
    return format_html(
        "Scraped {} ({}): {}, {} jobs found, {} new, {} updated, {} failed.",
        what, link, log.status, log.jobs_found, log.jobs_created, log.jobs_updated, log.jobs_failed,
    )


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
    list_filter = ["status", "job__source"]
    # The operator's questions: this user's matches, matches for this job or company.
    search_fields = ["user__email", "user__username", "job__title", "job__company"]
    raw_id_fields = ["user", "job"]
    list_select_related = ["user", "job"]
    readonly_fields = ["scoring_version", "created_at", "updated_at"]
    actions = ["refresh_users_matches"]

    def get_object(self, request, object_id, from_field=None):
        match = super().get_object(request, object_id, from_field)
        if match is not None:
            # A fan-out stores the score alone: show the explanation the user sees.
            match_explanations_fill([match])
        return match

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
