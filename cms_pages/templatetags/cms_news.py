"""Template helpers of the news, event and search pages."""

from django import template

register = template.Library()

SUMMARY_FIELDS = ("search_description", "lead", "intro")


@register.filter
def page_summary(page) -> str:
    """The page's search description, else its lead or introduction ("" when none)."""
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
