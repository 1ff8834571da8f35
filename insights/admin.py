"""Django admin for operators: milestones are data (add one without code), awards are read-only."""

from django.contrib import admin

from insights.models import Milestone, UserMilestone


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "criteria", "position", "updated_at"]
    search_fields = ["name", "key", "description"]
    ordering = ["position", "name"]
    prepopulated_fields = {"key": ["name"]}
    readonly_fields = ["id", "created_at", "updated_at"]
    fields = ["id", "key", "name", "description", "criteria", "position", "created_at", "updated_at"]


@admin.register(UserMilestone)
class UserMilestoneAdmin(admin.ModelAdmin):
    list_display = ["user", "milestone", "reached_at"]
    list_filter = ["milestone"]
    search_fields = ["user__username", "user__email", "milestone__name"]
    list_select_related = ["user", "milestone"]
    raw_id_fields = ["user", "milestone"]
    readonly_fields = ["reached_at"]
