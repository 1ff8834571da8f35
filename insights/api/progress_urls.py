from careerhub.api.routing import route
from insights.progress import views

urlpatterns = [
    route("progress/milestones", views.MilestoneListView.as_view(), name="milestone-list"),
    route("progress/milestones/mine", views.MilestoneMineView.as_view(), name="milestone-mine"),
    route("progress/community", views.CommunityView.as_view(), name="community-list"),
    route("progress/stats", views.StatsView.as_view(), name="stats-detail"),
]
