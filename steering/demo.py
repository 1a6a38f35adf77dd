"""Demo content of the steering area: the private area "Ohjausryhmä" under each language's
home page, its meeting index and the organising meeting of 15.4.2026 with its agenda as a
PDF in the private collection.

`load()` is idempotent: pages are found by fixed translation keys, the document by its title
in the steering collection; nothing that exists is overwritten. The area gets its group
restriction from steering.signals as it is created, like one made in the admin.
"""

import datetime as dt
import textwrap
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms_pages import demo_content as cms_content
from cms_pages.demo import _publish
from steering import demo_content as content
from steering.models import MeetingDocument, MeetingIndexPage, MeetingPage, SteeringAreaPage
from steering.pdf import text_pdf
from steering.privacy import private_collection

PDF_WIDTH = 90


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://keko.invalid/steering/{name}")


AREA_KEY = _key("area")
MEETING_INDEX_KEY = _key("meeting-index")
MEETING_KEY = _key("organising-meeting-2026-04-15")


def _ensure(key, parents: dict, build, created: list) -> dict[str, Page]:
    """The page of each language in `parents`, created (and published) when missing."""
    pages = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=key).select_related("locale")
    }
    for code, parent in parents.items():
        if code not in pages:
            page = build(code)
            page.translation_key = key
            page.locale = parent.locale
            pages[code] = _publish(parent, page)
            created.append(f"{page._meta.verbose_name} ({code}): {page.title}")
    return pages


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _agenda(code: str) -> list:
    blocks = []
    for title, description, proposal in content.AGENDA[code]:
        value = {"title": title, "presenter": "", "proposal": proposal}
        value["description"] = RichText(f"<p>{description}</p>" if description else "")
        blocks.append(("item", value))
    return blocks


def _minutes(code: str) -> list:
    blocks = [("paragraph", RichText(f"<p>{content.DEMO_NOTE[code]}</p>"))]
    for matter, decision in content.DECISIONS[code]:
        blocks.append(("decision", {"matter": matter, "decision": decision}))
    return blocks


def document_lines() -> list[str]:
    """The text of the demo agenda PDF (Finnish), wrapped for the page."""
    lines = [content.DOCUMENT_TITLE, "", *textwrap.wrap(content.DEMO_NOTE["fi"], PDF_WIDTH), ""]
    meeting = content.MEETING["fi"]
    lines.append(f"Aika: 15.4.2026 klo {content.MEETING_START:%H.%M}–{content.MEETING_END:%H.%M}")
    lines.append(f"Paikka: {meeting['location']}")
    lines += ["", "ESITYSLISTA", ""]
    for number, (title, description, proposal) in enumerate(content.AGENDA["fi"], start=1):
        lines.append(f"{number}. {title}")
        for text in (description, f"Ehdotus: {proposal}" if proposal else ""):
            lines += textwrap.wrap(text, PDF_WIDTH, initial_indent="   ", subsequent_indent="   ")
        lines.append("")
    return lines


def _ensure_document(created: list):
    Document = get_document_model()
    collection = private_collection()
    document = Document.objects.filter(collection=collection, title=content.DOCUMENT_TITLE).first()
    if document is None:
        data = text_pdf(content.DOCUMENT_TITLE, document_lines())
        document = Document(title=content.DOCUMENT_TITLE, collection=collection)
        document.file.save(content.DOCUMENT_FILENAME, ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
        created.append(f"document: {document.title}")
    return document


def _meeting_builder(document):
    def build(code: str) -> MeetingPage:
        return _build_meeting(code, document)

    return build


def _build_meeting(code: str, document) -> MeetingPage:
    """The meeting with its document attached before the first revision, so the admin's
    editor shows the attachment (it edits the latest revision)."""
    spec = content.MEETING[code]
    return MeetingPage(
        title=spec["title"],
        slug=spec["slug"],
        start=_aware(content.MEETING_DATE, content.MEETING_START),
        end=_aware(content.MEETING_DATE, content.MEETING_END),
        location=spec["location"],
        summary=spec["summary"],
        agenda=_agenda(code),
        minutes=_minutes(code),
        attached_documents=[
            MeetingDocument(document=document, title=content.DOCUMENT_LINK_TEXT[code])
        ],
    )


def load() -> str:
    """Create the missing steering-area demo pages and document; return what was created."""
    created: list[str] = []
    homes = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=cms_content.HOME_KEY).select_related(
            "locale"
        )
    }
    if not homes:
        return ""
    areas = _ensure(AREA_KEY, homes, lambda code: SteeringAreaPage(**content.AREA[code]), created)
    indexes = _ensure(
        MEETING_INDEX_KEY,
        areas,
        lambda code: MeetingIndexPage(**content.MEETING_INDEX[code]),
        created,
    )
    document = _ensure_document(created)
    _ensure(MEETING_KEY, indexes, _meeting_builder(document), created)
    return "\n".join(created)
