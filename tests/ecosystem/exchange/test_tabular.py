"""Spreadsheets as people fill them: Finnish headers, kyllä/ei, Finnish dates, code lists."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from ecosystem.exchange.spec import SHEETS
from ecosystem.models import Organisation, Relation, Service, TargetGroup
from tests.ecosystem.exchange.conftest import export
from tests.ecosystem.exchange.helpers import import_ok, import_refused

pytestmark = pytest.mark.django_db

ORGANISATION_HEADERS = [
    "Tunniste (UUID)", "Nimi suomeksi", "Nimi ruotsiksi", "Nimi englanniksi", "Lyhenne",
    "Lyhenne ruotsiksi", "Lyhenne englanniksi",
    "Kuvaus suomeksi", "Kuvaus ruotsiksi", "Kuvaus englanniksi", "Organisaatiotyyppi",
    "Yläorganisaation tunniste", "Y-tunnus", "Verkkosivusto", "Sähköposti", "Puhelin",
    "Toiminta-alueen kunnat", "KEKO-konsortion jäsen", "Näkyvyys", "PTV-tunniste",
]  # fmt: skip
NEW_ID = "5b0f3c2e-8a77-4f0e-9d51-0d6f1c6b2a10"


def _organisation_row(**values):
    row = dict.fromkeys(ORGANISATION_HEADERS, "")
    row.update({"Tunniste (UUID)": NEW_ID, "Nimi suomeksi": "Uusi yhdistys"})
    row.update({"Organisaatiotyyppi": "ngo", "Näkyvyys": "public"})
    row.update(values)
    return row


def _csv(path, headers, rows, *, delimiter=";", encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row[header] for header in headers])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_xlsx_has_a_sheet_per_kind_with_finnish_headers(full_register, tmp_path):
    workbook = load_workbook(export("xlsx", tmp_path / "register.xlsx"))

    assert workbook.sheetnames == [
        "Kunnat", "Kohderyhmät", "Organisaatiot", "Palvelut", "Palvelujen organisaatiot",
        "Asiointikanavat", "Suhteet", "Palvelupolut", "Palvelupolkujen vaiheet",
    ]  # fmt: skip
    headers = [cell.value for cell in workbook["Organisaatiot"][1]]
    assert headers == ORGANISATION_HEADERS
    services = workbook["Palvelut"]
    header = [cell.value for cell in services[1]]
    row = next(
        [cell.value for cell in r]
        for r in services.iter_rows(min_row=2)
        if r[1].value == "Työkyvyn arviointi"
    )
    values = dict(zip(header, row, strict=True))
    assert values["Kohderyhmät"] == "immigrants;young_people"  # codes, semicolon-separated
    assert values["Palvelualueen kunnat"] == "858"
    assert values["Viimeksi tarkistettu"].date().isoformat() == "2026-03-31"
    assert services.cell(row=2, column=header.index("Viimeksi tarkistettu") + 1).number_format
    organisations = workbook["Organisaatiot"]
    member = {
        r[1].value: r[ORGANISATION_HEADERS.index("KEKO-konsortion jäsen")].value
        for r in organisations.iter_rows(min_row=2)
    }
    assert member["Keski-Uudenmaan hyvinvointialue"] == "kyllä"
    assert member["Yhdistys ry"] == "ei"
    steps = workbook["Palvelupolkujen vaiheet"]
    assert [c.value for c in steps[1]][:3] == ["Tunniste (UUID)", "Palvelupolun tunniste", "Vaihe"]


def test_exports_neutralise_formulas(full_register, tmp_path):
    workbook = load_workbook(export("xlsx", tmp_path / "register.xlsx"))
    cells = [c for row in workbook["Organisaatiot"].iter_rows() for c in row]
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=-+@"]
    assert {c.value for c in formula_like} >= {"=Työkykypalvelut", "-TKP", "+358 9 8727 0000"}
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)

    directory = export("csv", tmp_path / "csv")
    text = (directory / "organisaatiot.csv").read_text("utf-8-sig")
    assert "'=Työkykypalvelut" in text and "'-TKP" in text
    assert ";=" not in text and "\n=" not in text


def test_csv_export_is_a_directory_or_a_zip_of_finnish_files(full_register, tmp_path):
    directory = export("csv", tmp_path / "csv")
    names = sorted(path.name for path in directory.iterdir())
    assert names == sorted(kind.csv_name for kind in SHEETS)
    raw = (directory / "palvelut.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Tunniste (UUID);Nimi suomeksi;")
    assert "31.3.2026" in raw.decode("utf-8-sig")  # Finnish dates

    archive = export("csv", tmp_path / "register.zip")
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == names


def test_person_typed_csv_with_finnish_values_in_windows_encoding(full_register, tmp_path):
    """Excel's Finnish CSV: Windows-1252, commas or semicolons, kyllä/ei, d.m.yyyy."""
    county = full_register["county"]
    row = _organisation_row(**{
        "Nimi ruotsiksi": "Förening rf", "Yläorganisaation tunniste": str(county.pk),
        "Toiminta-alueen kunnat": "858; 91", "KEKO-konsortion jäsen": "Kyllä",
        "Y-tunnus": "0246246-0",
    })  # fmt: skip
    path = _csv(
        tmp_path / "organisaatiot.csv", ORGANISATION_HEADERS, [row],
        delimiter=",", encoding="cp1252",
    )  # fmt: skip

    import_ok(path)

    organisation = Organisation.objects.get(pk=NEW_ID)
    assert organisation.name_sv == "Förening rf"
    assert organisation.is_consortium_member is True
    assert organisation.parent == county
    # "91" was typed as a number and lost its zero: read as 091, Helsinki.
    assert sorted(m.code for m in organisation.municipalities.all()) == ["091", "858"]


def test_dates_in_finnish_and_iso_form(full_register, tmp_path):
    path = export("xlsx", tmp_path / "register.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Suhteet"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Suhteen tyyppi")].value == "referral":
            row[header.index("Voimassa alkaen")].value = "1.2.2026"
            row[header.index("Voimassa asti")].value = "2028-05-31"
    workbook.save(path)

    import_ok(path)

    referral = Relation.objects.get(pk=full_register["referral"].pk)
    assert referral.valid_from.isoformat() == "2026-02-01"
    assert referral.valid_to.isoformat() == "2028-05-31"


def test_csv_cell_typed_as_formula_is_refused(full_register, tmp_path):
    row = _organisation_row(**{"Lyhenne": '=HYPERLINK("http://evil.example","x")'})
    path = _csv(tmp_path / "organisaatiot.csv", ORGANISATION_HEADERS, [row])

    message = import_refused(path)

    assert "organisaatiot.csv" in message and "row 2" in message and "Lyhenne" in message
    assert "formula" in message
    assert not Organisation.objects.filter(pk=NEW_ID).exists()


def test_xlsx_formula_cell_is_refused(full_register, tmp_path):
    path = export("xlsx", tmp_path / "register.xlsx")
    workbook = load_workbook(path)
    workbook["Kohderyhmät"]["B2"] = "=1+1"
    workbook.save(path)

    message = import_refused(path)

    assert "sheet “Kohderyhmät”, row 2" in message and "Koodi" in message
    assert "formula" in message


def test_one_sheet_alone_updates_only_its_kind(full_register, tmp_path):
    """A workbook with just the services sheet keeps the services' organisations/channels."""
    source = load_workbook(export("xlsx", tmp_path / "register.xlsx"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Palvelut"
    for row in source["Palvelut"].iter_rows(values_only=True):
        sheet.append(["Päivitetty nimi" if value == "Ohjaamo" else value for value in row])
    path = tmp_path / "services.xlsx"
    workbook.save(path)
    roles_before = full_register["service"].organisation_roles.count()

    import_ok(path)

    assert Service.objects.get(pk=full_register["guidance"].pk).name_fi == "Päivitetty nimi"
    assert full_register["service"].organisation_roles.count() == roles_before == 2
    assert full_register["service"].channels.count() == 3
    assert TargetGroup.objects.count() == 2
