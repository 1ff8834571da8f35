from accounts.models import User
from careerhub.api import serializers
from social.models import Follow, FollowRequest


class FollowSerializer(serializers.ModelSerializer):
    follower_id = serializers.UUIDField()
    following_id = serializers.UUIDField()

    class Meta:
        model = Follow
        fields = ["id", "follower_id", "following_id", "created_at"]
        read_only_fields = fields


class FollowStatsSerializer(serializers.Serializer):
    followers_count = serializers.IntegerField()
    following_count = serializers.IntegerField()


class FollowRequesterSerializer(serializers.ModelSerializer):
    """Who asks to follow you: by asking, they show you their name (not their profile)."""

    display_name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "display_name"]
        read_only_fields = fields

    def get_display_name(self, user) -> str | None:
        return user.display_name or None


class FollowRequestSerializer(serializers.ModelSerializer):
    """A pending follow: the answer to following a followers-only profile (202), and an item of
    the owner's follow requests."""

    follower_id = serializers.UUIDField()
    following_id = serializers.UUIDField()
    status = serializers.SerializerMethodField(help_text='Always "pending": an approved request is a follow.')
    follower = FollowRequesterSerializer()

    class Meta:
        model = FollowRequest
        fields = ["id", "follower_id", "following_id", "status", "follower", "created_at"]
        read_only_fields = fields

    def get_status(self, request) -> str:
        return "pending"
