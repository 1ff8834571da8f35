from careerhub.api.routing import route

from . import views

# Mounted under /api/v1/auth/, /api/auth/ and /auth/ (careerhub/urls.py); /auth/me is the profiles app's.
auth_urlpatterns = [
    route("register", views.RegisterView.as_view(), name="auth-register"),
    route("login", views.LoginView.as_view(), name="auth-login"),
    route("refresh", views.RefreshView.as_view(), name="auth-refresh"),
    route("logout", views.LogoutView.as_view(), name="auth-logout"),
]

urlpatterns = [
    *[route(f"auth/{p.pattern}", p.callback, name=p.name) for p in auth_urlpatterns],
    route("users/me", views.UserMeView.as_view(), name="user-me"),
    route("admin/users", views.AdminUserListView.as_view(), name="admin-user-list"),
    route("admin/users/<uuid:user_id>", views.AdminUserDetailView.as_view(), name="admin-user-detail"),
    route("admin/allowlist", views.AllowlistView.as_view(), name="admin-allowlist"),
    route("admin/allowlist/<str:email>", views.AllowlistEntryView.as_view(), name="admin-allowlist-entry"),
]
