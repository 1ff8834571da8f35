from careerhub.api.routing import route
from insights.skills import views

urlpatterns = [
    route("skills/popular", views.PopularSkillsView.as_view(), name="skill-popular"),
    route("skills/custom", views.CustomSkillView.as_view(), name="skill-custom"),
]
