"""The site shell as a visitor gets it: language, landmarks, navigation, footer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied, server_error
from wagtail.models import Page

from cms_pages.models import StandardPage
from tests.cms_pages.conftest import soup

FUNDING_TEXT = {
    "fi": "Euroopan unionin osarahoittama",
    "sv": "Medfinansieras av Europeiska unionen",
    "en": "Co-funded by the European Union",
}
STATEMENT_LINK_TEXT = {
    "fi": "Saavutettavuusseloste",
    "sv": "Tillgänglighetsutlåtande",
    "en": "Accessibility statement",
}
HOME_PATHS = {"fi": "/", "sv": "/sv/", "en": "/en/"}


def _language_links(html) -> dict[str, str]:
    switcher = html.find("nav", class_="language-switcher")
    return {a["lang"]: a["href"] for a in switcher.find_all("a")}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_page_in_each_language(client, demo_pages, language):
    response = client.get(HOME_PATHS[language])
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    h1s = html.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].get_text(strip=True) == demo_pages["home"][language].title
    # Skip link to the main landmark.
    skip = html.find("a", class_="skip-link")
    assert skip["href"] == "#main-content"
    main = html.find(id="main-content")
    assert main.name == "main"
    assert html.find("header") and html.find("footer")
    assert html.find("nav", attrs={"aria-label": True}, class_="main-nav")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_hreflang_alternates_list_every_translation_and_x_default(
    client, demo_pages, language, settings
):
    settings.BASE_URL = "https://keko.example.fi"
    html = soup(client.get(HOME_PATHS[language]))
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
    assert alternates == {
        "fi": "https://keko.example.fi/",
        "sv": "https://keko.example.fi/sv/",
        "en": "https://keko.example.fi/en/",
        "x-default": "https://keko.example.fi/",
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_footer_shows_the_localized_eu_funding_and_emblem(client, demo_pages, language):
    footer = soup(client.get(HOME_PATHS[language])).find("footer")
    assert FUNDING_TEXT[language] in footer.get_text(" ", strip=True)
    for other, text in FUNDING_TEXT.items():
        if other != language:
            assert text not in footer.get_text(" ", strip=True)
    emblem = footer.find("img", class_="eu-funding__emblem")
    assert emblem["src"].endswith("img/eu-emblem.svg")
    assert emblem["alt"]


def test_footer_names_the_consortium_and_contact(client, demo_pages):
    text = soup(client.get("/")).find("footer").get_text(" ", strip=True)
    for name in ("Keusote", "Keski-Uudenmaan TE-palvelut", "Työterveyslaitos"):
        assert name in text
    assert "keko@example.org" in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_accessibility_statement_link_leads_to_the_statement_in_that_language(
    client, demo_pages, language
):
    footer = soup(client.get(HOME_PATHS[language])).find("footer")
    link = footer.find("a", string=STATEMENT_LINK_TEXT[language])
    assert link is not None
    statement = demo_pages["statement"][language]
    assert link["href"] == statement.url
    response = client.get(link["href"])
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == statement.title


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_language_switcher_links_to_the_translations_of_the_current_page(
    client, demo_pages, language
):
    about = demo_pages["about"]
    html = soup(client.get(about[language].url))
    links = _language_links(html)
    assert links == {code: page.url for code, page in about.items()}
    assert links["sv"].startswith("/sv/") and links["en"].startswith("/en/")
    current = html.find("nav", class_="language-switcher").find_all(attrs={"aria-current": True})
    assert [a["lang"] for a in current] == [language]


def test_language_switcher_falls_back_to_the_home_page_of_a_missing_translation(client, demo_pages):
    home = demo_pages["home"]["fi"]
    only_finnish = StandardPage(title="Vain suomeksi", slug="vain-suomeksi", show_in_menus=True)
    home.add_child(instance=only_finnish)
    links = _language_links(soup(client.get("/vain-suomeksi/")))
    assert links == {"fi": "/vain-suomeksi/", "sv": "/sv/", "en": "/en/"}


def test_language_switcher_on_a_django_view_links_to_the_same_view(client, demo_pages, settings):
    html = soup(client.get("/sv/accounts/login/"))
    assert html.html["lang"] == "sv"
    assert _language_links(html) == {
        "fi": "/accounts/login/",
        "sv": "/sv/accounts/login/",
        "en": "/en/accounts/login/",
    }
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
    assert alternates["x-default"] == f"{settings.BASE_URL}/accounts/login/"
    assert alternates["en"] == f"{settings.BASE_URL}/en/accounts/login/"


def test_language_switcher_keeps_the_query_string_of_the_same_view(client, demo_pages):
    html = soup(client.get("/ecosystem/map/text/?tg=immigrants&mun=106"))
    links = _language_links(html)
    assert links["sv"] == "/sv/ecosystem/map/text/?tg=immigrants&mun=106"
    assert links["en"] == "/en/ecosystem/map/text/?tg=immigrants&mun=106"
    # The links of alternate languages for search engines stay without it.
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
    assert "?" not in alternates["sv"]


def test_main_navigation_lists_the_localized_menu_pages(client, demo_pages):
    for language, path in HOME_PATHS.items():
        nav = soup(client.get(path)).find("nav", class_="main-nav")
        titles = [a.get_text(strip=True) for a in nav.find_all("a")]
        assert demo_pages["about"][language].title in titles
        # The statement is in the footer, not in the menu.
        assert demo_pages["statement"][language].title not in titles


def test_navigation_marks_the_current_page(client, demo_pages):
    about = demo_pages["about"]["fi"]
    nav = soup(client.get(about.url)).find("nav", class_="main-nav")
    current = nav.find(attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == about.title


def test_page_outside_the_menu_is_not_listed(client, demo_pages):
    home = demo_pages["home"]["fi"]
    home.add_child(instance=StandardPage(title="Piilosivu", slug="piilosivu"))
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    assert "Piilosivu" not in nav.get_text()


@pytest.mark.parametrize("path", ["/", "/sv/", "/en/", "/hankkeesta/", "/en/about-the-project/"])
def test_anonymous_pages_set_no_cookie_and_carry_no_csrf_token(client, demo_pages, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert 'method="post"' not in body.lower()
    html = soup(response)
    assert html.find("a", href=lambda href: href and href.startswith(reverse("account_login")))


def test_signed_in_user_gets_account_links_and_a_sign_out_form(
    client, demo_pages, django_user_model
):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pass-word-123")
    client.force_login(user)
    html = soup(client.get("/"))
    form = html.find("form", action=reverse("account_logout"))
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("button", type="submit")
    assert not html.find("a", href=lambda href: href and href.startswith(reverse("account_login")))


def test_no_inline_script_or_style(client, demo_pages):
    for path in ("/", "/hankkeesta/", "/en/"):
        html = soup(client.get(path))
        for script in html.find_all("script"):
            assert script.get("src"), f"inline script on {path}"
        assert not html.find("style")
        assert not html.find(attrs={"style": True})
        for tag in html.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), tag.name


def test_not_found_page_renders_in_the_shell(client, demo_pages):
    response = client.get("/ei-ole-olemassa/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "fi"
    assert len(html.find_all("h1")) == 1
    assert html.h1.get_text(strip=True) == "Sivua ei löytynyt"
    assert html.find(id="main-content")
    assert FUNDING_TEXT["fi"] in html.find("footer").get_text(" ", strip=True)
    # No alternates for a page that does not exist; the switcher offers the home pages.
    assert not html.find_all("link", rel="alternate")
    assert _language_links(html) == {"fi": "/", "sv": "/sv/", "en": "/en/"}


def test_not_found_page_in_english(client, demo_pages):
    response = client.get("/en/missing-page/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == "Page not found"


def test_server_error_page_needs_no_database(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("sv"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = soup(response)
    assert html.html["lang"] == "sv"
    assert len(html.find_all("h1")) == 1
    assert FUNDING_TEXT["sv"] in html.find("footer").get_text(" ", strip=True)
    assert _language_links(html) == {"fi": "/", "sv": "/sv/", "en": "/en/"}


def test_permission_denied_template_renders_in_the_shell(rf, demo_pages):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = soup(response)
    assert len(html.find_all("h1")) == 1
    assert html.find(id="main-content")
    assert html.find("footer")


def test_page_titles_are_in_the_head(client, demo_pages):
    html = soup(client.get("/hankkeesta/"))
    assert html.title.get_text() == "Hankkeesta – KEKO"
    home = soup(client.get("/"))
    assert home.title.get_text() == demo_pages["home"]["fi"].seo_title


def test_wagtail_root_pages_never_show_in_the_menu(client, demo_pages):
    nav = soup(client.get("/")).find("nav", class_="main-nav")
    assert Page.objects.get(depth=1).title not in nav.get_text()
