"""Make sure an administrator exists, from KEKO_ADMIN_EMAIL / KEKO_ADMIN_PASSWORD or generated."""

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.accounts.roles import PROJECT_STAFF
from portal.config import env

DEFAULT_ADMIN_EMAIL = "admin@keko.localhost"


class Command(BaseCommand):
    help = "Create the administrator if none exists (asks no questions)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        email = (env.str("KEKO_ADMIN_EMAIL", default="") or "").strip().lower()
        password = env.str("KEKO_ADMIN_PASSWORD", default="") or ""
        if email:
            user = User.objects.filter(email__iexact=email).first()
            if user is not None:
                return
        elif User.objects.filter(is_superuser=True).exists():
            return
        else:
            email = DEFAULT_ADMIN_EMAIL
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user = User(username=email[:150], email=email, is_staff=True, is_superuser=True)
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=PROJECT_STAFF))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(f"Administrator created: {email}")
        if generated:
            self.stdout.write(
                f"Its password, shown only this once: {password}\n"
                "Sign in at /accounts/login/; the admin asks you to set up an authenticator app "
                "first."
            )
