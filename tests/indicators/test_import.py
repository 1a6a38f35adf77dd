"""Importing indicator files: tidy CSV/XLSX and the bulletin's printed tables, all or nothing.

Every bad file is refused whole (its valid rows are not written either), each problem names
its row and field, and the management command exits non-zero.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from indicators.exchange.exporting import export_csv
from indicators.exchange.importing import ImportRefused, indicators_import
from indicators.models import Area, Group, Indicator, Observation
from tests.indicators.conftest import seed_comparison_table, seed_group_table, seed_table_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (Finnish is checked on its own below)."""
    with translation.override("en"):
        yield


HEADER = "alue;indikaattori;ryhmä;kuukausi;arvo;lähde;ennuste"
GOOD_ROWS = [
    "Keski-Uudenmaan työllisyysalue;Työttömät työnhakijat;Kaikki yhteensä;2026-03;11860;"
    "Työllisyyskatsaus 3/2026;",
    "Tuusula;unemployed;;2026-03;2090;Työllisyyskatsaus 3/2026;",
    "858;Pitkäaikaistyöttömät;Alle 30-vuotiaat;maaliskuu 2026;120;;Kasvaa",
]


def write(tmp_path, name: str, content: str | bytes, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def csv_file(tmp_path, rows, *, header=HEADER, encoding="utf-8", name="arvot.csv"):
    return write(tmp_path, name, "\r\n".join([header, *rows]) + "\r\n", encoding)


def xlsx_file(tmp_path, rows, name="arvot.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Arvot"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def refused(path, **kwargs) -> list[str]:
    with pytest.raises(ImportRefused) as error:
        indicators_import(path=path, **kwargs)
    return error.value.messages()


# --- Valid files ----------------------------------------------------------------------------


def test_tidy_csv_is_imported(reference, tmp_path):
    summary = indicators_import(path=csv_file(tmp_path, GOOD_ROWS))
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    tuusula = Observation.objects.get(area__code="858", indicator__code="unemployed")
    assert (tuusula.value, tuusula.group.code, tuusula.period) == (
        2090,
        "all",
        datetime.date(2026, 3, 1),
    )
    young = Observation.objects.get(group__code="under_30")
    assert (young.indicator.code, young.forecast, young.value) == (
        "long_term_unemployed",
        "Kasvaa",
        120,
    )


def test_windows_excel_csv_in_cp1252_is_read(reference, tmp_path):
    # Excel in Finland saves "CSV (semicolon)" in Windows-1252: ä and ö are single bytes.
    indicators_import(path=csv_file(tmp_path, GOOD_ROWS, encoding="cp1252"))
    assert Observation.objects.count() == 3
    assert Observation.objects.filter(indicator__code="long_term_unemployed").exists()


def test_a_second_import_updates_and_counts_the_unchanged(reference, tmp_path):
    indicators_import(path=csv_file(tmp_path, GOOD_ROWS))
    rows = [*GOOD_ROWS[:2], GOOD_ROWS[2].replace(";120;", ";125;")]
    summary = indicators_import(path=csv_file(tmp_path, rows))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    assert Observation.objects.get(group__code="under_30").value == 125


def test_tidy_xlsx_with_number_and_date_cells_is_imported(reference, tmp_path):
    path = xlsx_file(
        tmp_path,
        [
            ["Kunta", "Indikaattori", "Ryhmä", "Kuukausi", "Arvo"],
            ["Tuusula", "Työttömät työnhakijat", None, datetime.datetime(2026, 3, 1), 2090],
            ["Hyvinkää", "unemployed", "Kaikki yhteensä", "2026-03", 2500.0],
        ],
    )
    summary = indicators_import(path=path)
    assert summary.created == 2
    assert Observation.objects.get(area__code="106").value == 2500


def test_the_bulletin_tables_as_printed_give_the_same_values_as_the_demo(reference, tmp_path):
    """The two tables pasted from the document (tab separated), printed changes checked."""
    path = write(tmp_path, "tyollisyyskatsaus.csv", seed_table_text())
    summary = indicators_import(path=path)
    assert summary.created == 2 * len(seed_comparison_table()) + 3 * len(seed_group_table())
    for row in seed_comparison_table():
        latest = Observation.objects.get(
            area__code=row["area"], indicator__code=row["indicator"], period="2026-03-01"
        )
        assert latest.value == row["latest"] and latest.source == "Työllisyyskatsaus 3/2026"
    for row in seed_group_table():
        latest = Observation.objects.get(
            area__code="keski-uusimaa",
            indicator__code=row["indicator"],
            group__code=row["group"],
            period="2026-02-01",
        )
        assert (latest.value, latest.forecast) == (row["values"][2], row["forecast"])


def test_the_bulletin_tables_in_a_workbook_are_imported(reference, tmp_path):
    rows = [line.split("\t") for line in seed_table_text().splitlines()]
    rows = [[float(c.replace(",", ".")) if c.isdigit() else c for c in row] for row in rows]
    summary = indicators_import(path=xlsx_file(tmp_path, rows))
    assert summary.created == 60


def test_a_bulletin_table_whose_printed_change_is_wrong_is_refused(reference, tmp_path):
    text = seed_table_text().replace("\t955\t8,8\t", "\t956\t8,8\t")
    messages = refused(write(tmp_path, "katsaus.csv", text))
    assert messages == [
        "file “katsaus.csv”, row 3, field “LKM”: The printed change 956 does not match the "
        "values: 955."
    ]
    assert Observation.objects.count() == 0


def test_a_bulletin_percentage_that_does_not_add_up_is_refused(reference, tmp_path):
    text = seed_table_text().replace("\t19,8 %\t", "\t18,8 %\t")
    (message,) = refused(write(tmp_path, "katsaus.csv", text))
    assert "row 15" in message and "“Muutos 1 v”" in message and "18,8" in message
    assert Observation.objects.count() == 0


# --- Bad files: refused whole, row and field named ------------------------------------------


BAD_ROWS = [
    ("Porvoo;unemployed;;2026-03;1;;", "row 3, field “alue”: Unknown area “Porvoo”"),
    ("Tuusula;työttömyysaste;;2026-03;1;;", "row 3, field “indikaattori”: Unknown indicator"),
    ("Tuusula;unemployed;Eläkeläiset;2026-03;1;;", "row 3, field “ryhmä”: Unknown population"),
    ("Tuusula;unemployed;;2026-13;1;;", "row 3, field “kuukausi”: “2026-13” is not a real"),
    ("Tuusula;unemployed;;maaliskuu;1;;", "row 3, field “kuukausi”: “maaliskuu” is not a month"),
    ("Tuusula;unemployed;;2026-03;paljon;;", "row 3, field “arvo”: “paljon” is not a number"),
    ("Tuusula;unemployed;;2026-03;;;", "row 3, field “arvo”: This field is required."),
    ("Tuusula;unemployed;;2026-03;-5;;", "row 3, field “arvo”: A number of persons is a whole"),
    ("Tuusula;unemployed;;2026-03;10,5;;", "row 3, field “arvo”: A number of persons is a whole"),
    ("Tuusula;unemployed;;2026-03;1,005;;", "row 3, field “arvo”: “1,005” has more than 2 dec"),
    ("Tuusula;unemployed;;2026-03;=1+1;;", "row 3, field “arvo”: The cell holds a formula"),
    (";unemployed;;2026-03;1;;", "row 3, field “alue”: This field is required."),
    ("Tuusula;unemployed;;2026-03;2090;;", "row 3, field “arvo”: This value is given twice"),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_row_refuses_the_whole_file(reference, tmp_path, row, expected):
    path = csv_file(tmp_path, [GOOD_ROWS[1], row])
    messages = refused(path)
    assert len(messages) == 1
    assert messages[0].startswith(f"file “arvot.csv”, {expected}"), messages
    assert Observation.objects.count() == 0  # the valid first row was not written either


def test_every_problem_of_a_file_is_listed_at_once(reference, tmp_path):
    path = csv_file(tmp_path, [row for row, _expected in BAD_ROWS[:6]])
    messages = refused(path)
    assert [message.split(",")[1].strip() for message in messages] == [
        f"row {number}" for number in range(2, 8)
    ]


def test_problems_are_told_in_finnish(reference, tmp_path):
    with translation.override("fi"):
        (message,) = refused(csv_file(tmp_path, ["Porvoo;unemployed;;2026-03;1;;"]))
    assert message.startswith("tiedosto ”arvot.csv”, rivi 2, kenttä ”alue”: Tuntematon alue")


def test_missing_and_unknown_columns_are_refused(reference, tmp_path):
    messages = refused(
        csv_file(tmp_path, ["Tuusula;unemployed;2026-03"], header="alue;indikaattori;kk;arvio")
    )
    assert any("Unknown columns: “kk”, “arvio”" in message for message in messages)
    assert any("Missing columns: “kuukausi”, “arvo”" in message for message in messages)


def test_a_formula_cell_of_a_workbook_is_refused(reference, tmp_path):
    path = xlsx_file(
        tmp_path,
        [
            ["alue", "indikaattori", "kuukausi", "arvo"],
            ["Tuusula", "unemployed", "2026-03", 2090],
            ["Tuusula", "unemployed", "2026-02", "=B2*2"],
        ],
    )
    assert refused(path) == [
        "sheet “Arvot”, row 3, field “arvo”: The cell holds a formula; enter the value itself."
    ]
    assert Observation.objects.count() == 0


def test_a_file_without_any_table_is_refused(reference, tmp_path):
    messages = refused(write(tmp_path, "muistio.csv", "Hei,\nTässä luvut: ei mitään.\n"))
    assert "No table recognised" in messages[0]


def test_an_empty_file_is_refused(reference, tmp_path):
    assert refused(write(tmp_path, "tyhja.csv", "")) == [
        "file “tyhja.csv”: The file holds no values."
    ]


def test_other_file_types_are_refused(reference, tmp_path):
    (message,) = refused(write(tmp_path, "arvot.json", "{}"))
    assert "Unknown file type “.json”" in message


def test_binary_data_named_csv_is_refused(reference, tmp_path):
    (message,) = refused(write(tmp_path, "arvot.csv", b"\x00\x01\x02PK"))
    assert "binary data" in message


def test_a_file_over_the_size_limit_is_refused(reference, tmp_path, settings):
    settings.KEKO_IMPORT_MAX_BYTES = 100
    (message,) = refused(csv_file(tmp_path, GOOD_ROWS))
    assert "the largest file accepted is 100" in message


def test_a_damaged_workbook_is_refused(reference, tmp_path):
    (message,) = refused(write(tmp_path, "arvot.xlsx", b"PK\x03\x04 not really a zip"))
    assert "not an XLSX workbook" in message


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(reference, tmp_path):
    path = tmp_path / "pommi.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    (message,) = refused(path)
    assert "only zip bombs are" in message


def test_an_xml_entity_bomb_is_refused(reference, tmp_path):
    path = xlsx_file(tmp_path, [["alue", "indikaattori", "kuukausi", "arvo"]])
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"&lol2;</workbook>"
    )
    rebuilt = tmp_path / "entiteetit.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = bomb if item.filename == "xl/workbook.xml" else source.read(item)
            target.writestr(item, data)
    (message,) = refused(rebuilt)
    assert "cannot be read" in message


# --- Dry run, command, export -----------------------------------------------------------------


def test_dry_run_reports_and_writes_nothing(reference, tmp_path):
    summary = indicators_import(path=csv_file(tmp_path, GOOD_ROWS), dry_run=True)
    assert (summary.created, summary.dry_run) == (3, True)
    assert Observation.objects.count() == 0


def test_the_command_imports_and_its_dry_run_saves_nothing(reference, tmp_path):
    path = csv_file(tmp_path, GOOD_ROWS)
    out = io.StringIO()
    call_command("import_indicators", str(path), "--dry-run", stdout=out)
    assert "3 values added" in out.getvalue() and "Dry run" in out.getvalue()
    assert Observation.objects.count() == 0
    call_command("import_indicators", str(path), stdout=out)
    assert Observation.objects.count() == 3


def test_the_command_fails_with_every_problem_and_saves_nothing(reference, tmp_path):
    path = csv_file(tmp_path, [GOOD_ROWS[0], "Porvoo;unemployed;;2026-03;1;;"])
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_indicators", str(path), stderr=err)
    assert "row 3, field “alue”: Unknown area “Porvoo”" in err.getvalue()
    assert Observation.objects.count() == 0


def test_export_imports_back_unchanged(reference, tmp_path):
    indicators_import(path=csv_file(tmp_path, GOOD_ROWS))
    rate = Indicator.objects.create(
        code="unemployment_rate", name_fi="Työttömyysaste", unit=Indicator.Unit.PERCENT
    )
    Observation.objects.create(
        indicator=rate,
        group=Group.objects.get(code="all"),
        area=Area.objects.get(code="858"),
        period=datetime.date(2026, 4, 1),
        value=Decimal("12.5"),
        source='=HYPERLINK("http://example.org")',
        forecast="+ kasvaa",
    )
    exported = export_csv()
    text = exported.decode("utf-8-sig")
    assert text.startswith("alue;indikaattori;ryhmä;kuukausi;arvo;lähde;ennuste\r\n")
    assert "858;unemployment_rate;all;2026-04;12,5;\"'=HYPERLINK" in text
    assert "'+ kasvaa" in text
    path = write(tmp_path, "vienti.csv", exported)
    summary = indicators_import(path=path)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    assert export_csv() == exported


def test_a_register_municipality_without_an_area_gets_one(reference, tmp_path):
    Area.objects.filter(code="106").delete()
    path = csv_file(tmp_path, ["Hyvinkään kaupunki;unemployed;;2026-03;2500;;"])
    summary = indicators_import(path=path, dry_run=True)
    assert summary.new_areas == ["Hyvinkää"]
    assert not Area.objects.filter(code="106").exists()  # a dry run creates nothing
    summary = indicators_import(path=path)
    area = Area.objects.get(code="106")
    assert (area.municipality.name_fi, area.parent.code, area.level) == (
        "Hyvinkää",
        "keski-uusimaa",
        "municipality",
    )
    assert Observation.objects.get(area=area).value == 2500
    assert indicators_import(path=path).unchanged == 1


def test_the_whole_source_document_imports_to_exactly_the_demo_data(reference, tmp_path):
    """The briefing as published (text with its tables pasted in, tab separated) gives the
    very values, sources and forecasts of the demo fixture."""
    from indicators.demo import DEMO_FIXTURE
    from tests.indicators.conftest import SEED

    document = write(tmp_path, "ajankohtaiset.txt", SEED.read_bytes())
    summary = indicators_import(path=document)
    assert summary.created == 60
    from_document = export_csv()
    Observation.objects.all().delete()
    indicators_import(path=DEMO_FIXTURE)
    assert export_csv() == from_document
