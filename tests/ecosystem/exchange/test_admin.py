"""The admin's Import / export page: who may use it, downloads, preview, confirm."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from ecosystem.exchange.document import document_json, export_document
from ecosystem.models import Organisation, Service

PAGE = "/admin/ecosystem/exchange/"
CONFIRM = "/admin/ecosystem/exchange/confirm/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def staff_client(client, staff_user, sign_in):
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client, staff_user)
    return client


def _json_upload(document, name="register.json"):
    return SimpleUploadedFile(name, document_json(document).encode("utf-8"), "application/json")


def _changed_document():
    document = export_document()
    service = next(s for s in document["services"] if s["name_fi"] == "Ohjaamo")
    service["name_sv"] = "Navigatorn"
    document["organisations"].append(
        {
            "id": "0c4b6e55-59a4-4a53-9f55-3a1b2b6f0d11",
            "name_fi": "Uusi",
            "organisation_type": "ngo",
        }
    )
    return document


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"{PAGE}export/json/").status_code == 302


def test_network_partners_are_refused(client, partner_user, sign_in, full_register):
    sign_in(client, partner_user)

    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}export/json/").status_code == 403
    response = client.post(PAGE, {"file": _json_upload(_changed_document())})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name_fi="Uusi").exists()


def test_admin_users_without_register_permissions_are_refused(make_account, sign_in, client, db):
    from django.contrib.auth.models import Permission

    user = make_account("editor@example.org", totp=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)

    assert client.get("/admin/").status_code == 200
    assert client.get(PAGE).status_code in (302, 403)
    assert client.get(f"{PAGE}export/json/").status_code in (302, 403)
    assert "ecosystem-exchange" not in client.get("/admin/").content.decode()


def test_staff_see_the_page_in_the_ecosystem_menu(staff_client, full_register):
    home = staff_client.get("/admin/").content.decode()
    assert "ecosystem-exchange" in home  # the menu item, inside the Ecosystem menu data

    page = staff_client.get(PAGE)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Import / export" in text
    for name in ("json", "xlsx", "csv", "graphml", "hsds"):
        assert f"{PAGE}export/{name}/" in text
    assert 'type="file"' in text


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "application/zip"),
        ("graphml", "application/graphml+xml"),
        ("hsds", "application/zip"),
    ],
)
def test_downloads(staff_client, full_register, name, content_type, tmp_path):
    response = staff_client.get(f"{PAGE}export/{name}/")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="keko-ekosysteemi')
    content = response.content
    if name == "json":
        assert json.loads(content) == export_document()
    elif name == "xlsx":
        assert "Palvelut" in load_workbook(io.BytesIO(content)).sheetnames
    elif name == "csv":
        assert "palvelut.csv" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    elif name == "graphml":
        (tmp_path / "g.graphml").write_bytes(content)
        assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 6
    else:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        assert {"organizations.json", "services.json", "service_at_locations.json"} <= set(names)


def test_unknown_download_format(staff_client, db):
    assert staff_client.get(f"{PAGE}export/pdf/").status_code == 404


def test_upload_previews_then_confirm_imports(staff_client, full_register):
    before = document_json(export_document())

    preview = staff_client.post(PAGE, {"file": _json_upload(_changed_document())})

    assert preview.status_code == 200
    text = preview.content.decode()
    assert "register.json is valid. Nothing is saved yet" in text
    services_row = text[text.index('<th scope="row">Services</th>') :][:120]
    assert "<td>0</td><td>1</td><td>2</td><td>0</td>" in services_row
    assert document_json(export_document()) == before  # the preview wrote nothing
    token = preview.context["token"]

    done = staff_client.post(CONFIRM, {"token": token}, follow=True)

    assert done.status_code == 200
    assert "Imported register.json" in done.content.decode()
    assert Service.objects.get(name_fi="Ohjaamo").name_sv == "Navigatorn"
    assert Organisation.objects.filter(name_fi="Uusi").exists()
    # The token works once.
    again = staff_client.post(CONFIRM, {"token": token}, follow=True)
    assert "That upload is no longer available" in again.content.decode()


def test_invalid_upload_lists_problems_and_keeps_the_choice(staff_client, full_register):
    document = export_document()
    document["services"][0]["minimum_age"] = -3
    before = document_json(export_document())

    response = staff_client.post(
        PAGE, {"file": _json_upload(document, "bad.json"), "replace": "on"}
    )

    text = response.content.decode()
    assert "bad.json cannot be imported: 1 problem. Nothing was saved." in text
    assert "record services[0]" in text and "minimum_age" in text
    assert (
        'name="replace"' in text and "checked" in text[text.index('name="replace"') - 200 :][:400]
    )
    assert "Confirm import" not in text
    assert document_json(export_document()) == before


def test_upload_size_limit(staff_client, full_register, settings):
    settings.KEKO_IMPORT_MAX_BYTES = 100

    response = staff_client.post(PAGE, {"file": _json_upload(export_document())})

    assert "the largest file accepted is 100" in response.content.decode()


def test_upload_of_an_unsupported_type(staff_client, db):
    upload = SimpleUploadedFile("notes.txt", b"hello", "text/plain")
    response = staff_client.post(PAGE, {"file": upload})
    assert "Upload a .json, .xlsx, .zip or .csv file, not “.txt”." in response.content.decode()


def test_large_file_is_checked_and_imported_in_the_background(
    staff_client, full_register, settings
):
    settings.KEKO_IMPORT_BACKGROUND_BYTES = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    before = document_json(export_document())

    checked = staff_client.post(PAGE, {"file": _json_upload(_changed_document())}, follow=True)

    text = checked.content.decode()
    assert "register.json is large, so it is checked in the background" in text
    assert "checked: the file is valid. Nothing is saved yet" in text
    services_row = text[text.index('<th scope="row">Services</th>') :][:120]
    assert "<td>0</td><td>1</td><td>2</td><td>0</td>" in services_row
    assert document_json(export_document()) == before
    token = checked.context["jobs"][0]["token"]

    done = staff_client.post(CONFIRM, {"token": token}, follow=True)

    text = done.content.decode()
    assert "register.json is being imported in the background" in text
    assert "imported." in text
    assert "Services: 0 created, 1 updated, 2 unchanged, 0 deleted" in text
    assert Service.objects.get(name_fi="Ohjaamo").name_sv == "Navigatorn"


def test_large_invalid_file_lists_problems_and_cannot_be_confirmed(
    staff_client, full_register, settings
):
    settings.KEKO_IMPORT_BACKGROUND_BYTES = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document = _changed_document()
    document["services"][0]["status"] = "closed"

    checked = staff_client.post(PAGE, {"file": _json_upload(document)}, follow=True)

    text = checked.content.decode()
    assert "nothing was imported:" in text and "“closed” is not one of the allowed codes" in text
    assert "Confirm import" not in text
    token = checked.context["jobs"][0]["token"]
    refused = staff_client.post(CONFIRM, {"token": token}, follow=True)
    assert "The file has not passed its check: nothing was imported." in (refused.content.decode())
    assert not Organisation.objects.filter(name_fi="Uusi").exists()


def test_uploads_never_confirmed_are_forgotten_after_a_day(staff_client, full_register, settings):
    import os
    import time
    from pathlib import Path

    staff_client.post(PAGE, {"file": _json_upload(_changed_document())})
    stored = list((Path(settings.MEDIA_ROOT) / "ecosystem-imports").glob("*/*"))
    assert len(stored) == 1
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stored[0], (two_days_ago, two_days_ago))

    staff_client.post(PAGE, {"file": _json_upload(_changed_document())})

    assert not stored[0].exists()
    assert len(list((Path(settings.MEDIA_ROOT) / "ecosystem-imports").glob("*/*"))) == 1
