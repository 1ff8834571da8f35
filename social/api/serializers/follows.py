from careerhub.api import serializers
from social.models import Follow


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
