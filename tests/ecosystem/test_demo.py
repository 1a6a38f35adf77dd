import json
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecosystem.demo import loader as demo
from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServicePath,
    TargetGroup,
)

pytestmark = pytest.mark.django_db

CENTRAL_UUSIMAA = {
    "106": "Hyvinkää",
    "186": "Järvenpää",
    "505": "Mäntsälä",
    "543": "Nurmijärvi",
    "611": "Pornainen",
    "858": "Tuusula",
}


def service(name_fi: str) -> Service:
    return Service.objects.get(name_fi=name_fi)


def organisations_of(service: Service, role: str) -> set[str]:
    return {
        r.organisation.short_name or r.organisation.name_fi
        for r in service.organisation_roles.filter(role=role)
    }


def test_demo_fixture_lives_inside_the_project():
    assert demo.DEMO_FIXTURE.is_relative_to(settings.BASE_DIR)
    assert "shared" not in demo.DEMO_FIXTURE.parts


def test_demo_holds_the_six_municipalities_and_six_target_groups(demo_register):
    assert dict(Municipality.objects.values_list("code", "name_fi")) == CENTRAL_UUSIMAA
    assert set(TargetGroup.objects.values_list("code", flat=True)) == {
        "young_people",
        "immigrants",
        "long_term_unemployed",
        "partial_work_ability",
        "neurodivergent",
        "no_secondary_qualification",
    }
    assert Municipality.objects.get(code="858").name_sv == "Tusby"


def test_demo_names_the_actors_of_the_briefing(demo_register):
    short_names = set(Organisation.objects.values_list("short_name", flat=True))
    for actor in ("TE-palvelut", "Keusote", "TTL", "Kela", "Keuda", "Hyria", "Keuke", "KEHA"):
        assert actor in short_names
    assert Organisation.objects.get(short_name="TTL").organisation_type == "research_institute"
    assert set(
        Organisation.objects.filter(is_consortium_member=True).values_list("short_name", flat=True)
    ) == {"TE-palvelut", "Keusote", "TTL"}
    assert Organisation.objects.filter(organisation_type="municipality").count() == 6
    assert Organisation.objects.filter(organisation_type="ngo").exists()
    assert Organisation.objects.get(short_name="Kela").business_id == "0246246-0"


def test_demo_services_cover_the_statutory_processes_and_partners(demo_register):
    for name in (
        "Työnhakija-asiakkaan palveluprosessi",
        "Työllistymissuunnitelma",
        "Työttömyysturvaan liittyvät lausunnot",
        "Asiantuntija-arvioinnit (työkyky)",
        "Työnhakuvalmennukset",
        "Maksatustehtävät",
        "Palkkatuki",
        "Työkokeilu",
        "Työttömien terveystarkastukset",
        "Päihdepalvelut",
        "Lastensuojelun jälkihuolto",
        "Oikeusapu",
    ):
        assert service(name).obligation == "statutory", name
    tym = service("TYM – työllistymistä edistävä monialainen yhteispalvelu")
    assert organisations_of(tym, "responsible") == {"TE-palvelut", "Keusote", "Kela"}
    assert "Hyria" in organisations_of(
        service("Kerkkä – matalan kynnyksen asiakaspalvelukoulutus (pilotti)"), "responsible"
    )
    rehabilitative = service("Kuntouttava työtoiminta")
    assert "1.1.2027" in rehabilitative.description_fi
    assert service("Ohjaamo").maximum_age == 29
    assert service("Maksatustehtävät").visibility == "partners"
    coaching = service("Työnhakuvalmennukset").organisation_roles.get(role="producer")
    assert coaching.provision_type == "procured"


def test_each_municipality_has_its_own_services(demo_register):
    for code in CENTRAL_UUSIMAA:
        own = Service.objects.filter(
            organisation_roles__organisation__organisation_type="municipality",
            organisation_roles__organisation__municipalities__code=code,
            organisation_roles__role="responsible",
        )
        classes = set(own.values_list("service_class", flat=True))
        assert {"coaching", "business", "youth", "leisure"} <= classes, code


def test_demo_relations_use_every_type_and_direction(demo_register):
    assert set(Relation.objects.values_list("relation_type", flat=True)) == {
        "referral",
        "joint_service",
        "cooperation_agreement",
        "funding",
        "information_sharing",
    }
    assert set(Relation.objects.values_list("direction", flat=True)) == {"directed", "mutual"}
    # One pair with several relations: TE Koto and Keusote's immigrant services.
    koto = service("TE Koto – kotoutumisen palvelut työnhakijoille")
    assert (
        Relation.objects.filter(
            target_service=koto, source_service__name_fi="Maahanmuuttajapalvelut"
        ).count()
        == 2
    )


def test_demo_has_the_three_required_service_paths_with_branches(demo_register):
    paths = {path.target_group.code: path for path in ServicePath.objects.all()}
    assert {"no_secondary_qualification", "immigrants", "partial_work_ability"} <= set(paths)
    tuusula = paths["partial_work_ability"]
    assert list(tuusula.municipalities.values_list("code", flat=True)) == ["858"]
    positions = list(tuusula.steps.values_list("position", flat=True))
    assert positions == sorted(positions)
    assert len(positions) > len(set(positions)), "a step branches to alternatives"
    assert tuusula.steps.first().handoff_note


def test_loading_twice_changes_nothing(demo_register):
    before = {
        model: dict(model.objects.values_list("pk", "updated_at"))
        for model in (Organisation, Service, Relation, ServicePath)
    }
    with CaptureQueriesContext(connection) as queries:
        summary = demo.load()
    assert summary == ""
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    for model, stamps in before.items():
        assert dict(model.objects.values_list("pk", "updated_at")) == stamps


def test_the_demo_loads_through_the_bulk_import_path(django_assert_max_num_queries):
    """One bulk write per table (about 45 queries), not one save per record (about 3,800)."""
    with django_assert_max_num_queries(60):
        summary = demo.load()
    assert summary == "Ecosystem demo: 267 records created, 0 updated."
    assert Service.objects.count() == len(demo.demo_document()["services"])
    with django_assert_max_num_queries(20):
        assert demo.load() == ""


def test_loading_restores_an_edited_demo_record_without_duplicates(demo_register):
    counts = {model: model.objects.count() for model in (Organisation, Service, Relation)}
    tym = service("Palkkatuki")
    tym.name_fi = "Muokattu"
    tym.save()
    tym.organisation_roles.all().delete()
    assert "1 updated" in demo.load()
    restored = Service.objects.get(pk=tym.pk)
    assert restored.name_fi == "Palkkatuki"
    assert organisations_of(restored, "responsible") == {"TE-palvelut"}
    assert {model: model.objects.count() for model in counts} == counts


def test_fixture_ids_are_unique_uuids_and_every_service_has_a_responsible_organisation():
    document = json.loads(demo.DEMO_FIXTURE.read_text("utf-8"))
    ids = []
    for key in ("municipalities", "target_groups", "organisations", "relations"):
        ids += [row["id"] for row in document[key]]
    for row in document["services"]:
        ids += [row["id"]] + [r["id"] for r in row["organisations"]]
        ids += [c["id"] for c in row["channels"]]
        assert any(r["role"] == "responsible" for r in row["organisations"]), row["name_fi"]
    for row in document["service_paths"]:
        ids += [row["id"]] + [s["id"] for s in row["steps"]]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(value) for value in ids)
