"""Seed 003 progress shapes."""

from accounts.api.serializers.users import StreakDaysField
from accounts.models import User
from careerhub.api import serializers
from insights.models import Milestone, UserMilestone


class MilestoneSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()
    criteria = serializers.JSONField(help_text='What earns it, e.g. {"action": "create_application", "count": 10}.')

    class Meta:
        model = Milestone
        fields = ["id", "name", "description", "criteria", "created_at"]
        read_only_fields = fields

    def get_description(self, milestone) -> str | None:
        return milestone.description or None


class UserMilestoneSerializer(serializers.ModelSerializer):
    user_id = serializers.UUIDField()
    milestone_id = serializers.UUIDField()
    milestone = MilestoneSerializer()

    class Meta:
        model = UserMilestone
        fields = ["id", "user_id", "milestone_id", "reached_at", "milestone"]
        read_only_fields = fields


class CommunityMemberSerializer(serializers.ModelSerializer):
    user_id = serializers.UUIDField(source="pk")
    display_name = serializers.SerializerMethodField()
    streak_days = StreakDaysField()

    class Meta:
        model = User
        fields = ["user_id", "username", "display_name", "streak_days"]
        read_only_fields = fields

    def get_display_name(self, user) -> str | None:
        return user.display_name or None


class UserStatsSerializer(serializers.Serializer):
    total_applications = serializers.IntegerField()
    total_offers = serializers.IntegerField(help_text="Applications with an offer (status Offer/Accepted or an Offer outcome).")
    total_rejections = serializers.IntegerField(help_text="Applications rejected (status or outcome).")
    total_reflections = serializers.IntegerField()
    total_stages = serializers.IntegerField(help_text="Interview rounds logged.")
    streak_days = serializers.IntegerField(help_text="Consecutive days with activity, in the user's time zone, as of today.")
    milestones_reached = serializers.IntegerField()
    total_contacts = serializers.IntegerField()
    total_reminders_pending = serializers.IntegerField(help_text="Reminders not completed yet.")
