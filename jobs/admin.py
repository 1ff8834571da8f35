"""Django admin for operators: jobs, scrape runs and matches."""

from django.contrib import admin

from jobs.models import Job, Match, ScrapeLog


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "company", "source", "remote_type", "job_type", "salary_min", "salary_max", "scraped_at"]
    list_filter = ["source", "remote_type", "job_type", "visa_sponsorship"]
    search_fields = ["title", "company", "source_id"]
    ordering = ["-scraped_at", "-id"]
    raw_id_fields = ["owner", "duplicate_of"]
    readonly_fields = ["dedupe_key", "created_at", "updated_at"]
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
    list_display = ["id", "user", "job", "score", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "job"]
    list_select_related = ["user", "job"]
