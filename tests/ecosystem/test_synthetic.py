import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from ecosystem.demo.synthetic import generate
from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServiceOrganisation,
    ServicePath,
)

pytestmark = pytest.mark.django_db


def test_generator_builds_45_employment_areas_with_their_organisations():
    counts = generate(services=450, relations=900, seed=1)
    assert counts["services"] == Service.objects.count() == 450
    assert counts["relations"] == Relation.objects.count() == 900
    assert Municipality.objects.values("employment_area").distinct().count() == 45
    assert Organisation.objects.filter(organisation_type="employment_authority").count() == 45
    assert Organisation.objects.filter(organisation_type="wellbeing_county").count() == 23
    assert (
        Organisation.objects.filter(organisation_type="municipality").count()
        == Municipality.objects.count()
    )
    assert ServicePath.objects.count() == 90


def test_generated_records_are_valid_register_data():
    generate(services=200, relations=400, seed=2)
    # Every service has exactly one responsible organisation.
    assert (
        not Service.objects.annotate(
            responsible=Count(
                "organisation_roles", filter=Q(organisation_roles__role="responsible")
            )
        )
        .exclude(responsible=1)
        .exists()
    )
    assert ServiceOrganisation.objects.filter(role="producer", provision_type="procured").exists()
    for relation in Relation.objects.all()[:50]:
        relation.full_clean()
    service = Service.objects.first()
    service.full_clean()
    assert service.name_fi.startswith("Synteettinen")


def test_same_seed_gives_the_same_structure_on_top_of_existing_data(demo_register):
    first = generate(services=90, relations=100, seed=7)
    second = generate(services=90, relations=100, seed=7)
    assert first == second
    # Real municipality codes are left alone; synthetic ones take free codes.
    assert Municipality.objects.filter(code="858", name_fi="Tuusula").exists()
    assert Municipality.objects.values("code").distinct().count() == Municipality.objects.count()


def test_command_reports_what_it_added(capsys):
    call_command("generate_synthetic_ecosystem", "--services", "90", "--relations", "50")
    output = capsys.readouterr().out
    assert "90 services" in output
    assert "50 relations" in output
    assert "45 employment areas" in output


@pytest.mark.parametrize("args", [["--services", "0"], ["--services", "10"], ["--relations", "-1"]])
def test_command_refuses_impossible_sizes(args):
    with pytest.raises(CommandError):
        call_command("generate_synthetic_ecosystem", *args)
