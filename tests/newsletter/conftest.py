"""Fixtures of the newsletter tests: a real SMTP sink, lists, subscribers, an issue page."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from newsletter.models import (
    MailingList,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscriber,
    Subscription,
)
from tests.newsletter.smtp_sink import start_sink

BASE_URL = "https://keko.example.fi"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(scope="session")
def _sink_server():
    controller, handler = start_sink()
    yield controller, handler
    controller.stop()


@pytest.fixture
def smtp_sink(_sink_server, settings):
    """Mail goes over real SMTP to an aiosmtpd server on 127.0.0.1; returns its handler."""
    controller, handler = _sink_server
    handler.clear()
    handler.refuse.clear()
    handler.refuse_sender = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    return handler


@pytest.fixture(autouse=True)
def _newsletter_settings(settings, tmp_path):
    settings.BASE_URL = BASE_URL
    settings.NEWSLETTER_JOURNAL_DIR = str(tmp_path / "newsletter-journal")
    settings.PAGE_CACHE_SECONDS = 600
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def lists(db):
    general = MailingList.objects.create(
        slug="general", name_fi="Yleinen", name_sv="Allmän", name_en="General", sort_order=1
    )
    partners = MailingList.objects.create(
        slug="partners",
        name_fi="Kumppanit",
        name_sv="Partner",
        name_en="Partners",
        sort_order=2,
    )
    return {"general": general, "partners": partners}


def make_subscriber(email, mailing_list, *, language="fi", status="confirmed"):
    subscriber = Subscriber.objects.create(email=email, language=language)
    Subscription.objects.create(
        subscriber=subscriber,
        mailing_list=mailing_list,
        status=status,
        confirmed_at=timezone.now() if status == "confirmed" else None,
    )
    return subscriber


@pytest.fixture
def subscriber_factory(lists):
    return make_subscriber


@pytest.fixture
def home(db):
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


@pytest.fixture
def archive(home):
    index = NewsletterIndexPage(title="Uutiskirje", slug="uutiskirje", intro="Kaikki numerot.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def issue_body(news_page_id):
    return [
        {"type": "heading", "value": {"text": "Tilannekuva 1 etenee", "level": "h2"}},
        {
            "type": "paragraph",
            "value": '<p>Lue <a href="https://www.ttl.fi/">TTL:n sivuilta</a> ja '
            f'<a linktype="page" id="{news_page_id}">etusivulta</a>.</p>',
        },
        {"type": "quote", "value": {"quote": "Yhdessä enemmän.", "attribution": "Hanke"}},
        {
            "type": "callout",
            "value": {"title": "Ohjausryhmä", "text": "<p>Kokous 15.4.2026.</p>", "tone": "info"},
        },
        {"type": "news_items", "value": {"heading": "Uutisia", "pages": [news_page_id]}},
    ]


@pytest.fixture
def news_page(home):
    page = Page(title="Hanke käynnistyi", slug="hanke-kaynnistyi", search_description="Lyhyesti.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def issue(archive, news_page):
    page = NewsletterIssuePage(
        title="KEKO käynnistyy",
        slug="keko-kaynnistyy",
        lead="Ensimmäinen uutiskirje.",
        body=issue_body(news_page.pk),
    )
    archive.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def english_issue(issue):
    """The issue's English translation (its parents get English aliases)."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = issue.copy_for_translation(english, copy_parents=True, alias=False)
    translated.title = "KEKO gets going"
    translated.lead = "The first newsletter."
    translated.body = [
        {"type": "paragraph", "value": "<p>Situational picture 1 is under way.</p>"},
    ]
    translated.save_revision().publish()
    return translated
