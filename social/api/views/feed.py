from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.views import APIView

from careerhub.api.pagination import skip_limit
from social import selectors
from social.api.serializers.feed import FeedQuerySerializer
from social.api.serializers.posts import PostSerializer


class PostFeedView(APIView):
    pagination_class = skip_limit(50)

    @extend_schema(
        tags=["social"],
        summary="Your feed",
        description=(
            "The posts you may read, newest first: public posts, your own, and every post of your groups (a "
            "private group's posts are for its members only). `group_id` narrows it to one group. Page with "
            "`skip` and `limit`."
        ),
        parameters=[OpenApiParameter("group_id", str, description="Only this group's posts (UUID).")],
        responses={200: PostSerializer(many=True)},
    )
    def get(self, request):
        query = FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        posts = selectors.post_list(viewer=request.user, group_id=query.validated_data.get("group_id"))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(posts, request, view=self)
        return paginator.get_paginated_response(PostSerializer(page, many=True).data)
