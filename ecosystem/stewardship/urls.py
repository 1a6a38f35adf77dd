"""Stewards' pages, under the account area: /accounts/organisations/ (and /sv/…, /en/…).

`ecosystem_stewardship:propose` takes the record's kind ("service" or "organisation") and
UUID, so organisation and service pages can link to it; kind "new" with an organisation's
UUID proposes a new service of that organisation.
"""

from django.urls import path

from ecosystem.stewardship import views

app_name = "ecosystem_stewardship"

urlpatterns = [
    path("", views.OrganisationsView.as_view(), name="organisations"),
    path("propose/<str:kind>/<uuid:pk>/", views.ProposeView.as_view(), name="propose"),
    path("checked/<str:token>/", views.StillCorrectView.as_view(), name="still_correct"),
]
