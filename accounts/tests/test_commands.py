import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_the_first_admin_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Ops@Example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-password")
    call_command("ensure_admin")
    call_command("ensure_admin")  # idempotent
    admin = User.objects.get()
    assert admin.email == "ops@example.com" and admin.username == "ops"
    assert admin.is_staff and admin.is_superuser and admin.check_password("a-long-password")


def test_ensure_admin_promotes_an_existing_account(monkeypatch, user):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", user.email)
    call_command("ensure_admin")
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser


def test_ensure_admin_needs_a_password_to_create(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "ops@example.com")
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("ensure_admin")


def test_ensure_admin_without_variables_does_nothing(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)
    call_command("ensure_admin")
    assert not User.objects.exists()


def test_createsuperuser_noinput_works_with_only_email_and_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "root@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-password")
    call_command("createsuperuser", interactive=False, verbosity=0)
    assert User.objects.get().is_superuser
