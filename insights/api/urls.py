from careerhub.api.routing import route
from careerhub.api.scopes import PUBLIC

from .views import progress, skill_insights, skills

urlpatterns = [
    # seed 004: skills and skill insights
    route("skills/popular", skills.PopularSkillsView.as_view(), name="skill-popular", scope=PUBLIC),
    route("skills/custom", skills.CustomSkillView.as_view(), name="skill-custom", scope="profile:write"),
    route("insights/skills", skill_insights.SkillInsightsView.as_view(), name="skill-insights", scope="matches:read"),
    route("insights/skills/refresh", skill_insights.SkillInsightsRefreshView.as_view(), name="skill-insights-refresh", scope="matches:write"),
    # seed 003: progress and milestones
    route("progress/milestones", progress.MilestoneListView.as_view(), name="milestone-list", scope="tracker:read"),
    route("progress/milestones/mine", progress.MilestoneMineView.as_view(), name="milestone-mine", scope="tracker:read"),
    route("progress/community", progress.CommunityView.as_view(), name="community-list", scope="social:read"),
    route("progress/stats", progress.StatsView.as_view(), name="stats-detail", scope="tracker:read"),
]
