from careerhub.api.routing import route
from insights.skill_insights import views as insight_views
from insights.skills import views

urlpatterns = [
    route("skills/popular", views.PopularSkillsView.as_view(), name="skill-popular"),
    route("skills/custom", views.CustomSkillView.as_view(), name="skill-custom"),
    route("insights/skills", insight_views.SkillInsightsView.as_view(), name="skill-insights"),
    route("insights/skills/refresh", insight_views.SkillInsightsRefreshView.as_view(), name="skill-insights-refresh"),
]
