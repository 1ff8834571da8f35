"""Posts and reactions: write a post, list one's own, edit or delete it, react to one."""

from drf_spectacular.utils import extend_schema
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
    @extend_schema(tags=["social"], request=PostCreateInputSerializer, responses={201: PostSerializer})
    def post(self, request):
        data = PostCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_create(user=request.user, **data.validated_data)
        post = selectors.post_get(viewer=request.user, post_id=post.pk)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)


class PostMineView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(tags=["social"], responses={200: PostSerializer(many=True)})
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
        responses={200: DetailMessageSerializer, 403: error_response("Only the author can delete the post.")},
    )
    def delete(self, request, post_id):
        services.post_delete(user=request.user, post=self.get_object())
        return Response({"detail": "Post deleted"})


class PostReactView(PostObjectView):
    @extend_schema(
        tags=["social"],
        request=ReactionInputSerializer,
        responses={201: ReactionSerializer},
        description="One reaction per user per post: a new reaction replaces the previous one.",
    )
    def post(self, request, post_id):
        data = ReactionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reaction = services.reaction_set(user=request.user, post=self.get_object(), reaction=data.validated_data["reaction"])
        return Response(ReactionSerializer(reaction).data, status=status.HTTP_201_CREATED)

    @extend_schema(tags=["social"], responses={200: DetailMessageSerializer})
    def delete(self, request, post_id):
        services.reaction_delete(user=request.user, post=self.get_object())
        return Response({"detail": "Reaction removed"})
