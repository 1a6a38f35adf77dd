"""The demo content: what it creates, that loading it twice changes nothing, and that it
rebuilds what is missing."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, Site

from cms_pages import demo, demo_content
from cms_pages.models import HomePage, SiteSettings, StandardPage


def _snapshot():
    return (
        Page.objects.count(),
        Locale.objects.count(),
        Site.objects.count(),
        SiteSettings.objects.count(),
        sorted(Page.objects.values_list("id", "title", "slug", "latest_revision_id")),
    )


@pytest.mark.django_db
def test_demo_creates_the_pages_in_three_languages_under_the_default_site():
    demo.load()
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "fi", "sv"]
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "fi"
    assert home.project_start.isoformat() == "2026-01-01"
    assert home.project_end.isoformat() == "2028-06-30"
    assert len(home.goals) == 3
    assert [block.value["name"] for block in home.consortium] == [
        "Keusote – Keski-Uudenmaan hyvinvointialue",
        "Keski-Uudenmaan TE-palvelut",
        "Työterveyslaitos",
    ]
    assert "Kaakkois-Suomen elinvoimakeskus" in home.funding
    translations = {p.locale.language_code: p for p in home.get_translations(inclusive=True)}
    assert set(translations) == {"fi", "sv", "en"}
    assert all(page.live for page in translations.values())
    for key in (demo_content.ABOUT_KEY, demo_content.STATEMENT_KEY):
        versions = StandardPage.objects.filter(translation_key=key)
        assert {p.locale.language_code for p in versions} == {"fi", "sv", "en"}
        for page in versions:
            assert page.get_parent().specific.locale_id == page.locale_id
    # Wagtail's stock welcome page is gone.
    assert not Page.objects.filter(title=demo.WAGTAIL_WELCOME_TITLE).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/sv/", "/en/"])
def test_every_consortium_card_on_the_home_page_links_to_its_partner(client, path):
    demo.load()
    page = BeautifulSoup(client.get(path).content, "html.parser")
    cards = page.select(".card--partner")
    assert len(cards) == 3
    for card in cards:
        link = card.select_one(".card__title a")
        assert link is not None, card.get_text(strip=True)
        assert link["href"].startswith("https://")


@pytest.mark.django_db
def test_about_page_tells_the_project_facts_from_the_source_document():
    demo.load()
    about = StandardPage.objects.get(
        translation_key=demo_content.ABOUT_KEY, locale__language_code="fi"
    )
    text = " ".join(str(block.value) for block in about.body)
    for fact in (
        "1.1.2026–30.6.2028",
        "Työterveyslaitos",
        "Kaakkois-Suomen elinvoimakeskus",
        "ESR+",
        "Tilannekuva 1",
        "Tilannekuva 2",
        "15.4.2026",
        "syyskuuhun 2026",
    ):
        assert fact in text, fact


@pytest.mark.django_db
def test_accessibility_statement_follows_the_finnish_model():
    demo.load()
    statement = StandardPage.objects.get(
        translation_key=demo_content.STATEMENT_KEY, locale__language_code="fi"
    )
    text = " ".join(str(block.value) for block in statement.body)
    assert "täyttää osittain" in text
    assert "306/2019" in text
    assert demo_content.CONTACT_EMAIL in text
    assert "Traficom" in text
    assert "Etelä-Suomen aluehallintovirasto" in text


@pytest.mark.django_db
def test_footer_settings_point_to_the_finnish_statement():
    demo.load()
    footer = SiteSettings.objects.get(site__is_default_site=True)
    assert footer.contact_email == demo_content.CONTACT_EMAIL
    assert footer.accessibility_statement.translation_key == demo_content.STATEMENT_KEY
    assert footer.accessibility_statement.locale.language_code == "fi"


@pytest.mark.django_db
def test_loading_twice_changes_and_duplicates_nothing():
    first = demo.load()
    assert first.startswith("Demo pages created")
    before = _snapshot()
    assert demo.load() == "Demo pages: nothing to add."
    assert _snapshot() == before


@pytest.mark.django_db
def test_loading_again_keeps_what_an_editor_changed():
    demo.load()
    home = HomePage.objects.get(translation_key=demo_content.HOME_KEY, locale__language_code="fi")
    home.title = "Toimittajan otsikko"
    home.lead = "Toimittajan kirjoittama johdanto."
    home.save_revision().publish()
    footer = SiteSettings.objects.get()
    footer.contact_email = "toimitus@example.org"
    footer.save()

    demo.load()

    home.refresh_from_db()
    assert home.title == "Toimittajan otsikko"
    assert home.lead == "Toimittajan kirjoittama johdanto."
    assert SiteSettings.objects.get().contact_email == "toimitus@example.org"


@pytest.mark.django_db
def test_a_deleted_translation_is_recreated():
    demo.load()
    StandardPage.objects.get(
        translation_key=demo_content.ABOUT_KEY, locale__language_code="sv"
    ).delete()
    assert "Om projektet" in demo.load()
    assert StandardPage.objects.filter(translation_key=demo_content.ABOUT_KEY).count() == 3


@pytest.mark.django_db
def test_loads_into_a_database_without_the_wagtail_tree_site_or_locales(client):
    # What a transactional test's flush leaves: no root page, no Site, no Locale. (Not a
    # transactional test itself: its flush would wipe the migrations' data for later tests.)
    Site.objects.all().delete()
    Page.get_first_root_node().delete()
    Locale.objects.all().delete()
    assert not Page.objects.exists()

    demo.load()

    root = Page.get_first_root_node()
    assert root.depth == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert Page.objects.count() == 1 + 3 * 3
    before = _snapshot()
    demo.load()
    assert _snapshot() == before
    response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
