"""Addresses of the register's record pages (included in the language patterns; the path
words are translated, the slug is ASCII from the Finnish name, the UUID finds the record)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from ecosystem.pages import views

app_name = "ecosystem_pages"
urlpatterns = [
    path(
        pgettext_lazy("URL path", "register/organisations/<slug:slug>-<uuid:pk>/"),
        views.organisation_page,
        name="organisation",
    ),
    path(
        pgettext_lazy("URL path", "register/services/<slug:slug>-<uuid:pk>/"),
        views.service_page,
        name="service",
    ),
]
