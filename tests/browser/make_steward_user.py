# Test data for the browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): a network partner who stewards the demo organisation with the
# most services, with a verified email address and a password. Prints one JSON line with what
# the test needs: the sign-in and the service to propose a change to.
import json
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count

from ecosystem.models import Organisation, Service
from portal.accounts.models import Stewardship
from portal.accounts.roles import NETWORK_PARTNERS

email = os.environ["KEKO_TEST_EMAIL"]
password = os.environ["KEKO_TEST_PASSWORD"]
User = get_user_model()
user = User(email=email, first_name="Sanna", last_name="Stuertti")
if any(field.name == "username" for field in User._meta.fields):
    user.username = email
user.set_password(password)
user.save()
user.groups.add(Group.objects.get(name=NETWORK_PARTNERS))
EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
organisation = (
    Organisation.objects.annotate(services=Count("service_roles")).order_by("-services").first()
)
Stewardship.objects.create(user=user, organisation=organisation)
services = Service.objects.filter(organisation_roles__organisation=organisation)
service = services.order_by("name_fi")[0]
print(json.dumps({"email": email, "password": password, "service": str(service.pk)}))
