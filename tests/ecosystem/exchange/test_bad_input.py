"""Bad input of every kind gets a clear message, exit status non-zero, and nothing written."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from ecosystem.exchange.document import document_json, export_document
from tests.ecosystem.exchange.conftest import export
from tests.ecosystem.exchange.helpers import import_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(full_register):
    """The register as JSON text before the bad import (to show nothing changed)."""
    return document_json(export_document())


def _refused_json(tmp_path, change, name="bad.json") -> str:
    document = export_document()
    change(document)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return import_refused(path)


def _service(document, name="Työkyvyn arviointi"):
    return next(s for s in document["services"] if s["name_fi"] == name)


def _refused_sheet(tmp_path, sheet_name, change) -> str:
    path = export("xlsx", tmp_path / "register.xlsx")
    workbook = load_workbook(path)
    sheet = workbook[sheet_name]
    change(sheet, [cell.value for cell in sheet[1]])
    workbook.save(path)
    return import_refused(path)


def _set(sheet, header, column, row, value):
    sheet.cell(row=row, column=header.index(column) + 1).value = value


CASES = {
    "unknown uuid reference": (
        lambda d: d["relations"][0].update(source_service="7d1b1a8e-0000-4000-8000-000000000001"),
        "No service with the identifier 7d1b1a8e-0000-4000-8000-000000000001",
    ),
    "invalid enum value": (
        lambda d: _service(d).update(service_class="magic"),
        "field “service_class”: “magic” is not one of the allowed codes",
    ),
    "bad date": (
        lambda d: _service(d).update(last_reviewed="31.2.2026"),
        "field “last_reviewed”: “31.2.2026” is not a real date.",
    ),
    "date in no known form": (
        lambda d: _service(d).update(last_reviewed="March 2026"),
        "“March 2026” is not a date: write it as d.m.yyyy (31.12.2026) or yyyy-mm-dd.",
    ),
    "duplicate uuid": (
        lambda d: d["services"].append(dict(_service(d), name_fi="Kopio")),
        "is given twice; the first is at file “bad.json”, record services[",
    ),
    "min age over max age": (
        lambda d: _service(d).update(minimum_age=70),
        "field “maximum_age”: The maximum age must not be less than the minimum age.",
    ),
    "wrong y-tunnus check digit": (
        lambda d: d["organisations"][0].update(business_id="0246246-5"),
        "field “business_id”: The check digit of business ID 0246246-5 is wrong",
    ),
    "missing required name": (
        lambda d: _service(d).update(name_fi=""),
        "field “name_fi”: This field cannot be blank.",
    ),
    "unknown field": (
        lambda d: _service(d).update(colour="red"),
        "field “colour”: Unknown field",
    ),
    "record without id": (
        lambda d: _service(d).pop("id"),
        "field “id”: Every record needs its identifier (a UUID).",
    ),
    "not a uuid": (
        lambda d: _service(d).update(id="123"),
        "“123” is not a UUID",
    ),
    "wrong type": (
        lambda d: d["organisations"][0].update(is_consortium_member="yes"),
        "field “is_consortium_member”: Expected true or false, found str.",
    ),
    "relation with two sources": (
        lambda d: d["relations"][0].update(
            source_organisation=d["organisations"][0]["id"], source_service=d["services"][0]["id"]
        ),
        "Choose either a source organisation or a source service (exactly one).",
    ),
    "relation ending before it starts": (
        lambda d: d["relations"][0].update(valid_from="2027-01-01", valid_to="2026-01-01"),
        "The end date must not be before the start date.",
    ),
    "service point without address": (
        lambda d: _service(d)["channels"][0].update(street_address=""),
        "channels[0] (id ",
    ),
    "step at position zero": (
        lambda d: d["service_paths"][0]["steps"][0].update(position=0),
        "field “position”: Positions start from 1.",
    ),
    "same role twice": (
        lambda d: _service(d)["organisations"][1].update(
            organisation=_service(d)["organisations"][0]["organisation"], role="responsible"
        ),
        "This organisation already has this role in the service.",
    ),
    "organisation its own ancestor": (
        lambda d: next(
            o for o in d["organisations"] if o["parent"] is None and o["short_name"]
        ).update(parent=next(o["id"] for o in d["organisations"] if o["parent"])),
        "field “parent”: This parent would make the organisation its own ancestor.",
    ),
    "municipality code taken by another record": (
        lambda d: d["municipalities"].append(
            dict(d["municipalities"][0], id="1f0a2c61-1111-4222-8333-444455556666")
        ),
        "field “code”: “091” is also given at file “bad.json”, record municipalities[0]",
    ),
    "invalid municipality code": (
        lambda d: d["municipalities"][0].update(code="91"),
        "A municipality code is three digits",
    ),
    "invalid email": (
        lambda d: d["organisations"][0].update(email="not an address"),
        "field “email”: Enter a valid email address.",
    ),
    "not a keko document": (
        lambda d: d.update(format="something-else"),
        "This is not a KEKO register document",
    ),
    "unknown list": (
        lambda d: d.update(people=[]),
        "Unknown list “people”.",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_json_record(stored, tmp_path, case):
    change, expected = CASES[case]

    message = _refused_json(tmp_path, change)

    assert expected in message
    if case == "service point without address":
        assert "field “street_address”: A service point needs a street address." in message
    assert "Nothing was imported" in message
    assert document_json(export_document()) == stored


def test_every_problem_is_listed_at_once(stored, tmp_path):
    def change(document):
        _service(document).update(minimum_age=70, service_class="magic")
        document["organisations"][0]["business_id"] = "0246246-5"

    message = _refused_json(tmp_path, change)

    assert "3 problems" in message
    assert "maximum_age" in message and "service_class" in message and "business_id" in message


def test_broken_json(stored, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "keko-ecosystem", "version": 1, "services": [}', "utf-8")

    message = import_refused(path)

    assert "file “broken.json”: The file is not valid JSON:" in message
    assert "line 1, column" in message
    assert document_json(export_document()) == stored


def test_not_a_file(stored, tmp_path):
    assert "No such file or directory." in import_refused(tmp_path / "missing.json")


def test_wrong_format(stored, tmp_path):
    path = tmp_path / "register.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert "Unknown file type “.pdf”" in import_refused(path)


def test_directory_without_csv_files(stored, tmp_path):
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    assert "No CSV files found." in import_refused(tmp_path)


def test_xlsx_that_is_not_a_workbook(stored, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("just text", "utf-8")
    assert "The file is not an XLSX workbook" in import_refused(path)


def test_missing_and_unknown_columns(stored, tmp_path):
    def change(sheet, header):
        sheet.cell(row=1, column=header.index("Y-tunnus") + 1).value = "Y-tunnus (uusi)"

    message = _refused_sheet(tmp_path, "Organisaatiot", change)

    assert "sheet “Organisaatiot”, row 1: Missing columns: “Y-tunnus”." in message
    assert "Unknown columns: “Y-tunnus (uusi)”." in message
    assert document_json(export_document()) == stored


def test_unknown_code_in_a_sheet(stored, tmp_path):
    def change(sheet, header):
        _set(sheet, header, "Kohderyhmät", 4, "young_people;pensioners")

    message = _refused_sheet(tmp_path, "Palvelut", change)

    assert (
        "sheet “Palvelut”, row 4, field “Kohderyhmät”: No target group with the code "
        "“pensioners” in the file or the register."
    ) in message


def test_bad_boolean_and_date_cells(stored, tmp_path):
    def change(sheet, header):
        _set(sheet, header, "KEKO-konsortion jäsen", 2, "ehkä")

    message = _refused_sheet(tmp_path, "Organisaatiot", change)

    assert "row 2, field “KEKO-konsortion jäsen”: “ehkä” is not “kyllä” or “ei”." in message


def test_child_row_of_an_unknown_parent(stored, tmp_path):
    def change(sheet, header):
        _set(sheet, header, "Palvelun tunniste", 2, "6a3c9d1e-0000-4000-8000-00000000abcd")

    message = _refused_sheet(tmp_path, "Asiointikanavat", change)

    assert "sheet “Asiointikanavat”, row 2, field “Palvelun tunniste”" in message
    assert "No record with this identifier in “Palvelut” of the same import." in message


def test_unknown_sheet(stored, tmp_path):
    path = export("xlsx", tmp_path / "register.xlsx")
    workbook = load_workbook(path)
    workbook.create_sheet("Muistiinpanot")
    workbook.save(path)
    assert "sheet “Muistiinpanot”" in import_refused(path)


def test_oversized_file(stored, tmp_path, settings):
    settings.KEKO_IMPORT_MAX_BYTES = 1000
    path = export("json", tmp_path / "register.json")

    message = import_refused(path)

    assert "the largest file accepted is 1000" in message
    assert document_json(export_document()) == stored


def test_zip_bomb_is_refused(stored, tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("palvelut.csv", b"0" * (50 * 1024 * 1024))

    message = import_refused(path)

    assert "which only zip bombs are: refused" in message


def test_xlsx_bomb_is_refused_before_parsing(stored, tmp_path):
    path = export("xlsx", tmp_path / "register.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))

    assert "zip bombs" in import_refused(path)


def test_csv_with_nul_bytes(stored, tmp_path):
    path = tmp_path / "palvelut.csv"
    path.write_bytes(b"Tunniste\x00;Nimi\r\n")
    assert "binary data" in import_refused(path)


def test_csv_whose_columns_match_no_kind(stored, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("a;b\r\n1;2\r\n", "utf-8")
    assert "The columns do not match any kind of register record." in import_refused(path)


def test_replace_refuses_to_delete_what_others_still_need(stored, tmp_path):
    """A target group used by a path that stays cannot be deleted; nothing is written."""
    document = export_document()
    kept = {"target_groups": [g for g in document["target_groups"] if g["code"] != "young_people"]}
    path = tmp_path / "groups.json"
    path.write_text(json.dumps({"format": "keko-ecosystem", "version": 1, **kept}), "utf-8")

    message = import_refused(path, "--replace")

    assert "cannot be deleted while others refer to them" in message
    assert document_json(export_document()) == stored


def test_messages_carry_no_traceback(stored, tmp_path):
    err = io.StringIO()
    path = tmp_path / "broken.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    message = import_refused(path)
    assert "not UTF-8" in message and "Traceback" not in err.getvalue()
