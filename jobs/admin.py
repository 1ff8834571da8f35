"""Django admin for operators: jobs, scrape runs (read-only, with the sources, their boards and
"scrape now") and matches (searchable, with match refreshes)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from jobs import selectors
from jobs.matching import services as matching
from jobs.models import Job, LearnedPreferences, Match, MatchBlocklist, ScrapeLog, ScrapeTrigger
from jobs.services import scraping
from jobs.sources import REGISTRY, enabled_source_names, get_source

# Who may start a scrape from the admin: superusers, and staff granted "Can add scrape log".
SCRAPE_PERMISSION = "jobs.add_scrapelog"
ALL_ENABLED = "all"


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "company", "source", "remote_type", "job_type", "salary_min", "salary_max", "scraped_at"]
    list_filter = ["source", "remote_type", "job_type", "visa_sponsorship", "role_family", "sponsorship"]
    search_fields = ["title", "company", "source_id"]
    ordering = ["-scraped_at", "-id"]
    raw_id_fields = ["owner", "duplicate_of"]
    readonly_fields = ["dedupe_key", "eligibility", "created_at", "updated_at"]
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

    list_display = ["id", "source", "trigger", "status", "jobs_created", "jobs_updated", "jobs_failed", "created_at", "finished_at"]
    list_filter = ["source", "status", "trigger"]
    search_fields = ["error"]
    raw_id_fields = ["parent", "requested_by"]
    inlines = [ScrapeLogChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requested_by")

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
