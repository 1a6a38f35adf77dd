"""The open data page, in the language patterns (/avoin-data/, /sv/oppna-data/, /en/open-data/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from ecosystem.exchange.hsds_api import dataset

urlpatterns = [
    path(_("open-data/"), dataset.open_data_page, name="open_data"),
]
