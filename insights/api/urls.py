from careerhub.api.routing import route

from .views import progress, skill_insights, skills

urlpatterns = [
    # seed 004: skills and skill insights
    route("skills/popular", skills.PopularSkillsView.as_view(), name="skill-popular"),
    route("skills/custom", skills.CustomSkillView.as_view(), name="skill-custom"),
    route("insights/skills", skill_insights.SkillInsightsView.as_view(), name="skill-insights"),
    route("insights/skills/refresh", skill_insights.SkillInsightsRefreshView.as_view(), name="skill-insights-refresh"),
    # seed 003: progress and milestones
    route("progress/milestones", progress.MilestoneListView.as_view(), name="milestone-list"),
    route("progress/milestones/mine", progress.MilestoneMineView.as_view(), name="milestone-mine"),
    route("progress/community", progress.CommunityView.as_view(), name="community-list"),
    route("progress/stats", progress.StatsView.as_view(), name="stats-detail"),
]
