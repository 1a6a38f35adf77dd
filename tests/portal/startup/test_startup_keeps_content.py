"""Start-up (`setup_portal`, so `make run`) never touches content: the demo goes only into an
empty database, and a later start-up leaves every table exactly as it found it."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from ecosystem.demo.synthetic import generate
from ecosystem.models import Municipality, Organisation, Service
from portal.demo import content_found

# Whole start-ups and demos: scheduled first (tests/scheduling.py).
pytestmark = pytest.mark.heavy


def _setup_portal() -> str:
    out = io.StringIO()
    call_command("setup_portal", no_static=True, stdout=out)
    return out.getvalue()


def _every_table() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (the whole database's content)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from the schema)
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_the_demo_goes_into_an_empty_database_and_a_second_start_up_keeps_every_change(db, media):
    assert content_found() == []
    _setup_portal()
    assert Service.objects.filter(name_fi="Ohjaamo").exists()
    assert "ecosystem.Service" in content_found() and "wagtailcore.Page" in content_found()

    edited = Service.objects.get(name_fi="Ohjaamo")
    edited.description_fi = "Staffin oma kuvaus, jonka uudelleenkäynnistys ei saa kumota."
    edited.save()
    deleted = Service.objects.exclude(pk=edited.pk).order_by("name_fi").first()
    deleted_id = deleted.pk
    deleted.delete()
    Organisation.objects.create(name_fi="Uusi yhdistys ry", organisation_type="ngo")
    before = _every_table()

    output = _setup_portal()

    assert _every_table() == before
    edited.refresh_from_db()
    assert edited.description_fi.startswith("Staffin oma kuvaus")
    assert not Service.objects.filter(pk=deleted_id).exists()
    assert "load_demo_content --reset" in output


def test_a_database_holding_a_synthetic_register_starts_and_is_left_alone(db, media):
    generate(services=60, relations=120, areas=2, seed=3)
    # As in a copy of production, the administrator exists (start-up makes sure one does:
    # accounts are not content).
    call_command("ensure_admin", stdout=io.StringIO())
    before = _every_table()
    _setup_portal()  # used to stop with "UNIQUE constraint failed: ecosystem_municipality.code"
    assert _every_table() == before
    assert not Service.objects.filter(name_fi="Ohjaamo").exists()


def test_one_kind_of_content_is_enough_to_leave_the_database_alone(db, media):
    Municipality.objects.create(code="106", name_fi="Hyvinkää")
    _setup_portal()
    assert not Organisation.objects.exists()
    assert content_found() == ["ecosystem.Municipality"]


def test_reset_restores_the_demo_after_confirmation(db, media, monkeypatch):
    _setup_portal()
    service = Service.objects.get(name_fi="Ohjaamo")
    original = service.description_fi
    service.description_fi = "Muokattu"
    service.save()
    gone = Service.objects.exclude(pk=service.pk).order_by("name_fi").first()
    gone_id = gone.pk
    gone.delete()

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(Exception, match="nothing was changed"):
        call_command("load_demo_content", reset=True, stdout=io.StringIO())
    service.refresh_from_db()
    assert service.description_fi == "Muokattu"

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("load_demo_content", reset=True, stdout=io.StringIO())
    service.refresh_from_db()
    assert service.description_fi == original
    assert Service.objects.filter(pk=gone_id).exists()

    Service.objects.filter(name_fi="Ohjaamo").update(description_fi="Muokattu")

    def no_questions(prompt):
        raise AssertionError("asked: " + prompt)

    monkeypatch.setattr("builtins.input", no_questions)
    call_command("load_demo_content", reset=True, yes=True, stdout=io.StringIO())
    assert Service.objects.get(name_fi="Ohjaamo").description_fi != "Muokattu"
