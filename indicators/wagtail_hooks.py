"""Admin wiring of the indicators (viewsets in indicators.viewsets, import page in
indicators.admin_views)."""

from wagtail.snippets.models import register_snippet

from indicators.admin_views import register_exchange_admin
from indicators.viewsets import IndicatorsViewSetGroup

register_snippet(IndicatorsViewSetGroup)
register_exchange_admin(IndicatorsViewSetGroup)
