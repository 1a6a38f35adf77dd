"""The Finnish admin as an editor walks it: no English from a known list of strings that
Wagtail's and Django's own catalogues leave untranslated (the project's catalogue fills
them), the users list shows roles, and new pages get ASCII slugs."""

import json
import re
from html import unescape

from django.urls import reverse

from cms_pages.news import NewsCategory

from .conftest import soup
from .news_fixtures import news_index

# English an editor met in the Finnish admin. Each must be gone from every page below.
UNTRANSLATED = [
    "Exploring",
    "Search all pages",
    "There are no ",
    "Why not",
    "add one",
    "Sort menu order",
    "Sort by '",
    "Moderators approval",
    "Project staff approval",
    "Guest blog review",
    "Toggle status",
    "Toggle section",
    "Toggle preview",
    "Toggle comments",
    "Toggle checks",
    "More options for",
    "Go to the first error",
    "Correct the validation errors",
    "This publishing schedule will only",
    "We extract the main content",
    "If you just want to add pages",
    'aria-label="Actions"',
    'title="True"',
    'title="False"',
    "This password is too short",
]


def _english_in(html: str) -> list[str]:
    text = unescape(html)
    return [phrase for phrase in UNTRANSLATED if phrase in text or phrase in html]


def _editor_pages(demo_pages):
    home = demo_pages["home"]["fi"]
    about = demo_pages["about"]["fi"]
    index = news_index(home)
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/{home.pk}/edit/",
        reverse("wagtailadmin_pages:add", args=["cms_pages", "newspage", index.pk]),
        "/admin/users/",
        "/admin/users/?is_active=true",
        "/admin/invitations/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/snippets/cms_pages/newscategory/",
        "/admin/snippets/ecosystem/organisation/",
        "/admin/newsletter_lists/",
        "/admin/images/",
        "/admin/documents/",
    ]


def test_the_admin_an_editor_walks_has_no_untranslated_strings(
    client, demo_pages, admin_user, sign_in
):
    NewsCategory.objects.all().delete()  # an empty listing: "There are no … Why not add one?"
    sign_in(client, admin_user)
    found = {}
    for url in _editor_pages(demo_pages):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
        assert response.status_code == 200, url
        english = _english_in(response.content.decode())
        if english:
            found[url] = english
    assert found == {}


def test_password_too_short_is_finnish_on_the_password_change_page(
    client, demo_pages, admin_user, sign_in
):
    sign_in(client, admin_user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": admin_user.test_password, "password1": "Ab1", "password2": "Ab1"},
    )
    html = unescape(response.content.decode())
    assert "This password is too short" not in html
    assert "liian lyhyt" in html


def test_users_list_shows_each_persons_role(
    client, demo_pages, admin_user, partner_user, steering_user, sign_in
):
    sign_in(client, admin_user)
    page = soup(client.get("/admin/users/"))
    headings = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
    rows = {
        row.select_one("td.username").get_text(strip=True): row.get_text(" ", strip=True)
        for row in page.select("table tbody tr")
    }
    assert "Rooli" in headings
    assert "Verkostokumppanit" in rows[partner_user.email]
    assert "Ohjausryhmä" in rows[steering_user.email]
    assert "Hankehenkilöstö" in rows[admin_user.email]


def test_new_pages_get_ascii_slugs_from_finnish_titles(client, demo_pages, admin_user, sign_in):
    """WAGTAIL_ALLOW_UNICODE_SLUGS is off: the editor's slug field makes ASCII of the title
    in the browser ("Työpajat" → "tyopajat"; Wagtail leaves its allow-unicode flag out of
    the field), and a page saved without a slug gets an ASCII one on the server."""
    from cms_pages.models import StandardPage

    sign_in(client, admin_user)
    home = demo_pages["home"]["fi"]
    url = reverse("wagtailadmin_pages:add", args=["cms_pages", "standardpage", home.pk])
    html = client.get(url).content.decode()
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-allow-unicode-value" not in html

    page = home.add_child(instance=StandardPage(title="Työpajat ja kokoontumiset"))
    assert page.slug == "tyopajat-ja-kokoontumiset"


def test_news_category_picker_offers_the_pages_own_language(
    client, demo_pages, admin_user, sign_in
):
    from wagtail.models import Locale

    sign_in(client, admin_user)
    fi, sv = Locale.objects.get(language_code="fi"), Locale.objects.get(language_code="sv")
    NewsCategory.objects.create(name="Hankeuutiset X", slug="hankeuutiset-x", locale=fi)
    NewsCategory.objects.create(name="Projektnyheter X", slug="projektnyheter-x", locale=sv)
    swedish_index = news_index(demo_pages["home"]["sv"], title="Aktuellt", slug="aktuellt")

    url = reverse("wagtailadmin_pages:add", args=["cms_pages", "newspage", swedish_index.pk])
    html = client.get(url).content.decode()

    assert "Projektnyheter X" in html
    assert "Hankeuutiset X" not in html


def test_sidebar_menu_labels_fit_the_sidebar(client, demo_pages, admin_user, sign_in):
    """The sidebar cuts a label longer than about 24 characters ("Ohjausryhmän …")."""
    sign_in(client, admin_user)
    html = unescape(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fi").content.decode())
    labels = [json.loads(f'"{raw}"') for raw in re.findall(r'"label": "((?:[^"\\]|\\.)+)"', html)]
    assert "Ohjausryhmä" in labels
    long = [label for label in labels if len(label) > 24]
    # Wagtail's own upgrade notice ("Mitä uutta Wagtail 8.0 sisältää") is not a menu item.
    assert [label for label in long if "Wagtail" not in label] == []
