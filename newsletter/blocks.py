"""The blocks a newsletter issue is composed of.

The text blocks are the portal's own (cms_pages.blocks), so an issue on the web looks like
any other page. Each block also has an email template (templates/newsletter/email/blocks/),
because an email needs table layout, absolute links and no site stylesheet.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms_pages.blocks import CalloutBlock, HeadingBlock, ImageBlock, ParagraphBlock, QuoteBlock


class NewsItemsBlock(blocks.StructBlock):
    """Pulls chosen pages (news articles once they exist, any page until then) into the issue:
    title, summary and a link to each."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Pages"))

    class Meta:
        icon = "list-ul"
        label = _("News items")
        template = "newsletter/blocks/news_items.html"


class IssueBodyBlock(blocks.StreamBlock):
    """The body of a newsletter issue."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    news_items = NewsItemsBlock()
    callout = CalloutBlock()
