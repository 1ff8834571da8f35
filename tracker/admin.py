"""Read-only admin for operators' support work: applications, saved jobs and reminders.

Operators look; they do not edit or delete users' tracker data (that goes through the API,
as the user). Every admin here refuses add, change and delete whatever the operator's rights.
"""

from django.contrib import admin

from tracker.models import Application, ApplicationStage, Reminder, SavedJob


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ApplicationStage
    extra = 0
    fields = ["stage_name", "stage_type", "stage_date", "result", "created_at"]
    readonly_fields = fields
    ordering = ["created_at"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["company_name", "role_title", "status", "user", "applied_date", "created_at"]
    list_filter = ["status", "priority", "applied_source"]
    search_fields = ["company_name", "role_title", "user__email", "user__username"]
    list_select_related = ["user"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    inlines = [StageInline]


@admin.register(SavedJob)
class SavedJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["company_name", "role_title", "status", "priority", "user", "created_at"]
    list_filter = ["status", "priority"]
    search_fields = ["company_name", "role_title", "user__email", "user__username"]
    list_select_related = ["user"]
    ordering = ["-created_at"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "reminder_type", "remind_at", "is_completed", "user"]
    list_filter = ["reminder_type", "is_completed"]
    search_fields = ["title", "user__email", "user__username"]
    list_select_related = ["user"]
    ordering = ["-remind_at"]
