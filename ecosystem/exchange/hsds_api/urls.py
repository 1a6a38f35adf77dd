"""Addresses of the HSDS API, under /api/hsds/ (no language prefix: errors follow
Accept-Language)."""

from django.urls import path, re_path

from ecosystem.exchange.hsds_api import dataset, views

app_name = "hsds_api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi_description, name="openapi"),
    re_path(r"^schema/(?P<name>(?:compiled/)?[a-z_]+\.json)$", views.schema_file, name="schema"),
    path(f"download/{dataset.ZIP_NAME}", dataset.download_zip, name="download"),
    path("services", views.services, name="services"),
    path("services/<str:pk>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:pk>", views.organization, name="organization"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:pk>", views.service_at_location, name="service_at_location"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", views.taxonomy_term, name="taxonomy_term"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
