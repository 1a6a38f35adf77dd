"""Demo content: lists, the archive and the first issue in three languages (fi, sv, en)."""

import pytest

from newsletter.demo import load
from newsletter.models import MailingList, NewsletterIndexPage, NewsletterIssuePage
from newsletter.services.sending import send_run, send_start
from tests.newsletter.conftest import make_subscriber

# The whole demo site, news and newsletter: scheduled first (tests/scheduling.py).
pytestmark = pytest.mark.heavy


@pytest.fixture
def newsletter_demo(site_and_news_demo, recorded_load):
    """The demo site and news with the newsletter demo on top, as the loaders leave them (the
    newsletter loader itself runs in test_demo_is_idempotent_and_complete)."""
    recorded_load("newsletter demo on the site and news", load)


def test_demo_is_idempotent_and_complete(site_and_news_demo):
    first = load()
    assert "KEKO-hanke käynnistyi" in first
    assert load() == "Newsletter demo: nothing to add."
    assert set(MailingList.objects.values_list("slug", flat=True)) == {"general", "partners"}
    assert NewsletterIndexPage.objects.count() == 3
    issues = NewsletterIssuePage.objects.live()
    assert sorted(issues.values_list("locale__language_code", flat=True)) == ["en", "fi", "sv"]
    assert len({issue.translation_key for issue in issues}) == 1


def test_demo_pages_are_served(client, newsletter_demo):
    archive = client.get("/uutiskirje/")
    assert archive.status_code == 200
    html = archive.content.decode()
    assert "KEKO-hanke käynnistyi" in html and 'name="consent"' in html
    assert "csrfmiddlewaretoken" not in html and not archive.cookies
    issue = client.get("/uutiskirje/keko-hanke-kaynnistyi/")
    assert issue.status_code == 200
    text = issue.content.decode()
    assert "15.4.2026" in text and "Tilannekuva 1" in text
    assert "Hankkeen ohjausryhmä järjestäytyi" in text  # the news items block
    assert client.get("/en/newsletters/keko-project-has-started/").status_code == 200
    assert client.get("/sv/nyhetsbrev/").status_code == 200
    swedish = client.get("/sv/nyhetsbrev/keko-projektet-har-startat/").content.decode()
    assert "Lägesbild 1" in swedish and "15.4.2026" in swedish
    assert "Projektets styrgrupp har konstituerat sig" in swedish  # Swedish news items


def test_demo_issue_is_sent_in_each_language(newsletter_demo, smtp_sink):
    general = MailingList.objects.get(slug="general")
    make_subscriber("fi@example.fi", general, language="fi")
    make_subscriber("en@example.fi", general, language="en")
    make_subscriber("sv@example.fi", general, language="sv")
    issue = NewsletterIssuePage.objects.get(locale__language_code="fi")
    send_run(send_start(issue=issue, mailing_list=general)[0])
    assert smtp_sink.to("fi@example.fi")[0].message["Subject"] == "KEKO-hanke käynnistyi"
    english = smtp_sink.to("en@example.fi")[0]
    assert english.message["Subject"] == "The KEKO project has started"
    assert "15 April 2026" in english.part("text/plain")
    swedish = smtp_sink.to("sv@example.fi")[0]
    assert swedish.message["Subject"] == "KEKO-projektet har startat"
    assert "Styrgruppen har konstituerat sig" in swedish.part("text/plain")
