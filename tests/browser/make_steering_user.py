# Test data for the browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): a steering group member with a verified email address and a
# password. Prints one JSON line with what the test needs to sign in.
import json
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.roles import STEERING_GROUP

email = os.environ["KEKO_TEST_EMAIL"]
password = os.environ["KEKO_TEST_PASSWORD"]
User = get_user_model()
user = User(email=email, first_name="Olli", last_name="Ohjaaja")
if any(field.name == "username" for field in User._meta.fields):
    user.username = email
user.set_password(password)
user.save()
user.groups.add(Group.objects.get(name=STEERING_GROUP))
EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
print(json.dumps({"email": email, "password": password}))
