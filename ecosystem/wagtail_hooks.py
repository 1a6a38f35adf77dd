"""Admin wiring of the ecosystem register (the viewsets live in ecosystem.register.viewsets)."""

from wagtail.snippets.models import register_snippet

from ecosystem.exchange.admin_views import register_exchange_admin  # import / export page
from ecosystem.register.viewsets import EcosystemViewSetGroup

register_snippet(EcosystemViewSetGroup)
register_exchange_admin(EcosystemViewSetGroup)
