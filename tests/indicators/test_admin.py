"""Project staff manage indicators in the Wagtail admin: listings with filters, forms, and
the import page (upload → preview → confirm) and CSV export; other roles are refused."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from indicators.models import Area, Group, Indicator, Observation
from tests.indicators.conftest import soup

pytestmark = pytest.mark.django_db

VALID = (
    "alue;indikaattori;ryhmä;kuukausi;arvo\r\n"
    "Tuusula;Työttömät työnhakijat;;2026-04;2100\r\n"
    "Keski-Uudenmaan työllisyysalue;unemployed;;2026-04;12000\r\n"
).encode()


def snippet_url(model: str, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_indicators_{model}:{action}", args=args)


@pytest.fixture
def staff(client, staff_user, sign_in, reference):
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client, staff_user)
    return client


def test_project_staff_have_the_model_permissions_by_migration():
    staff = AuthGroup.objects.get(name="Project staff")
    codenames = set(
        staff.permissions.filter(content_type__app_label="indicators").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        f"{action}_{model}"
        for model in ("area", "indicator", "group", "observation")
        for action in ("add", "change", "delete", "view")
    }


def test_the_values_listing_filters_by_area_and_indicator(staff):
    tuusula, area = Area.objects.get(code="858"), Area.objects.get(code="keski-uusimaa")
    unemployed = Indicator.objects.get(code="unemployed")
    everyone = Group.objects.get(code="all")
    for place, value in ((tuusula, 2090), (area, 11860)):
        Observation.objects.create(
            area=place, indicator=unemployed, group=everyone, period="2026-03-01", value=value
        )
    response = staff.get(snippet_url("observation", "list"), {"area": tuusula.pk})
    assert response.status_code == 200
    text = response.content.decode()
    assert "2090" in text and "11860" not in text


def test_staff_add_a_value_and_a_bad_one_is_refused_with_a_message(staff):
    data = {
        "indicator": Indicator.objects.get(code="unemployed").pk,
        "group": Group.objects.get(code="all").pk,
        "area": Area.objects.get(code="858").pk,
        "period": "2026-04-15",
        "value": "10.5",
        "source": "",
        "forecast": "",
    }
    response = staff.post(snippet_url("observation", "add"), data)
    assert response.status_code == 200
    assert "A number of persons is a whole number" in response.content.decode()
    assert not Observation.objects.exists()
    response = staff.post(snippet_url("observation", "add"), {**data, "value": "2100"})
    assert response.status_code == 302
    stored = Observation.objects.get()
    assert (stored.value, stored.period) == (2100, datetime.date(2026, 4, 1))


def test_upload_preview_then_confirm_imports(staff):
    page = reverse("indicators_exchange")
    response = staff.post(page, {"file": SimpleUploadedFile("huhtikuu.csv", VALID), "source": ""})
    assert response.status_code == 200
    preview = soup(response).find(id="indicator-import-preview")
    assert "huhtikuu.csv is valid. Nothing is saved yet" in preview.get_text()
    assert "2 values added" in preview.get_text()
    assert not Observation.objects.exists()
    token = preview.find("input", attrs={"name": "token"})["value"]
    response = staff.post(reverse("indicators_exchange_confirm"), {"token": token})
    assert response.status_code == 302
    assert Observation.objects.count() == 2
    # The token works once.
    staff.post(reverse("indicators_exchange_confirm"), {"token": token})
    assert Observation.objects.count() == 2


def test_a_bad_upload_lists_its_problems_and_saves_nothing(staff):
    bad = VALID + b"Porvoo;unemployed;;2026-04;5\r\n"
    response = staff.post(
        reverse("indicators_exchange"), {"file": SimpleUploadedFile("huono.csv", bad)}
    )
    alert = soup(response).find(id="indicator-import-problems")
    assert "huono.csv cannot be imported: 1 problem. Nothing was saved." in alert.get_text(" ")
    assert "row 4, field “alue”: Unknown area “Porvoo”" in alert.get_text()
    assert not Observation.objects.exists()


def test_other_file_types_are_refused_by_the_form(staff):
    response = staff.post(
        reverse("indicators_exchange"), {"file": SimpleUploadedFile("arvot.pdf", b"%PDF")}
    )
    assert "Upload a .csv, .txt or .xlsx file, not “.pdf”." in response.content.decode()


def test_export_downloads_the_values_as_csv(staff):
    Observation.objects.create(
        area=Area.objects.get(code="858"),
        indicator=Indicator.objects.get(code="unemployed"),
        group=Group.objects.get(code="all"),
        period="2026-03-01",
        value=2090,
    )
    response = staff.get(reverse("indicators_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "858;unemployed;all;2026-03;2090" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", ["steering_user", "partner_user"])
def test_other_roles_cannot_import_or_export(client, request, role, reference):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url in (reverse("indicators_exchange"), reverse("indicators_export")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"unemployed" not in response.content
    response = client.post(
        reverse("indicators_exchange"), {"file": SimpleUploadedFile("a.csv", VALID)}
    )
    assert response.status_code in (302, 403)
    assert not Observation.objects.exists()


def test_the_preview_lists_value_by_value_what_changes(staff):
    """Like the register's preview: each value added, and each changed one old → new."""
    Observation.objects.create(
        area=Area.objects.get(code="858"),
        indicator=Indicator.objects.get(code="unemployed"),
        group=Group.objects.get(code="all"),
        period="2026-04-01",
        value=2090,
    )
    response = staff.post(
        reverse("indicators_exchange"),
        {"file": SimpleUploadedFile("huhtikuu.csv", VALID), "source": ""},
    )
    preview = soup(response).find(id="indicator-import-preview")
    assert "1 value added" in preview.get_text() and "1 value changed" in preview.get_text()
    rows = {
        row.th.get_text(" ", strip=True): row.find_all("td")[-1].get_text(" ", strip=True)
        for row in preview.select("table.exchange-changes tbody tr")
    }
    assert len(rows) == 2, rows
    [changed] = [name for name in rows if "Tuusula" in name]
    assert "4/2026" in changed
    assert "2090 → 2100" in rows[changed]
    assert changed.startswith("Unemployed job seekers · All · Tuusula")
    [added] = [name for name in rows if "Central Uusimaa employment area" in name]
    assert rows[added] == "Created"
    assert Observation.objects.get().value == 2090  # nothing saved before the confirmation
