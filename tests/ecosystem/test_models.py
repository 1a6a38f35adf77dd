import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from ecosystem.models import Relation, Service, ServiceChannel
from ecosystem.models.validators import (
    business_id_check_digit,
    validate_business_id,
    validate_municipality_code,
)
from portal.kernel.localization import localized
from tests.ecosystem.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RelationFactory,
    ServiceFactory,
    ServiceOrganisationFactory,
)


def messages(error: ValidationError, field: str) -> list[str]:
    return [str(message) for message in error.message_dict[field]]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- business ID (Y-tunnus) ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0246246-0", "0220266-9", "1572860-0"])
def test_valid_business_ids_pass(value):
    validate_business_id(value)


def test_business_id_with_a_wrong_check_digit_is_refused_with_its_reason():
    with pytest.raises(ValidationError) as caught:
        validate_business_id("0246246-1")
    assert caught.value.code == "business_id_check_digit"
    assert "check digit" in caught.value.messages[0]
    assert "0246246-1" in caught.value.messages[0]


@pytest.mark.parametrize("value", ["246246-0", "02462460", "0246246-", "ABCDEFG-1", " 0246246-0"])
def test_malformed_business_ids_are_refused_with_the_expected_format(value):
    with pytest.raises(ValidationError) as caught:
        validate_business_id(value)
    assert caught.value.code == "business_id_format"
    assert "seven digits" in caught.value.messages[0]


def test_a_body_whose_remainder_is_one_has_no_valid_check_digit():
    # 0000010: 1 * 4 = 4 -> no; find one by the rule and make sure every digit is refused.
    body = next(
        f"{n:07d}"
        for n in range(1000)
        if sum(int(d) * w for d, w in zip(f"{n:07d}", (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        == 1
    )
    assert business_id_check_digit(body) is None
    for digit in range(10):
        with pytest.raises(ValidationError):
            validate_business_id(f"{body}-{digit}")


@pytest.mark.django_db
def test_organisation_form_validation_reports_the_business_id_field():
    organisation = OrganisationFactory.build(business_id="0246246-1")
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "business_id" in caught.value.message_dict


# --- municipalities --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["85", "8588", "ab1", ""])
def test_municipality_codes_are_three_digits(value):
    with pytest.raises(ValidationError) as caught:
        validate_municipality_code(value)
    assert "three digits" in caught.value.messages[0]


def test_official_code_passes():
    validate_municipality_code("858")


# --- services ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_minimum_age_above_maximum_age_is_explained_on_the_maximum_age_field():
    service = ServiceFactory.build(minimum_age=30, maximum_age=18)
    with pytest.raises(ValidationError) as caught:
        service.full_clean()
    assert messages(caught.value, "maximum_age") == [
        "The maximum age must not be less than the minimum age."
    ]


@pytest.mark.django_db
def test_database_refuses_an_inverted_age_range_even_without_form_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(minimum_age=30, maximum_age=18)


@pytest.mark.django_db
def test_open_ended_age_ranges_are_valid():
    ServiceFactory.build(minimum_age=18).full_clean()
    ServiceFactory.build(maximum_age=29).full_clean()


@pytest.mark.django_db
def test_an_organisation_cannot_hold_the_same_role_twice_in_one_service():
    role = ServiceOrganisationFactory()
    ServiceOrganisationFactory(
        service=role.service, organisation=role.organisation, role="producer"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceOrganisationFactory(
            service=role.service, organisation=role.organisation, role="responsible"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channel", "field", "message"),
    [
        ({"channel_type": "service_point"}, "street_address", "needs a street address"),
        ({"channel_type": "phone"}, "phone", "needs a phone number"),
        ({"channel_type": "e_service"}, "url", "needs a web address"),
        ({"channel_type": "web_page"}, "url", "needs a web address"),
        (
            {"channel_type": "web_page", "url": "https://example.fi/", "postal_code": "4300"},
            "postal_code",
            "five digits",
        ),
    ],
)
def test_channels_need_the_contact_detail_their_type_uses(channel, field, message):
    service = ServiceFactory()
    with pytest.raises(ValidationError) as caught:
        ServiceChannel(service=service, **channel).full_clean()
    assert any(message in text for text in messages(caught.value, field))


@pytest.mark.django_db
def test_complete_channel_is_valid():
    service = ServiceFactory()
    ServiceChannel(
        service=service,
        channel_type="service_point",
        street_address="Hämeenkatu 1",
        postal_code="05800",
        post_office="Hyvinkää",
    ).full_clean()


# --- relations ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_relation_needs_exactly_one_source():
    target = ServiceFactory()
    neither = Relation(relation_type="referral", target_service=target)
    with pytest.raises(ValidationError) as caught:
        neither.full_clean()
    assert messages(caught.value, "source_organisation") == [
        "Choose either a source organisation or a source service (exactly one)."
    ]
    both = Relation(
        relation_type="referral",
        source_organisation=OrganisationFactory(),
        source_service=ServiceFactory(),
        target_service=target,
    )
    with pytest.raises(ValidationError) as caught:
        both.full_clean()
    assert "source_organisation" in caught.value.message_dict


@pytest.mark.django_db
def test_relation_needs_exactly_one_target():
    relation = Relation(relation_type="referral", source_service=ServiceFactory())
    with pytest.raises(ValidationError) as caught:
        relation.full_clean()
    assert messages(caught.value, "target_organisation") == [
        "Choose either a target organisation or a target service (exactly one)."
    ]


@pytest.mark.django_db
def test_database_refuses_a_relation_with_two_sources():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationFactory(source_organisation=OrganisationFactory())


@pytest.mark.django_db
def test_relation_between_a_record_and_itself_is_refused():
    service = ServiceFactory()
    relation = Relation(relation_type="referral", source_service=service, target_service=service)
    with pytest.raises(ValidationError) as caught:
        relation.full_clean()
    assert messages(caught.value, "target_service") == ["A relation needs two different ends."]


@pytest.mark.django_db
def test_relation_validity_must_not_end_before_it_starts():
    relation = RelationFactory.build(
        source_service=ServiceFactory(),
        target_service=ServiceFactory(),
        valid_from=dt.date(2027, 1, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as caught:
        relation.full_clean()
    assert messages(caught.value, "valid_to") == ["The end date must not be before the start date."]


@pytest.mark.django_db
def test_one_pair_may_have_several_relations_and_mixed_ends_are_fine():
    organisation, service = OrganisationFactory(), ServiceFactory()
    for relation_type in ("referral", "funding"):
        relation = Relation(
            relation_type=relation_type,
            source_organisation=organisation,
            target_service=service,
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2026, 1, 1),
        )
        relation.full_clean()
        relation.save()
    assert Relation.objects.filter(source_organisation=organisation).count() == 2
    assert relation.source == organisation
    assert relation.target == service
    assert "→" in str(relation)


# --- organisations and languages --------------------------------------------------------------


@pytest.mark.django_db
def test_organisation_cannot_become_its_own_ancestor():
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as caught:
        parent.full_clean()
    assert messages(caught.value, "parent") == [
        "This parent would make the organisation its own ancestor."
    ]


@pytest.mark.django_db
def test_names_follow_the_active_language_with_finnish_as_fallback():
    service = ServiceFactory(name_fi="Palkkatuki", name_sv="Lönesubvention", name_en="")
    with translation.override("sv"):
        assert service.localized_name == "Lönesubvention"
        assert str(service) == "Lönesubvention"
    with translation.override("en"):
        assert service.localized_name == "Palkkatuki"
    with translation.override("de"):
        assert service.localized_name == "Palkkatuki"
    assert localized({"name_fi": "a", "name_sv": "b"}, "name", "sv") == "b"


@pytest.mark.django_db
def test_every_record_gets_a_stable_uuid():
    municipality = MunicipalityFactory()
    first_id = municipality.pk
    municipality.name_sv = "Tusby"
    municipality.save()
    municipality.refresh_from_db()
    assert municipality.pk == first_id
    assert len(str(first_id)) == 36
    assert Service.objects.model._meta.pk.name == "id"
