from careerhub.api.routing import route

from .views import feed, follows, groups, posts, users

urlpatterns = [
    # Profiles live here because only social can apply the followers/groups visibility rules.
    route("users/search", users.UserSearchView.as_view(), name="user-search"),
    route("users/<uuid:user_id>", users.UserDetailView.as_view(), name="user-detail"),
    route("social/follow/<uuid:user_id>", follows.FollowView.as_view(), name="follow"),
    route("social/followers/<uuid:user_id>", follows.FollowersListView.as_view(), name="follow-followers"),
    route("social/following/<uuid:user_id>", follows.FollowingListView.as_view(), name="follow-following"),
    route("social/follow-stats/<uuid:user_id>", follows.FollowStatsView.as_view(), name="follow-stats"),
    route("social/follow-requests", follows.FollowRequestListView.as_view(), name="follow-request-list"),
    route(
        "social/follow-requests/<uuid:follow_request_id>/approve",
        follows.FollowRequestApproveView.as_view(),
        name="follow-request-approve",
    ),
    route(
        "social/follow-requests/<uuid:follow_request_id>/decline",
        follows.FollowRequestDeclineView.as_view(),
        name="follow-request-decline",
    ),
    route("social/groups", groups.GroupListView.as_view(), name="group-list"),
    route("social/groups/mine", groups.GroupMineView.as_view(), name="group-mine"),
    route("social/groups/<uuid:group_id>", groups.GroupDetailView.as_view(), name="group-detail"),
    route("social/groups/<uuid:group_id>/join", groups.GroupJoinView.as_view(), name="group-join"),
    route("social/groups/<uuid:group_id>/leave", groups.GroupLeaveView.as_view(), name="group-leave"),
    route("social/groups/<uuid:group_id>/members", groups.GroupMembersView.as_view(), name="group-members"),
    route(
        "social/groups/<uuid:group_id>/invite/<uuid:user_id>", groups.GroupInviteView.as_view(), name="group-invite"
    ),
    route("social/posts", posts.PostCreateView.as_view(), name="post-create"),
    route("social/posts/feed", feed.PostFeedView.as_view(), name="post-feed"),
    route("social/posts/mine", posts.PostMineView.as_view(), name="post-mine"),
    route("social/posts/<uuid:post_id>", posts.PostDetailView.as_view(), name="post-detail"),
    route("social/posts/<uuid:post_id>/react", posts.PostReactView.as_view(), name="post-react"),
]
