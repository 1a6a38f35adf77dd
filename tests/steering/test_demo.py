"""The steering demo: loads once, twice without changes, private from the start."""

import re
import zlib

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from cms_pages import demo as cms_demo
from steering import demo
from steering.demo_content import AGENDA
from steering.models import MeetingDocument, MeetingPage, SteeringAreaPage
from steering.pdf import text_pdf
from steering.privacy import AREA_GROUP_NAMES, COLLECTION_NAME


def _counts():
    return (
        Page.objects.count(),
        PageViewRestriction.objects.count(),
        get_document_model().objects.count(),
        MeetingDocument.objects.count(),
    )


def test_demo_creates_the_private_area_in_every_language(steering_demo):
    assert set(steering_demo.areas) == {"fi", "sv", "en"}
    assert steering_demo.area.title == "Ohjausryhmä"
    assert steering_demo.area.get_parent().specific_class.__name__ == "HomePage"
    for area in steering_demo.areas.values():
        restriction = PageViewRestriction.objects.get(page=area)
        assert restriction.restriction_type == BaseViewRestriction.GROUPS
        assert set(restriction.groups.values_list("name", flat=True)) == set(AREA_GROUP_NAMES)
        assert not area.show_in_menus


def test_demo_meeting_of_15_april_2026_with_its_private_document(steering_demo):
    meeting = steering_demo.meeting
    assert meeting.start.date().isoformat() == "2026-04-15"
    assert meeting.live
    assert meeting.get_parent().get_parent().pk == steering_demo.area.pk
    assert [block.value["title"] for block in meeting.agenda] == [row[0] for row in AGENDA["fi"]]
    document = steering_demo.document
    assert document.collection.name == COLLECTION_NAME
    assert document.collection.get_view_restrictions().exists()
    assert MeetingDocument.objects.filter(page=meeting, document=document).exists()
    # The attachment is in the page's revision too, so the admin's editor shows it.
    revision_page = meeting.get_latest_revision_as_object()
    assert [item.document_id for item in revision_page.attached_documents.all()] == [document.pk]
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_demo_loads_twice_without_changes(steering_demo):
    before = _counts()
    assert demo.load() == ""
    assert _counts() == before


@pytest.mark.heavy
def test_load_demo_content_command_runs_twice(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    first = _counts()
    assert SteeringAreaPage.objects.count() == 3 and MeetingPage.objects.count() == 3
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert _counts() == first


def test_demo_needs_the_home_pages(db):
    assert demo.load() == ""
    assert not SteeringAreaPage.objects.exists()


def test_demo_does_not_overwrite_an_edited_meeting(steering_demo):
    meeting = steering_demo.meeting
    meeting.title = "Muokattu otsikko"
    meeting.save_revision().publish()
    demo.load()
    meeting.refresh_from_db()
    assert meeting.title == "Muokattu otsikko"


@pytest.mark.parametrize("lines", [["Hei äöå (sulut) \\ kenoviiva"], ["rivi"] * 120, []])
def test_generated_pdf_is_well_formed(lines):
    data = text_pdf("Otsikko ä", lines)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[start:].startswith(b"xref")
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(f"{number} 0 obj".encode())
    text = b"".join(
        zlib.decompress(stream)
        for stream in re.findall(rb"stream\n(.*?)\nendstream", data, flags=re.S)
    )
    for line in lines:
        escaped = line.encode("cp1252").replace(b"\\", b"\\\\")
        escaped = escaped.replace(b"(", b"\\(").replace(b")", b"\\)")
        assert b"(" + escaped + b") Tj" in text
    pages = max(1, -(-len(lines) // 50))
    assert data.count(b"/Type /Page ") == pages


def test_demo_document_text_has_the_agenda():
    lines = demo.document_lines()
    assert lines[0].startswith("Ohjausryhmän järjestäytymiskokous 15.4.2026")
    assert "1. Kokouksen avaus" in lines
    assert any("Demosisältö" in line for line in lines)


def test_site_demo_alone_has_no_steering_area(db):
    cms_demo.load()
    assert not SteeringAreaPage.objects.exists()
