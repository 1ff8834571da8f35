from django.urls import include, path

# Two areas of insights, built and owned separately: skills (popular, custom, skill insights)
# and progress (milestones, streaks, community, stats).
urlpatterns = [
    path("", include("insights.api.skills_urls")),
    path("", include("insights.api.progress_urls")),
]
