"""An import a staff member can use alone: templates with a code list, rows without an
identifier, natural keys on re-import, kinds told by headers, codes as labels, and a
preview that lists what happens record by record."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ecosystem.exchange.import_templates import write_template_csv, write_template_xlsx
from ecosystem.exchange.importing import register_import
from ecosystem.exchange.spec import KINDS, SHEETS
from ecosystem.models import Municipality, Organisation, Service, TargetGroup
from portal.kernel.problems import ImportRefused

pytestmark = pytest.mark.django_db

ORG = KINDS["organisations"]
SERVICES = KINDS["services"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def codes(db):
    TargetGroup.objects.create(
        code="young_people", name_fi="Nuoret", name_sv="Unga", name_en="Young people"
    )
    Municipality.objects.create(code="106", name_fi="Hyvinkää", name_sv="Hyvinge")


def _csv_file(path, headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def _organisation(**values):
    row = {"Nimi suomeksi": "Uusi yhdistys ry", "Organisaatiotyyppi": "ngo", "Näkyvyys": "public"}
    row.update(values)
    return row


def test_xlsx_template_has_every_sheet_and_the_code_list(codes, tmp_path):
    path = tmp_path / "pohja.xlsx"
    write_template_xlsx(path)
    workbook = load_workbook(path)
    assert [kind.sheet for kind in SHEETS] + ["Koodit"] == workbook.sheetnames
    assert [c.value for c in workbook["Palvelut"][1]] == SERVICES.headers
    codes_sheet = [[c.value for c in row] for row in workbook["Koodit"].iter_rows()]
    assert codes_sheet[0] == ["Luettelo", "Koodi", "Suomeksi", "Ruotsiksi", "Englanniksi"]
    assert any(
        row[:3] == ["Palveluluokka", "coaching", "Valmennus"] and row[4] == "Coaching"
        for row in codes_sheet
    )
    assert ["Kohderyhmät", "young_people", "Nuoret", "Unga", "Young people"] in codes_sheet
    assert any(row[0] == "Suhteen tyyppi" and row[1] == "referral" for row in codes_sheet)
    assert any(
        row[0] == "Kunnat" and row[1] == "106" and row[2] == "Hyvinkää" for row in codes_sheet
    )


def test_the_filled_in_templates_import_as_they_are(codes, tmp_path):
    for writer, name in ((write_template_xlsx, "pohja.xlsx"), (write_template_csv, "pohja.zip")):
        path = tmp_path / name
        writer(path)
        result = register_import(path=path, dry_run=True)
        # The example row: a service without an identifier, its codes given as Finnish labels.
        assert result.counts["services"]["created"] == 1
        assert any("has no organisation" in w for w in result.details["warnings"])
    assert not Service.objects.exists()  # dry runs write nothing


def test_a_row_without_identifier_gets_one_and_a_reimport_updates_by_business_id(codes, tmp_path):
    path = _csv_file(
        tmp_path / "omat-toimijat.csv",  # any name: the kind is told by the headers
        ORG.headers,
        [_organisation(**{"Y-tunnus": "0246246-0", "Toiminta-alueen kunnat": "Hyvinkää"})],
    )
    register_import(path=path)
    organisation = Organisation.objects.get()
    assert organisation.business_id == "0246246-0"
    assert [m.code for m in organisation.municipalities.all()] == ["106"]

    _csv_file(
        path,
        ORG.headers,
        [
            _organisation(
                **{
                    "Y-tunnus": "0246246-0",
                    "Nimi suomeksi": "Uusi nimi ry",
                    "Toiminta-alueen kunnat": "106",
                }
            )
        ],
    )
    preview = register_import(path=path, dry_run=True)
    assert preview.counts["organisations"]["updated"] == 1
    change = preview.details["changes"][0]
    assert change["action"] == "updated" and change["name"] == "Uusi nimi ry"
    assert [(f["old"], f["new"]) for f in change["fields"]] == [
        ("Uusi yhdistys ry", "Uusi nimi ry")
    ]
    register_import(path=path)
    assert Organisation.objects.count() == 1
    assert Organisation.objects.get().name_fi == "Uusi nimi ry"


def test_a_service_without_identifier_matches_by_name_on_reimport(codes, tmp_path):
    row = {"Nimi suomeksi": "Työnhakuvalmennus", "Palveluluokka": "Coaching", "Kohderyhmät": "Unga"}
    path = _csv_file(tmp_path / "a.csv", SERVICES.headers, [row])
    register_import(path=path)
    service = Service.objects.get()
    assert service.service_class == "coaching"  # an English label
    assert [g.code for g in service.target_groups.all()] == ["young_people"]  # a Swedish name
    register_import(path=path)
    assert Service.objects.count() == 1


def test_a_bad_file_is_still_refused_whole_with_row_and_field(codes, tmp_path):
    path = _csv_file(
        tmp_path / "x.csv",
        ORG.headers,
        [_organisation(), _organisation(**{"Organisaatiotyyppi": "pirate ship"})],
    )
    with pytest.raises(ImportRefused) as refused:
        register_import(path=path)
    message = "\n".join(refused.value.messages())
    assert "row 3" in message and "Organisaatiotyyppi" in message
    assert not Organisation.objects.exists()


def test_the_template_zip_is_dated_now(codes, tmp_path):
    from django.utils import timezone

    path = tmp_path / "pohja.zip"
    write_template_csv(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].date_time[:3] == tuple(timezone.localdate().timetuple())[:3]
        assert "koodit.csv" in archive.namelist()
