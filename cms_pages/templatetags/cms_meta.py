"""Tags of the page metadata in templates/base.html: description and Open Graph tags."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from portal.site_url import absolute_url

register = template.Library()

# Open Graph wants language_TERRITORY: Finnish and Swedish of Finland, British English.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The nodelist's output is already escaped by autoescaping: safe to reuse as is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render once, use as {{ name }} anywhere
    after (a block such as the page title, reused in <title> and og:title)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag
def og_locales(language: str) -> dict:
    """{"current": "fi_FI", "alternates": ["sv_FI", "en_GB"]} for the page's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    current = language if language in codes else settings.LANGUAGE_CODE
    return {
        "current": OG_LOCALES.get(current, current),
        "alternates": [OG_LOCALES.get(code, code) for code in codes if code != current],
    }


@register.simple_tag
def default_share_image(language: str) -> str:
    """The absolute address of the site's default sharing image in that language (it carries
    the EU emblem and "Co-funded by the European Union")."""
    code = language if language in OG_LOCALES else settings.LANGUAGE_CODE
    return absolute_url(static(f"img/share/keko-share-{code}.png"))


@register.filter
def absolute(url: str) -> str:
    """A path of this site as an absolute address on BASE_URL (an absolute address, such as
    a CDN's, stays as it is)."""
    if url.startswith(("http://", "https://")):
        return url
    return absolute_url(url)
