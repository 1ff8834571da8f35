"""Django admin for operators: moderate groups, members, posts and follows."""

from django.contrib import admin
from django.db.models import Count

from social.models import Follow, Group, GroupInvitation, GroupMember, Post, Reaction


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "is_public", "created_by", "member_count", "created_at"]
    list_filter = ["is_public"]
    search_fields = ["name", "description", "created_by__username", "created_by__email"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["id", "created_at", "updated_at"]
    inlines = [GroupMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by").annotate(members_total=Count("members"))

    @admin.display(description="members", ordering="members_total")
    def member_count(self, group) -> int:
        return group.members_total


@admin.register(GroupInvitation)
class GroupInvitationAdmin(admin.ModelAdmin):
    list_display = ["group", "user", "invited_by", "created_at"]
    raw_id_fields = ["group", "user", "invited_by"]
    list_select_related = ["group", "user", "invited_by"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "group", "post_type", "is_public", "created_at"]
    list_filter = ["post_type", "is_public"]
    search_fields = ["title", "content", "user__username"]
    raw_id_fields = ["user", "group"]
    list_select_related = ["user", "group"]
    readonly_fields = ["id", "created_at", "updated_at"]


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = ["post", "user", "reaction", "created_at"]
    list_filter = ["reaction"]
    raw_id_fields = ["post", "user"]
    list_select_related = ["post", "user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["follower", "following", "created_at"]
    search_fields = ["follower__username", "following__username"]
    raw_id_fields = ["follower", "following"]
    list_select_related = ["follower", "following"]
