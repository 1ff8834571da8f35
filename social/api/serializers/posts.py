from careerhub.api import serializers
from social.models import Post, PostType, Reaction, ReactionType


class NamedChoiceField(serializers.ChoiceField):
    """A ChoiceField whose error names the allowed values."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        allowed = ", ".join(str(value) for value in self.choices)
        self.error_messages["invalid_choice"] = f'"{{input}}" is not a valid choice. Allowed: {allowed}.'


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
    # Exactly social.services.POST_FIELDS, each optional: a PUT changes what it sends.
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
