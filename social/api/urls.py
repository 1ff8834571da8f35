from careerhub.api.routing import route

from .views import feed, follows, groups, posts, users

urlpatterns = [
    # Profiles live here because only social can apply the followers/groups visibility rules.
    route("users/search", users.UserSearchView.as_view(), name="user-search", scope="social"),
    route("users/<uuid:user_id>", users.UserDetailView.as_view(), name="user-detail", scope="social"),
    route("social/follow/<uuid:user_id>", follows.FollowView.as_view(), name="follow", scope="social"),
    route("social/followers/<uuid:user_id>", follows.FollowersListView.as_view(), name="follow-followers", scope="social"),
    route("social/following/<uuid:user_id>", follows.FollowingListView.as_view(), name="follow-following", scope="social"),
    route("social/follow-stats/<uuid:user_id>", follows.FollowStatsView.as_view(), name="follow-stats", scope="social"),
    route("social/follow-requests", follows.FollowRequestListView.as_view(), name="follow-request-list", scope="social"),
    route(
        "social/follow-requests/<uuid:follow_request_id>/approve",
        follows.FollowRequestApproveView.as_view(),
        name="follow-request-approve", scope="social",
    ),
    route(
        "social/follow-requests/<uuid:follow_request_id>/decline",
        follows.FollowRequestDeclineView.as_view(),
        name="follow-request-decline", scope="social",
    ),
    route("social/groups", groups.GroupListView.as_view(), name="group-list", scope="social"),
    route("social/groups/mine", groups.GroupMineView.as_view(), name="group-mine", scope="social"),
    route("social/groups/<uuid:group_id>", groups.GroupDetailView.as_view(), name="group-detail", scope="social"),
    route("social/groups/<uuid:group_id>/join", groups.GroupJoinView.as_view(), name="group-join", scope="social"),
    route("social/groups/<uuid:group_id>/leave", groups.GroupLeaveView.as_view(), name="group-leave", scope="social"),
    route("social/groups/<uuid:group_id>/members", groups.GroupMembersView.as_view(), name="group-members", scope="social"),
    route(
        "social/groups/<uuid:group_id>/invite/<uuid:user_id>", groups.GroupInviteView.as_view(), name="group-invite", scope="social"
    ),
    route("social/posts", posts.PostCreateView.as_view(), name="post-create", scope="social"),
    route("social/posts/feed", feed.PostFeedView.as_view(), name="post-feed", scope="social"),
    route("social/posts/mine", posts.PostMineView.as_view(), name="post-mine", scope="social"),
    route("social/posts/<uuid:post_id>", posts.PostDetailView.as_view(), name="post-detail", scope="social"),
    route("social/posts/<uuid:post_id>/react", posts.PostReactView.as_view(), name="post-react", scope="social"),
]
