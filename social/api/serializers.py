"""Seed 003 social shapes: input serializers validate, output serializers shape, neither saves."""

from careerhub.api import serializers
from social.models import Follow, Group, GroupInvitation, GroupMember, Post, PostType, Reaction, ReactionType


class NamedChoiceField(serializers.ChoiceField):
    """A ChoiceField whose error names the allowed values."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        allowed = ", ".join(str(value) for value in self.choices)
        self.error_messages["invalid_choice"] = f'"{{input}}" is not a valid choice. Allowed: {allowed}.'


# --- Follows --------------------------------------------------------------------------------


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


# --- Groups ---------------------------------------------------------------------------------


class GroupSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()
    created_by = serializers.UUIDField(source="created_by_id")
    member_count = serializers.IntegerField()

    class Meta:
        model = Group
        fields = ["id", "name", "description", "created_by", "is_public", "member_count", "created_at", "updated_at"]
        read_only_fields = fields

    def get_description(self, group) -> str | None:
        return group.description or None


class GroupCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=5000)
    is_public = serializers.BooleanField(required=False, default=True)


class GroupUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=5000)
    is_public = serializers.BooleanField(required=False, allow_null=True)


class GroupMemberSerializer(serializers.ModelSerializer):
    group_id = serializers.UUIDField()
    user_id = serializers.UUIDField()

    class Meta:
        model = GroupMember
        fields = ["id", "group_id", "user_id", "role", "joined_at"]
        read_only_fields = fields


class GroupInvitationSerializer(serializers.ModelSerializer):
    group_id = serializers.UUIDField()
    user_id = serializers.UUIDField()
    invited_by = serializers.UUIDField(source="invited_by_id")

    class Meta:
        model = GroupInvitation
        fields = ["id", "group_id", "user_id", "invited_by", "created_at"]
        read_only_fields = fields


# --- Posts and reactions ----------------------------------------------------------------------


class PostSerializer(serializers.ModelSerializer):
    user_id = serializers.UUIDField()
    group_id = serializers.UUIDField(allow_null=True)
    title = serializers.SerializerMethodField()
    reaction_count = serializers.IntegerField(help_text="Annotated by the selector, never counted per post.")

    class Meta:
        model = Post
        fields = [
            "id", "user_id", "group_id", "post_type", "title", "content", "is_public", "reaction_count",
            "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_title(self, post) -> str | None:
        return post.title or None


class PostCreateInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=10000)
    post_type = NamedChoiceField(choices=PostType.choices, required=False, default=PostType.UPDATE)
    title = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)
    group_id = serializers.UUIDField(required=False, allow_null=True)
    is_public = serializers.BooleanField(required=False, default=True)


class PostUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)
    content = serializers.CharField(max_length=10000, required=False, allow_null=True)
    is_public = serializers.BooleanField(required=False, allow_null=True)


class ReactionInputSerializer(serializers.Serializer):
    reaction = NamedChoiceField(choices=ReactionType.choices, required=False, default=ReactionType.LIKE)


class ReactionSerializer(serializers.ModelSerializer):
    post_id = serializers.UUIDField()
    user_id = serializers.UUIDField()

    class Meta:
        model = Reaction
        fields = ["id", "post_id", "user_id", "reaction", "created_at"]
        read_only_fields = fields
