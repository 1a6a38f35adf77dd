"""Admin wiring of the ecosystem register (the viewsets live in ecosystem.register.viewsets)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from ecosystem.exchange.admin_views import register_exchange_admin  # import / export page
from ecosystem.register.viewsets import EcosystemViewSetGroup
from ecosystem.stewardship.admin_views import register_stewardship_admin  # proposals

register_snippet(EcosystemViewSetGroup)
register_exchange_admin(EcosystemViewSetGroup)


@hooks.register("insert_global_admin_css")
def register_listing_css() -> str:
    """Listing columns that keep names whole (admin-register.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-register.css"))


register_stewardship_admin(EcosystemViewSetGroup)
