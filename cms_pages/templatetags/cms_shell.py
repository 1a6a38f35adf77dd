"""Template tags of the site shell (templates/base.html)."""

from django import template
from wagtail.models import Page

from cms_pages.shell import build_shell

register = template.Library()


@register.simple_tag(takes_context=True)
def site_shell(context):
    """The header and footer data: `{% site_shell as shell %}`.

    Works without a request too (the 500 page), then without touching the database.
    """
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    return build_shell(context.get("request"), page)
