"""Fixtures of the stewardship tests: two organisations with a service each, their stewards,
and accounts of every other role (tests/conftest.py's make_account)."""

import pytest

from ecosystem.models import Municipality, ServiceChannel, TargetGroup
from portal.accounts.models import Stewardship
from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP
from tests.ecosystem.factories import (
    OrganisationFactory,
    ServiceFactory,
    ServiceOrganisationFactory,
)


@pytest.fixture
def register(db):
    """Our organisation (one public and one partner-only service) and another organisation."""
    ours = OrganisationFactory(name_fi="Oma järjestö")
    theirs = OrganisationFactory(name_fi="Toinen järjestö")
    service = ServiceFactory(name_fi="Työvalmennus", description_fi="Valmennusta töihin.")
    hidden = ServiceFactory(name_fi="Kumppanien palvelu", visibility="partners")
    other = ServiceFactory(name_fi="Toisen palvelu")
    ServiceOrganisationFactory(service=service, organisation=ours)
    ServiceOrganisationFactory(service=hidden, organisation=ours)
    ServiceOrganisationFactory(service=other, organisation=theirs)
    ServiceChannel.objects.create(service=service, channel_type="phone", phone="09 123 456")
    tuusula = Municipality.objects.create(code="858", name_fi="Tuusula")
    youth = TargetGroup.objects.create(code="youth", name_fi="Nuoret")
    return {
        "ours": ours,
        "theirs": theirs,
        "service": service,
        "hidden": hidden,
        "other": other,
        "tuusula": tuusula,
        "youth": youth,
    }


def make_steward(make_account, email, organisation):
    user = make_account(email, groups=[NETWORK_PARTNERS])
    Stewardship.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def steward(make_account, register):
    return make_steward(make_account, "steward@example.org", register["ours"])


@pytest.fixture
def roles(make_account, register, steward):
    """Every role that must not propose for our organisation, by name (None: anonymous)."""
    return {
        "anonymous": None,
        "no role": make_account("norole@example.org"),
        "partner, not steward": make_account("partner2@example.org", groups=[NETWORK_PARTNERS]),
        "steward of another": make_steward(
            make_account, "other-steward@example.org", register["theirs"]
        ),
        "steering": make_account("steer@example.org", groups=[STEERING_GROUP]),
        "staff": make_account("staff2@example.org", groups=[PROJECT_STAFF]),
    }


def service_post_data(service, **overrides):
    """The proposal form as the browser sends it for an unchanged service (one phone channel)."""
    data = {
        "name_fi": service.name_fi,
        "name_sv": service.name_sv,
        "name_en": service.name_en,
        "description_fi": service.description_fi,
        "description_sv": service.description_sv,
        "description_en": service.description_en,
        "service_class": service.service_class,
        "state": "active",
        "ends_on": "",
        "minimum_age": "",
        "maximum_age": "",
        "note": "",
        "channels-TOTAL_FORMS": "0",
        "channels-INITIAL_FORMS": "0",
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "20",
    }
    channels = list(service.channels.all())
    data["channels-TOTAL_FORMS"] = str(len(channels))
    data["channels-INITIAL_FORMS"] = str(len(channels))
    for index, channel in enumerate(channels):
        for key in ("channel_type", "name", "street_address", "postal_code", "post_office"):
            data[f"channels-{index}-{key}"] = getattr(channel, key)
        for key in ("phone", "email", "url", "opening_hours"):
            data[f"channels-{index}-{key}"] = getattr(channel, key)
        data[f"channels-{index}-municipality"] = channel.municipality_id or ""
    data.update(overrides)
    return data
