# Test data for the map's browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): an organisation and two services whose names and descriptions
# are HTML/script payloads, related to a demo service, plus one partner-only service.
# Prints one JSON line with their node ids.
import json
import os

from ecosystem.models import Municipality, Organisation, Relation, Service, ServiceOrganisation

payload = os.environ["KEKO_TEST_PAYLOAD"]
marker = os.environ["KEKO_TEST_MARKER"]
places = list(Municipality.objects.all())
organisation = Organisation.objects.create(
    name_fi=payload,
    short_name=payload[:60],
    description_fi=payload,
    organisation_type="ngo",
    website="https://example.org/",
)
organisation.municipalities.set(places)
organisation.save()
services = []
for name in [payload, f"{marker} {payload}"]:
    service = Service.objects.create(
        name_fi=name,
        description_fi=payload,
        eligibility_description=payload,
        service_class="coaching",
    )
    ServiceOrganisation.objects.create(service=service, organisation=organisation)
    service.municipalities.set(places)
    service.save()
    services.append(service)
anchor = Service.objects.filter(name_fi="Palveluohjaus ja palveluihin liittyvä harkinta").first()
anchor = anchor or Service.objects.exclude(pk__in=[s.pk for s in services]).first()
Relation.objects.create(
    relation_type="referral", source_service=anchor, target_service=services[0], evidence=payload
)
Relation.objects.create(
    relation_type="referral", source_service=services[0], target_service=services[1]
)
hidden = Service.objects.create(
    name_fi=f"{marker} kumppanipalvelu", service_class="coaching", visibility="partners"
)
ServiceOrganisation.objects.create(service=hidden, organisation=organisation)
print(
    json.dumps(
        {
            "organisation": f"org:{organisation.pk}",
            "services": [f"svc:{service.pk}" for service in services],
            "hidden": f"svc:{hidden.pk}",
        }
    )
)
