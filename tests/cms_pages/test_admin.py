"""Project staff edit the pages and the footer settings in the Wagtail admin."""

from django.urls import reverse
from wagtail.models import Site

from cms_pages.models import StandardPage


def test_staff_open_the_editor_of_every_page_type(client, demo_pages, staff_user, sign_in):
    sign_in(client, staff_user)
    for page in (demo_pages["home"]["fi"], demo_pages["about"]["sv"]):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_staff_add_a_standard_page_under_the_home_page(client, demo_pages, staff_user, sign_in):
    sign_in(client, staff_user)
    home = demo_pages["home"]["fi"]
    url = reverse("wagtailadmin_pages:add", args=["cms_pages", "standardpage", home.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Ajankohtaista",
            "slug": "ajankohtaista",
            "intro": "Uutisia hankkeesta.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="ajankohtaista")
    assert page.live and page.get_parent().pk == home.pk
    assert client.get("/ajankohtaista/").status_code == 200


def test_staff_edit_the_footer_settings(client, demo_pages, staff_user, sign_in):
    sign_in(client, staff_user)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms_pages", "sitesettings", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "keko@example.org" in response.content.decode()
