# Test data for the browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): a Project staff member with a verified email address, a password,
# a TOTP authenticator and recovery codes. Prints one JSON line with what the test needs to sign in.
import json
import os

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.roles import PROJECT_STAFF

email = os.environ["KEKO_TEST_EMAIL"]
password = os.environ["KEKO_TEST_PASSWORD"]
User = get_user_model()
user = User(email=email, first_name="Sanna", last_name="Testaaja")
if any(field.name == "username" for field in User._meta.fields):
    user.username = email
user.set_password(password)
user.save()
user.groups.add(Group.objects.get(name=PROJECT_STAFF))
EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
secret = generate_totp_secret()
TOTP.activate(user, secret)
RecoveryCodes.activate(user)
print(json.dumps({"email": email, "password": password, "totp_secret": secret}))
