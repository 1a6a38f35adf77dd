"""Small factories for ecosystem records (factory_boy)."""

import factory

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceOrganisation,
    TargetGroup,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    code = factory.Sequence(lambda n: f"group_{n}")
    name_fi = factory.Sequence(lambda n: f"Ryhmä {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    organisation_type = "ngo"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name_fi = factory.Sequence(lambda n: f"Palvelu {n}")
    service_class = "coaching"


class ServiceOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOrganisation

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "responsible"


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    relation_type = "referral"
    source_service = factory.SubFactory(ServiceFactory)
    target_service = factory.SubFactory(ServiceFactory)
