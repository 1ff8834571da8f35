"""Root URLs (DESIGN §2).

The API answers under /api/v1/ (canonical, the only prefix in the schema) and /api/;
the auth routes also under /auth/. Every route takes an optional trailing slash.
Every unknown path outside the Django admin answers 404 in the error shape, for every method.
"""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.api.urls import auth_urlpatterns as accounts_auth_urlpatterns
from careerhub.api import errors
from careerhub.api.health import ApiRootView, DatabaseHealthView, HealthView, ReadinessView, RootView
from careerhub.api.routing import route
from careerhub.api.scopes import PUBLIC
from profiles.api.urls import auth_urlpatterns as profiles_auth_urlpatterns

# The Django admin is careerhub's operator console: its pages say so.
admin.site.site_header = "careerhub administration"
admin.site.site_title = "careerhub admin"
admin.site.index_title = "Operate careerhub"

# /auth/me answers from the profile (profiles), the rest of /auth/* from accounts.
auth_urlpatterns = [*accounts_auth_urlpatterns, *profiles_auth_urlpatterns]

health_urlpatterns = [
    route("health", HealthView.as_view(), name="health", scope=PUBLIC),
    route("health/db", DatabaseHealthView.as_view(), name="health-db", scope=PUBLIC),
    route("health/ready", ReadinessView.as_view(), name="health-ready", scope=PUBLIC),
]
# One view function for every mount of the API root, so its one scope declaration covers them all.
api_root_view = ApiRootView.as_view()

api_urlpatterns = [
    route("", api_root_view, name="api-root", scope=PUBLIC),
    *health_urlpatterns,
    path("", include("accounts.api.urls")),
    path("", include("profiles.api.urls")),
    path("", include("tracker.api.urls")),
    path("", include("jobs.api.urls")),
    path("", include("social.api.urls")),
    path("", include("insights.api.urls")),
]

urlpatterns = [
    route("", RootView.as_view(), name="root", scope=PUBLIC),
    # The API root without its trailing slash (the includes below answer it with one).
    path("api/v1", api_root_view),
    path("api", api_root_view),
    path("admin", RedirectView.as_view(url="/admin/")),
    path("admin/", admin.site.urls),
    route("api/schema", SpectacularAPIView.as_view(), name="schema", scope=PUBLIC),
    route("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui", scope=PUBLIC),
    route("redoc", SpectacularRedocView.as_view(url_name="schema"), name="redoc", scope=PUBLIC),
    path("api/v1/", include((api_urlpatterns, "api"), namespace="v1")),
    path("api/", include((api_urlpatterns, "api"), namespace="api")),
    path("auth/", include((auth_urlpatterns, "auth"), namespace="auth")),
    *health_urlpatterns,
    re_path(r"^(?!admin/)", errors.not_found_view),
]

handler400 = errors.handler400
handler403 = errors.handler403
handler404 = errors.handler404
handler500 = errors.handler500
