"""Upsert by UUID, --replace, all or nothing, --dry-run."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from ecosystem.exchange.document import document_json, export_document
from ecosystem.models import Organisation, Relation, Service, ServiceChannel, ServicePathStep
from tests.ecosystem.exchange.conftest import export, register_counts
from tests.ecosystem.exchange.helpers import import_ok, import_refused

pytestmark = pytest.mark.django_db

NEW_ORGANISATION = {
    "id": "0c4b6e55-59a4-4a53-9f55-3a1b2b6f0d11",
    "name_fi": "Uusi säätiö",
    "organisation_type": "ngo",
}


def _write(path, document):
    path.write_text(document_json(document), encoding="utf-8")
    return path


def _service(document, name):
    return next(s for s in document["services"] if s["name_fi"] == name)


def test_known_records_are_updated_new_ones_created_nothing_deleted(full_register, tmp_path):
    document = export_document()
    _service(document, "Ohjaamo")["name_sv"] = "Navigatorn"
    document["organisations"] = [NEW_ORGANISATION]  # the others are simply not in the file
    document["relations"] = []
    counts = register_counts()

    output = import_ok(_write(tmp_path / "changed.json", document))

    assert Service.objects.get(pk=full_register["guidance"].pk).name_sv == "Navigatorn"
    assert Organisation.objects.filter(pk=NEW_ORGANISATION["id"]).exists()
    assert register_counts() == {**counts, "Organisation": counts["Organisation"] + 1}
    assert "Services: 0 created, 1 updated, 2 unchanged, 0 deleted" in output
    assert "Organisations: 1 created, 0 updated, 0 unchanged, 0 deleted" in output


def test_replace_deletes_records_missing_from_the_file(full_register, tmp_path):
    document = export_document()
    document["relations"] = [
        r for r in document["relations"] if r["id"] != str(full_register["referral"].pk)
    ]
    for key in ("municipalities", "target_groups", "organisations", "services", "service_paths"):
        del document[key]  # kinds left out of the file are never deleted

    output = import_ok(_write(tmp_path / "fewer.json", document), "--replace")

    assert not Relation.objects.filter(pk=full_register["referral"].pk).exists()
    assert Relation.objects.count() == 2
    assert Service.objects.count() == 3 and Organisation.objects.count() == 3
    assert "Relations: 0 created, 0 updated, 2 unchanged, 1 deleted" in output


def test_children_in_the_file_replace_the_stored_ones(full_register, tmp_path):
    document = export_document()
    service = _service(document, "Työkyvyn arviointi")
    service["channels"] = service["channels"][1:]
    service["channels"][0]["name"] = "Puhelinneuvonta"
    path = document["service_paths"][0]
    path["steps"] = [path["steps"][0], path["steps"][2]]

    import_ok(_write(tmp_path / "children.json", document))

    channels = ServiceChannel.objects.filter(service=full_register["service"])
    assert sorted(c.name for c in channels) == ["", "Puhelinneuvonta"]
    assert ServicePathStep.objects.filter(path=full_register["path"]).count() == 2
    assert export_document() == document


def test_importing_the_same_file_twice_changes_nothing(full_register, tmp_path):
    path = export("json", tmp_path / "register.json")

    output = import_ok(path)

    assert " 0 created, 0 updated" in output
    assert "Services: 0 created, 0 updated, 3 unchanged, 0 deleted" in output


def test_dry_run_reports_counts_and_writes_nothing(full_register, tmp_path):
    document = export_document()
    document["organisations"].append(NEW_ORGANISATION)
    _service(document, "Ohjaamo")["minimum_age"] = 16
    document["relations"] = []
    before = document_json(export_document())

    output = import_ok(_write(tmp_path / "changed.json", document), "--dry-run", "--replace")

    assert "Organisations: 1 created, 0 updated, 3 unchanged, 0 deleted" in output
    assert "Services: 0 created, 1 updated, 2 unchanged, 0 deleted" in output
    assert "Relations: 0 created, 0 updated, 0 unchanged, 3 deleted" in output
    assert "Dry run: nothing was saved." in output
    assert document_json(export_document()) == before


def test_one_bad_row_refuses_the_whole_file(full_register, tmp_path):
    document = export_document()
    document["organisations"].append(NEW_ORGANISATION)
    _service(document, "Ohjaamo")["name_sv"] = "Navigatorn"
    _service(document, "Työhönvalmennus")["minimum_age"] = "kahdeksantoista"
    before = document_json(export_document())

    message = import_refused(_write(tmp_path / "bad.json", document))

    index = next(i for i, s in enumerate(document["services"]) if s["name_fi"] == "Työhönvalmennus")
    assert f"file “bad.json”, record services[{index}]" in message
    assert "field “minimum_age”: Expected a whole number, found str." in message
    assert "Nothing was imported" in message
    assert document_json(export_document()) == before


def test_bad_row_in_a_spreadsheet_names_sheet_row_and_column(full_register, tmp_path):
    from openpyxl import load_workbook

    path = export("xlsx", tmp_path / "register.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Palvelut"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Tila") + 1).value = "suljettu"
    sheet.cell(row=4, column=header.index("Alaikäraja") + 1).value = 70
    workbook.save(path)
    before = document_json(export_document())

    message = import_refused(path)

    assert "sheet “Palvelut”, row 3, field “Tila”: “suljettu” is not one of the allowed codes:" in (
        message
    )
    assert "active, inactive, defunct, temporarily closed" in message
    assert "sheet “Palvelut”, row 4, field “Yläikäraja”" in message  # min > max
    assert document_json(export_document()) == before


def test_problems_are_translated(full_register, tmp_path):
    document = export_document()
    document["organisations"][0]["business_id"] = "0246246-1"
    path = _write(tmp_path / "bad.json", document)

    with translation.override("fi"):
        finnish = import_refused(path)
    english = import_refused(path)

    assert "The check digit of business ID 0246246-1 is wrong" in english
    assert "0246246-1" in finnish and "The check digit" not in finnish


def test_import_bumps_the_data_version(full_register, tmp_path, django_capture_on_commit_callbacks):
    from ecosystem.register.versioning import data_version

    document = export_document()
    _service(document, "Ohjaamo")["name_en"] = "Navigator"
    path = _write(tmp_path / "changed.json", document)
    version = data_version()

    with django_capture_on_commit_callbacks(execute=True):
        import_ok(path)

    assert data_version() != version


def test_json_document_is_readable_text(full_register, tmp_path):
    text = export("json", tmp_path / "register.json").read_text("utf-8")
    assert "Työkyvyn arviointi" in text  # not \u escapes
    assert json.loads(text)["format"] == "keko-ecosystem"


def test_replace_with_a_file_that_lets_go_of_what_it_deletes(full_register, tmp_path):
    """The path in the file no longer uses the service or target group the file drops."""
    document = export_document()
    dropped = str(full_register["coaching"].pk)
    document["services"] = [s for s in document["services"] if s["id"] != dropped]
    document["relations"] = [
        r
        for r in document["relations"]
        if dropped not in (r["source_service"], r["target_service"])
    ]
    path = document["service_paths"][0]
    path["steps"] = [step for step in path["steps"] if step["service"] != dropped]
    path["target_group"] = str(full_register["immigrants"].pk)
    for service in document["services"]:
        service["target_groups"] = [str(full_register["immigrants"].pk)]
    document["target_groups"] = [
        g for g in document["target_groups"] if g["code"] != "young_people"
    ]
    # A new municipality takes over the code of one the file drops.
    helsinki = next(m for m in document["municipalities"] if m["code"] == "091")
    helsinki["id"] = "3e9f7a10-5c1d-4b2a-9f00-0a1b2c3d4e5f"
    for record in (*document["organisations"], *document["services"], path):
        record["municipalities"] = [
            helsinki["id"] if pk == str(full_register["helsinki"].pk) else pk
            for pk in record["municipalities"]
        ]
        record["municipalities"].sort()

    output = import_ok(_write(tmp_path / "smaller.json", document), "--replace")

    assert not Service.objects.filter(pk=dropped).exists()
    assert "Services: 0 created, 2 updated, 0 unchanged, 1 deleted" in output
    assert "Relations: 0 created, 0 updated, 1 unchanged, 2 deleted" in output
    assert "Target groups: 0 created, 0 updated, 1 unchanged, 1 deleted" in output
    assert "Municipalities: 1 created, 0 updated, 1 unchanged, 1 deleted" in output
    assert export_document() == document
