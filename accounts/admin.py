"""Django admin for operators: users (activate, deactivate, grant/revoke admin) and the allowlist."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts import services
from accounts.emails import email_canonical
from accounts.models import AllowedEmail, PersonalAccessToken, User


def _canonical_unique_email(form: forms.ModelForm, model: type, message: str) -> str:
    """The form's email in canonical form (accounts/emails.py), refused when another row has it."""
    email = email_canonical(form.cleaned_data["email"])
    if model.objects.filter(email=email).exclude(pk=form.instance.pk).exists():
        raise ValidationError(message, code="unique")
    return email


class UserAddForm(AdminUserCreationForm):
    """The admin's "add user", with registration's rules: the email stored canonical (and so unique
    whatever its case or look-alike spelling), display_name defaulting to the username."""

    def clean_email(self):
        return _canonical_unique_email(self, User, "An account with this email already exists.")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("display_name") or "").strip() and cleaned.get("username"):
            cleaned["display_name"] = cleaned["username"]
        return cleaned


class UserEditForm(UserChangeForm):
    """The admin's user page: a changed email is stored canonical and unique like a registered one."""

    def clean_email(self):
        return _canonical_unique_email(self, User, "An account with this email already exists.")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-created_at"]
    list_display = ["email", "username", "display_name", "is_active", "is_staff", "profile_visibility", "streak_days", "last_login", "created_at"]
    list_filter = ["is_active", "is_staff", "is_superuser", "profile_visibility"]
    search_fields = ["email", "username", "display_name"]
    readonly_fields = ["id", "created_at", "updated_at", "last_login", "streak_days", "last_active_date"]
    fieldsets = (
        (None, {"fields": ("id", "email", "username", "password")}),
        ("Profile", {"fields": ("display_name", "bio", "profile_visibility", "timezone", "streak_days", "last_active_date")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "created_at", "updated_at")}),
    )
    form = UserEditForm
    add_form = UserAddForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "username", "display_name", "password1", "password2")}),
    )
    actions = ["activate_users", "deactivate_users", "grant_admin", "revoke_admin"]

    def _apply(self, request, queryset, label: str, **change: bool):
        changed = 0
        for user in queryset:
            if user.pk == request.user.pk:
                self.message_user(request, "Your own account was left unchanged.", messages.WARNING)
                continue
            services.user_admin_update(actor=request.user, user=user, data=change)
            changed += 1
        self.message_user(request, f"{changed} user(s) {label}.", messages.SUCCESS)

    @admin.action(description="Activate selected users")
    def activate_users(self, request, queryset):
        self._apply(request, queryset, "activated", is_active=True)

    @admin.action(description="Deactivate selected users (their tokens stop working)")
    def deactivate_users(self, request, queryset):
        self._apply(request, queryset, "deactivated", is_active=False)

    @admin.action(description="Grant admin")
    def grant_admin(self, request, queryset):
        self._apply(request, queryset, "made admin", is_admin=True)

    @admin.action(description="Revoke admin")
    def revoke_admin(self, request, queryset):
        self._apply(request, queryset, "no longer admin", is_admin=False)


class BulkAllowlistForm(forms.Form):
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "cols": 60}),
        help_text="One address per line (commas and spaces also separate).",
    )

    def clean_emails(self):
        raw = self.cleaned_data["emails"].replace(",", " ").split()
        canonical, invalid = [], []
        for email in raw:
            try:
                canonical.append(email_canonical(email))
            except ValidationError:
                invalid.append(ascii(email) if not email.isprintable() or not email.isascii() else email)
        if invalid:
            raise ValidationError(f"Not valid email addresses: {', '.join(invalid[:20])}")
        return canonical


class AllowedEmailForm(forms.ModelForm):
    class Meta:
        model = AllowedEmail
        fields = ["email"]

    def clean_email(self):
        return _canonical_unique_email(self, AllowedEmail, "This email is already on the allowlist.")


@admin.register(AllowedEmail)
class AllowedEmailAdmin(admin.ModelAdmin):
    form = AllowedEmailForm
    list_display = ["email", "added_by", "created_at"]
    search_fields = ["email"]
    readonly_fields = ["added_by", "created_at"]
    change_list_template = "admin/accounts/allowedemail/change_list.html"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("bulk-add/", self.admin_site.admin_view(self.bulk_add_view), name="accounts_allowedemail_bulk_add"),
            *super().get_urls(),
        ]

    def bulk_add_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = BulkAllowlistForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            added, existing = services.allowed_emails_add_many(emails=form.cleaned_data["emails"], added_by=request.user)
            message = f"Added {len(added)} address(es)."
            if existing:
                message += f" Already on the allowlist: {len(existing)}."
            self.message_user(request, message, messages.SUCCESS)
            return redirect(reverse("admin:accounts_allowedemail_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add many allowed emails",
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/accounts/allowedemail/bulk_add.html", context)


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    """Operators see tokens by their prefix and can revoke them; the secret is stored nowhere to show,
    and tokens are made only by their user (`POST /api/v1/auth/tokens`)."""

    list_display = ["prefix", "name", "user", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__email"]
    ordering = ["-created_at"]
    fields = ["prefix", "name", "user", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke_tokens"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke_tokens(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            services.personal_access_token_revoke(token=token)
        self.message_user(request, f"Revoked {len(tokens)} token(s).", messages.SUCCESS)
