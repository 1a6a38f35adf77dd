"""An admin edit-form panel linking a saved organisation or service to where the public
sees it: its own page and the service map focused on it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from wagtail.admin.panels import Panel

from ecosystem.models import Service
from ecosystem.models.map_page import EcosystemMapPage
from ecosystem.register.permalinks import record_page_url


class RecordLinksPanel(Panel):
    """ "Public page" and "Show on the map" links (shown once the record is saved)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "ecosystem/register/record_links_panel.html"

        def is_shown(self) -> bool:
            instance = self.instance
            return bool(instance is not None and instance.pk and not instance._state.adding)

        def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            instance = self.instance
            kind = "svc" if isinstance(instance, Service) else "org"
            pages = EcosystemMapPage.objects.live().public()
            language = get_language()
            page = pages.filter(locale__language_code=language).first() or pages.first()
            map_url = (page.get_url() if page else None) or reverse("ecosystem:map_text")
            context["page_url"] = record_page_url(kind, instance.pk, instance.name_fi)
            context["map_url"] = f"{map_url}?focus={kind}:{instance.pk}"
            context["partner_only"] = instance.visibility != "public"
            return context
