"""Posts and reactions: write a post, list one's own, edit or delete it, react to one."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from social import selectors, services
from social.api.serializers.posts import (
    PostCreateInputSerializer,
    PostSerializer,
    PostUpdateInputSerializer,
    ReactionInputSerializer,
    ReactionSerializer,
)


class PostCreateView(APIView):
    @extend_schema(
        tags=["social"],
        summary="Write a post",
        description=(
            "An `Update`, `Tip`, `Milestone`, `Question`, `Resource` or `Celebration`. Outside a group a post is "
            "public unless `is_public` is false (then only you see it). With `group_id` it goes to one of your "
            "groups (400 for a group you are not in): its members read it, and others only when both the post "
            "and the group are public."
        ),
        request=PostCreateInputSerializer,
        examples=[
            OpenApiExample(
                "A tip",
                request_only=True,
                value={
                    "post_type": "Tip",
                    "title": "Ask about on-call",
                    "content": "In the final round, ask how on-call works. It told me more than the whole process.",
                },
            )
        ],
        responses={201: PostSerializer},
    )
    def post(self, request):
        data = PostCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_create(user=request.user, **data.validated_data)
        post = selectors.post_get(viewer=request.user, post_id=post.pk)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)


class PostMineView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Your posts",
        description="Everything you wrote, public or not, newest first. Page with `skip` and `limit`.",
        responses={200: PostSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.post_authored_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(PostSerializer(page, many=True).data)


class PostObjectView(OwnedObjectView):
    # An endpoint about one post the caller may read (someone else's non-public post is not found).

    lookup_url_kwarg = "post_id"
    not_found = selectors.POST_NOT_FOUND

    def get_queryset(self):
        return selectors.post_list(viewer=self.request.user)


class PostDetailView(PostObjectView):
    @extend_schema(
        tags=["social"],
        summary="Change a post",
        description=(
            "Its author changes the title, content or `is_public`; fields left out stay as they are. Someone "
            "else's post you can read is a 403, one you cannot a 404."
        ),
        request=PostUpdateInputSerializer,
        responses={200: PostSerializer, 403: error_response("Only the author can update the post.")},
    )
    def put(self, request, post_id):
        data = PostUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.post_update(user=request.user, post=self.get_object(), data=data.validated_data)
        return Response(PostSerializer(self.get_object()).data)

    @extend_schema(
        tags=["social"],
        summary="Delete a post",
        description='Its author deletes it with its reactions. Answers `{"detail": "Post deleted"}`.',
        responses={200: DetailMessageSerializer, 403: error_response("Only the author can delete the post.")},
    )
    def delete(self, request, post_id):
        services.post_delete(user=request.user, post=self.get_object())
        return Response({"detail": "Post deleted"})


class PostReactView(PostObjectView):
    @extend_schema(
        tags=["social"],
        summary="React to a post",
        description=(
            "`Like`, `Celebrate`, `Support` or `Insightful`, on a post you can read. One reaction per person and "
            "post: a new one replaces your previous one."
        ),
        request=ReactionInputSerializer,
        responses={201: ReactionSerializer},
    )
    def post(self, request, post_id):
        data = ReactionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reaction = services.reaction_set(user=request.user, post=self.get_object(), reaction=data.validated_data["reaction"])
        return Response(ReactionSerializer(reaction).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["social"],
        operation_id="social_posts_unreact",
        summary="Take back your reaction",
        description='Answers `{"detail": "Reaction removed"}`; a post you have not reacted to is a 404.',
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, post_id):
        services.reaction_delete(user=request.user, post=self.get_object())
        return Response({"detail": "Reaction removed"})
