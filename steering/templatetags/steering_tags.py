"""The link to the steering area, for the users who may open it.

Anonymous visitors get nothing without a database query, so pages rendered for them (the
ones the anonymous page cache stores) never carry the link.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from wagtail.models import Page

from cms_pages.shell import active_language
from steering.models import SteeringAreaPage
from steering.privacy import user_may_view_area

register = template.Library()


@dataclass(frozen=True)
class AreaLink:
    title: str
    url: str
    # "page" on the area itself, "true" below it, else "".
    current: str


def area_link_for(request, page=None) -> AreaLink | None:
    """The live steering area in the current language (else Finnish) for a user who may
    open it; None for everyone else."""
    user = getattr(request, "user", None)
    if request is None or not user_may_view_area(user):
        return None
    areas = {
        area.locale.language_code: area
        for area in SteeringAreaPage.objects.live().select_related("locale")
    }
    area = areas.get(active_language()) or areas.get(settings.LANGUAGE_CODE)
    if area is None:
        return None
    url = area.get_url(request)
    if not url:
        return None
    current = ""
    if page is not None and getattr(page, "url_path", None):
        if page.pk == area.pk:
            current = "page"
        elif page.url_path.startswith(area.url_path):
            current = "true"
    return AreaLink(area.title, url, current)


@register.simple_tag(takes_context=True)
def steering_area_link(context):
    """`{% steering_area_link as link %}`: the area's title, URL and whether it is current."""
    page = context.get("page")
    return area_link_for(context.get("request"), page if isinstance(page, Page) else None)
