"""Create (or promote) the first admin from the environment, non-interactively.

    DJANGO_SUPERUSER_EMAIL=ops@example.com DJANGO_SUPERUSER_PASSWORD=... python manage.py ensure_admin

Safe to run on every deploy: an existing account is made staff and superuser, and its
password is only set when it has none. Without the variables it does nothing.
"""

import os

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from accounts.emails import email_canonical
from accounts.models import User
from accounts.selectors import user_get_by_email


class Command(BaseCommand):
    help = "Create or promote the admin named by DJANGO_SUPERUSER_EMAIL / DJANGO_SUPERUSER_PASSWORD."

    def handle(self, *args, **options):
        raw = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if not raw:
            self.stdout.write("ensure_admin: DJANGO_SUPERUSER_EMAIL not set, nothing to do.")
            return
        try:
            email = email_canonical(raw)
        except ValidationError as exc:
            raise CommandError(f"DJANGO_SUPERUSER_EMAIL: {' '.join(exc.messages)}") from None
        user = user_get_by_email(email)
        if user is None:
            if len(password) < 8:
                raise CommandError("DJANGO_SUPERUSER_PASSWORD must be set (at least 8 characters) to create the admin.")
            User.objects.create_superuser(email, password, username=os.environ.get("DJANGO_SUPERUSER_USERNAME") or None)
            self.stdout.write(self.style.SUCCESS(f"ensure_admin: created admin {email}."))
            return
        user.is_staff = user.is_superuser = user.is_active = True
        if not user.has_usable_password() and password:
            user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"ensure_admin: {email} is an admin."))
