from careerhub.api.routing import route
from careerhub.api.scopes import NO_TOKEN, PUBLIC

from .views import admin_users, allowlist, auth, tokens, users

# Mounted under /api/v1/auth/, /api/auth/ and /auth/ (careerhub/urls.py); /auth/me is the profiles app's.
auth_urlpatterns = [
    route("register", auth.RegisterView.as_view(), name="auth-register", scope=PUBLIC),
    route("login", auth.LoginView.as_view(), name="auth-login", scope=PUBLIC),
    route("refresh", auth.RefreshView.as_view(), name="auth-refresh", scope=PUBLIC),
    route("logout", auth.LogoutView.as_view(), name="auth-logout", scope=NO_TOKEN),
    # Personal access tokens are managed only from a signed-in session, never with a token.
    route("tokens", tokens.PersonalAccessTokenListView.as_view(), name="auth-token-list", scope=NO_TOKEN),
    route("tokens/<uuid:token_id>", tokens.PersonalAccessTokenDetailView.as_view(), name="auth-token-detail", scope=NO_TOKEN),
]

urlpatterns = [
    *[route(f"auth/{p.pattern}", p.callback, name=p.name) for p in auth_urlpatterns],
    route("users/me", users.UserMeView.as_view(), name="user-me", scope="profile"),
    route("admin/users", admin_users.AdminUserListView.as_view(), name="admin-user-list", scope=NO_TOKEN),
    route("admin/users/<uuid:user_id>", admin_users.AdminUserDetailView.as_view(), name="admin-user-detail", scope=NO_TOKEN),
    route("admin/allowlist", allowlist.AllowlistView.as_view(), name="admin-allowlist", scope=NO_TOKEN),
    route("admin/allowlist/<str:email>", allowlist.AllowlistEntryView.as_view(), name="admin-allowlist-entry", scope=NO_TOKEN),
]
