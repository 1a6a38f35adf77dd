"""Admin wiring of the ecosystem register (the viewsets live in ecosystem.register.viewsets)."""

from wagtail.snippets.models import register_snippet

from ecosystem.exchange.admin_views import register_exchange_admin  # import / export page
from ecosystem.register.viewsets import EcosystemViewSetGroup
from ecosystem.stewardship.admin_views import register_stewardship_admin  # proposals

register_snippet(EcosystemViewSetGroup)
register_exchange_admin(EcosystemViewSetGroup)
register_stewardship_admin(EcosystemViewSetGroup)
