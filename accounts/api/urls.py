from careerhub.api.routing import route

from .views import admin_users, allowlist, auth, users

# Mounted under /api/v1/auth/, /api/auth/ and /auth/ (careerhub/urls.py); /auth/me is the profiles app's.
auth_urlpatterns = [
    route("register", auth.RegisterView.as_view(), name="auth-register"),
    route("login", auth.LoginView.as_view(), name="auth-login"),
    route("refresh", auth.RefreshView.as_view(), name="auth-refresh"),
    route("logout", auth.LogoutView.as_view(), name="auth-logout"),
]

urlpatterns = [
    *[route(f"auth/{p.pattern}", p.callback, name=p.name) for p in auth_urlpatterns],
    route("users/me", users.UserMeView.as_view(), name="user-me"),
    route("admin/users", admin_users.AdminUserListView.as_view(), name="admin-user-list"),
    route("admin/users/<uuid:user_id>", admin_users.AdminUserDetailView.as_view(), name="admin-user-detail"),
    route("admin/allowlist", allowlist.AllowlistView.as_view(), name="admin-allowlist"),
    route("admin/allowlist/<str:email>", allowlist.AllowlistEntryView.as_view(), name="admin-allowlist-entry"),
]
