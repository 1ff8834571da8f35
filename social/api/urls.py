from careerhub.api.routing import route

from . import views

urlpatterns = [
    # Profiles live here because only social can apply the followers/groups visibility rules.
    route("users/search", views.UserSearchView.as_view(), name="user-search"),
    route("users/<uuid:user_id>", views.UserDetailView.as_view(), name="user-detail"),
    route("social/follow/<uuid:user_id>", views.FollowView.as_view(), name="follow"),
    route("social/followers/<uuid:user_id>", views.FollowersListView.as_view(), name="follow-followers"),
    route("social/following/<uuid:user_id>", views.FollowingListView.as_view(), name="follow-following"),
    route("social/follow-stats/<uuid:user_id>", views.FollowStatsView.as_view(), name="follow-stats"),
    route("social/groups", views.GroupListView.as_view(), name="group-list"),
    route("social/groups/mine", views.GroupMineView.as_view(), name="group-mine"),
    route("social/groups/<uuid:group_id>", views.GroupDetailView.as_view(), name="group-detail"),
    route("social/groups/<uuid:group_id>/join", views.GroupJoinView.as_view(), name="group-join"),
    route("social/groups/<uuid:group_id>/leave", views.GroupLeaveView.as_view(), name="group-leave"),
    route("social/groups/<uuid:group_id>/members", views.GroupMembersView.as_view(), name="group-members"),
    route(
        "social/groups/<uuid:group_id>/invite/<uuid:user_id>", views.GroupInviteView.as_view(), name="group-invite"
    ),
    route("social/posts", views.PostCreateView.as_view(), name="post-create"),
    route("social/posts/feed", views.PostFeedView.as_view(), name="post-feed"),
    route("social/posts/mine", views.PostMineView.as_view(), name="post-mine"),
    route("social/posts/<uuid:post_id>", views.PostDetailView.as_view(), name="post-detail"),
    route("social/posts/<uuid:post_id>/react", views.PostReactView.as_view(), name="post-react"),
]
